package org.dusangire.payment.gateway.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.WebhookNotification;
import org.dusangire.payment.gateway.http.JsonCodec;
import org.junit.jupiter.api.Test;

class FlutterwaveWebhookParserTest {

    private final WebhookParser parser = new WebhookParser(JsonCodec.create());

    private WebhookNotification parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheV3EnvelopeWithALongId() {
        var n = parse("{\"event\":\"charge.completed\",\"data\":{\"id\":2147484648,\"tx_ref\":\"ref-1\","
                + "\"status\":\"successful\",\"amount\":1500},\"event.type\":\"CARD_TRANSACTION\"}");

        assertThat(n.paymentReference()).isEqualTo("ref-1");
        assertThat(n.providerTransactionId()).isEqualTo("2147484648");
        assertThat(n.reportedStatus()).isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(n.eventKey()).isEqualTo("charge.completed:2147484648:successful");
        assertThat(n.callbackToken()).isNull();
    }

    @Test
    void readsTheLegacyFlatShapeWithTheSameEventKey() {
        var n = parse("{\"id\":\"2147484648\",\"txRef\":\"ref-1\",\"flwRef\":\"FLW-MOCK-1\","
                + "\"status\":\"successful\",\"event.type\":\"CARD_TRANSACTION\"}");

        assertThat(n.paymentReference()).isEqualTo("ref-1");
        assertThat(n.eventKey()).isEqualTo("charge.completed:2147484648:successful");
    }

    @Test
    void readsTheV4ShapeAndFailedAndPendingHints() {
        var v4 = parse("{\"id\":\"wbk_1\",\"type\":\"charge.completed\",\"data\":{\"id\":\"chg_9\","
                + "\"reference\":\"ref-4\",\"status\":\"succeeded\"}}");
        var failed = parse("{\"event\":\"charge.completed\",\"data\":{\"id\":5,\"tx_ref\":\"r\",\"status\":\"failed\"}}");
        var odd = parse("{\"event\":\"charge.completed\",\"data\":{\"id\":6,\"tx_ref\":\"r\",\"status\":\"weird\"}}");

        assertThat(v4.paymentReference()).isEqualTo("ref-4");
        assertThat(v4.reportedStatus()).isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(failed.reportedStatus()).isEqualTo(ProviderStatus.FAILED);
        assertThat(odd.reportedStatus()).isEqualTo(ProviderStatus.UNKNOWN);
    }

    @Test
    void otherEventsAreKeptButNameNoPayment() {
        var transfer = parse("{\"event\":\"transfer.completed\",\"data\":{\"id\":77,\"status\":\"SUCCESSFUL\","
                + "\"reference\":\"x\"}}");
        var refund = parse("{\"id\":12,\"AmountRefunded\":100,\"status\":\"completed\",\"TransactionId\":5}");
        var unknown = parse("{\"hello\":\"world\"}");

        for (var n : new WebhookNotification[] {transfer, refund, unknown}) {
            assertThat(n.paymentReference()).isNull();
            assertThat(n.reportedStatus()).isEqualTo(ProviderStatus.UNKNOWN);
        }
        assertThat(transfer.eventKey()).isEqualTo("transfer.completed:77:SUCCESSFUL");
        assertThat(refund.eventKey()).startsWith("refund:12:");
        assertThat(unknown.eventKey()).isEqualTo(parse("{\"hello\":\"world\"}").eventKey());
    }

    @Test
    void garbledBodiesAndEmptyChargesAreMalformed() {
        for (String body : new String[] {"", "{\"data\": [unterminated", "[1,2]", "\"text\"",
                "{\"event\":\"charge.completed\",\"data\":{\"status\":\"successful\"}}"}) {
            assertThatThrownBy(() -> parse(body)).as(body)
                    .isInstanceOfSatisfying(WebhookRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(WebhookRejectedException.Reason.MALFORMED));
        }
    }
}
