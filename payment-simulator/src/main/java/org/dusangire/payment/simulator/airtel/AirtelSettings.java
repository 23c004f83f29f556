package org.dusangire.payment.simulator.airtel;

import java.math.BigDecimal;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** Immutable settings of one Airtel simulator, built by {@link AirtelMoneySimulatorBuilder}. */
record AirtelSettings(String clientId, String clientSecret, String country, String currency,
                      String callingCode, int nationalLength, Duration tokenLifetime,
                      boolean expiresInAsString, Clock clock, boolean docsSuccessQuirk,
                      boolean messageSigning, KeyPair keyPair, String callbackPrivateKey,
                      Set<String> unknownSubscribers, BigDecimal minimumAmount,
                      int notFoundHttpStatus) {

    boolean callbackAuthentication() {
        return callbackPrivateKey != null;
    }
}
