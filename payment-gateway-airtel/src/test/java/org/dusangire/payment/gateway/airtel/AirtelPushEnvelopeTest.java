package org.dusangire.payment.gateway.airtel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.Currency;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.GatewayRejectedException;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.dusangire.payment.core.model.Payment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * A push answered HTTP 200 is judged by its whole envelope (provider reference §B.3.2): accepted
 * only when nothing in it says otherwise, refused when it says so unanimously, and otherwise the
 * outcome is unknown (never FAILED while money might move); unknown codes are logged without the
 * payer's number.
 */
class AirtelPushEnvelopeTest {
    private final CannedAirtel canned = new CannedAirtel();
    private final AirtelMoneyGateway gateway = AirtelMoneyGateway.builder(AirtelMoneyConfig.builder()
            .clientId("canned").clientSecret(Secret.of("canned-secret")).country("UG")
            .currency(Currency.getInstance("UGX")).baseUrl(canned.baseUri())
            .requestTimeout(Duration.ofSeconds(5)).maxAttempts(1).build())
            .sleeper(d -> { }).build();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AirtelMoneyGateway.class);

    AirtelPushEnvelopeTest() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logs);
        canned.close();
    }

    private static String envelope(String code, String resultCode, String responseCode, String success) {
        StringBuilder status = new StringBuilder("{\"message\":\"m\"");
        if (code != null) {
            status.append(",\"code\":").append(code);
        }
        if (resultCode != null) {
            status.append(",\"result_code\":\"").append(resultCode).append('"');
        }
        if (responseCode != null) {
            status.append(",\"response_code\":\"").append(responseCode).append('"');
        }
        if (success != null) {
            status.append(",\"success\":").append(success);
        }
        return "{\"data\":{\"transaction\":{\"id\":\"x\",\"status\":\"SUCCESS\"}},\"status\":"
                + status + "}}";
    }

    private Runnable push(String body) {
        canned.push(200, body);
        Payment p = AirtelFixture.payment();
        return () -> gateway.initiate(AirtelFixture.initiation(p));
    }

    @Test
    void theDocumentedAcceptanceIsAccepted() {
        canned.push(200, envelope("\"200\"", "ESB000010", "DP00800001006", "true"));

        assertThat(gateway.initiate(AirtelFixture.initiation(AirtelFixture.payment())).rawResponse())
                .contains("DP00800001006");
        assertThat(canned.pushes.get()).isEqualTo(1);
    }

    @Test
    void numbersAsNumbersAndBooleansAsTextAreReadAlike() {
        canned.push(200, envelope("200", "ESB000010", "DP00800001006", "\"true\""));

        assertThat(gateway.initiate(AirtelFixture.initiation(AirtelFixture.payment()))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // "in process" beside a failing status.code and success false
        "{\"status\":{\"code\":\"400\",\"response_code\":\"DP00800001006\",\"success\":false}}",
        // "in process" beside the failed result code
        "{\"status\":{\"code\":\"200\",\"result_code\":\"ESB000011\",\"response_code\":\"DP00800001006\",\"success\":false}}",
        // "in process" beside a refusing result code, success true
        "{\"status\":{\"code\":\"200\",\"result_code\":\"ESB000035\",\"response_code\":\"DP00800001006\",\"success\":true}}",
        // "in process" beside a server error in the body
        "{\"status\":{\"code\":\"500\",\"result_code\":\"ESB000010\",\"response_code\":\"DP00800001006\",\"success\":true}}",
        // the enquiry's success:false quirk on a push
        "{\"status\":{\"code\":\"200\",\"result_code\":\"ESB000010\",\"response_code\":\"DP00800001006\",\"success\":false}}",
        // success result code beside a refusing response code
        "{\"status\":{\"code\":\"200\",\"result_code\":\"ESB000010\",\"response_code\":\"DP00800001007\",\"success\":true}}"
    })
    void anEnvelopeThatContradictsItsInProcessCodeLeavesTheOutcomeUnknown(String body) {
        assertThatThrownBy(() -> push(body).run()).isInstanceOf(GatewayUnavailableException.class)
                .hasMessageContaining("outcome is unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"status\":{\"code\":\"400\",\"response_code\":\"DP00800001005\",\"success\":false,\"message\":\"Msisdn Not Found\"}}",
        "{\"status\":{\"code\":\"200\",\"response_code\":\"DP00800001007\",\"success\":false}}",
        "{\"status\":{\"code\":400,\"result_code\":\"ESB000011\",\"success\":\"false\"}}",
        "{\"status\":{\"code\":\"400\",\"result_code\":\"ROUTER112\",\"success\":false}}"
    })
    void anEnvelopeThatRefusesThroughoutIsARefusalWithItsCode(String body) {
        assertThatThrownBy(() -> push(body).run()).isInstanceOf(GatewayRejectedException.class)
                .extracting("providerCode").isIn("DP00800001005", "DP00800001007", "ESB000011", "ROUTER112");
    }

    @Test
    void aFailingStatusCodeAloneIsARefusalButSuccessFalseAloneIsNot() {
        assertThatThrownBy(() -> push("{\"status\":{\"code\":\"403\",\"success\":false}}").run())
                .isInstanceOf(GatewayRejectedException.class).extracting("providerCode").isEqualTo("403");
        assertThatThrownBy(() -> push("{\"status\":{\"success\":false}}").run())
                .isInstanceOf(GatewayUnavailableException.class);
    }

    @Test
    void anAmbiguousCodeLeavesTheOutcomeUnknown() {
        assertThatThrownBy(() -> push(envelope("\"200\"", "ESB000001", "DP00800001006", "true")).run())
                .isInstanceOf(GatewayUnavailableException.class).hasMessageContaining("ambiguous");
        assertThatThrownBy(() -> push(envelope("\"200\"", "ESB000010", "DP00800001000", "false")).run())
                .isInstanceOf(GatewayUnavailableException.class).hasMessageContaining("ambiguous");
    }

    @Test
    void anUnknownCodeIsLoggedAndLeavesTheOutcomeUnknown() {
        Runnable unknownResponse = push(envelope("\"200\"", "ESB000010", "DP00800009999", "true"));
        assertThatThrownBy(unknownResponse::run).isInstanceOf(GatewayUnavailableException.class)
                .extracting("providerCode").isEqualTo("DP00800009999");
        Runnable unknownResult = push(envelope("\"200\"", "ESB000777", "DP00800001006", "true"));
        assertThatThrownBy(unknownResult::run).isInstanceOf(GatewayUnavailableException.class);

        var warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("DP00800009999").contains("unknown");
        assertThat(warnings.get(1)).contains("ESB000777");
        assertThat(String.join("\n", warnings)).doesNotContain("752604392").doesNotContain("canned-secret");
    }

    @Test
    void anUnknownCodeInAnAnswerThatOtherwiseRefusesIsKeptVerbatimAsTheReason() {
        assertThatThrownBy(() -> push("{\"status\":{\"code\":\"400\",\"result_code\":\"ESB000999\","
                + "\"success\":false}}").run())
                .isInstanceOf(GatewayRejectedException.class).extracting("providerCode")
                .isEqualTo("ESB000999");
    }

    @Test
    void anEnvelopeWithoutAnyCodeLeavesTheOutcomeUnknown() {
        assertThatThrownBy(() -> push("{\"status\":{\"code\":\"200\",\"success\":true}}").run())
                .isInstanceOf(GatewayUnavailableException.class);
        assertThatThrownBy(() -> push("{\"data\":{}}").run())
                .isInstanceOf(GatewayUnavailableException.class);
    }
}
