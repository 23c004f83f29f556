package org.dusangire.payment.gateway.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.port.InboundRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A sandbox without {@code FLUTTERWAVE_SECRET_HASH} refuses every webhook; the host is told so at
 * start-up, and each refusal says why at WARN, without the header value or the secret.
 */
class FlutterwaveUnsetHashWarningTest {
    private static final String SENT_HEADER = "header-value-the-sender-chose-0042";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("org.dusangire.payment.gateway.flutterwave");

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    private List<ILoggingEvent> warnings() {
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }

    private static FlutterwaveGateway gateway(String secretHash, boolean allowUnsigned) {
        return new FlutterwaveGateway(FlutterwaveConfig.builder()
                .secretKey("FLWSECK_TEST-FAKE-KEY-FOR-TESTS-ONLY-X").secretHash(secretHash)
                .allowUnsignedWebhooks(allowUnsigned).build());
    }

    @Test
    void constructionWarnsWhenTheSecretHashIsUnset() {
        gateway(null, false);

        assertThat(warnings()).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains(FlutterwaveConfig.SECRET_HASH).contains("refused"));
    }

    @Test
    void constructionWarnsWhenUnsignedWebhooksAreAllowed() {
        gateway(null, true);

        assertThat(warnings()).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .contains(FlutterwaveConfig.SECRET_HASH)
                .contains(FlutterwaveConfig.ALLOW_UNSIGNED_WEBHOOKS));
    }

    @Test
    void constructionWithASecretHashDoesNotWarn() {
        gateway("a-dashboard-hash", false);

        assertThat(warnings()).isEmpty();
    }

    @Test
    void everyRefusedWebhookLogsItsReasonAtWarnWithoutTheHeaderValue() {
        FlutterwaveGateway unset = gateway(null, false);
        FlutterwaveGateway set = gateway("the-dashboard-hash-0042", false);
        appender.list.clear();
        InboundRequest request = InboundRequest.builder("POST")
                .body("{\"event\":\"charge.completed\"}".getBytes(StandardCharsets.UTF_8))
                .header("verif-hash", SENT_HEADER).build();

        assertThatThrownBy(() -> unset.parseWebhook(request)).isInstanceOf(WebhookRejectedException.class);
        assertThatThrownBy(() -> set.parseWebhook(request)).isInstanceOf(WebhookRejectedException.class);

        List<String> logged = warnings().stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(logged).hasSize(2);
        assertThat(logged.get(0)).contains(FlutterwaveConfig.SECRET_HASH).contains("not set");
        assertThat(logged.get(1)).contains("does not match");
        assertThat(String.join("\n", logged)).doesNotContain(SENT_HEADER)
                .doesNotContain("the-dashboard-hash-0042");
    }
}
