package org.dusangire.payment.simulator.flutterwave;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;

/** Fixed settings of one Flutterwave simulator. */
record FlwSettings(String secretKey, String publicKey, String secretHash, WebhookScheme scheme,
                   WebhookShape shape, boolean webhookRetries, int maxWebhookRetries,
                   Duration webhookRetryInterval, boolean failedWebhooks, boolean customerPaysFees,
                   BigDecimal feeRate, int notFoundStatus, String refundStatus,
                   int refundPageSize, Clock clock) {

    /** Test keys carry {@code _TEST}: the same host then serves test-mode data. */
    boolean testMode() {
        return secretKey.startsWith("FLWSECK_TEST");
    }
}
