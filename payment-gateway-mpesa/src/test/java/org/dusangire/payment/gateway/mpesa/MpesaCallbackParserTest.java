package org.dusangire.payment.gateway.mpesa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.WebhookNotification;
import org.dusangire.payment.gateway.http.JsonCodec;
import org.junit.jupiter.api.Test;

class MpesaCallbackParserTest {
    private static final String PAYMENT = UUID.randomUUID().toString();
    private static final String TOKEN = "tok_" + UUID.randomUUID().toString().replace("-", "");
    private static final String PAID = "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"1-2-1\","
            + "\"CheckoutRequestID\":\"ws_CO_191220191020363925\",\"ResultCode\":0,\"ResultDesc\":\"ok\","
            + "\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":100},"
            + "{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"NLJ7RT61SV\"}]}}}}";
    private static final String CANCELLED = "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"1-2-1\","
            + "\"CheckoutRequestID\":\"ws_CO_191220191020363925\",\"ResultCode\":\"1032\","
            + "\"ResultDesc\":\"Request cancelled by user\"}}}";

    private final MpesaCallbackParser parser = new MpesaCallbackParser("mpesa-2", JsonCodec.create());

    private static InboundRequest post(String path, String body) {
        return InboundRequest.builder("POST").path(path).header("Content-Type", "application/json")
                .body(body).build();
    }

    @Test
    void anAuthenticLookingCallbackNamesThePaymentTheTokenAndTheReceipt() {
        WebhookNotification n = parser.parse(post(PAYMENT + "/" + TOKEN, PAID));

        assertThat(n.paymentReference()).isEqualTo(PAYMENT);
        assertThat(n.callbackToken()).isEqualTo(TOKEN);
        assertThat(n.reportedStatus()).isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(n.providerTransactionId()).isEqualTo("NLJ7RT61SV");
        assertThat(n.providerReference()).isEqualTo("ws_CO_191220191020363925");
        assertThat(n.eventKey()).isEqualTo("mpesa-2:" + PAYMENT + ":ws_CO_191220191020363925:0:NLJ7RT61SV");
    }

    @Test
    void theSameDeliveryHasTheSameKeyAndAnotherOutcomeAnother() {
        String once = parser.parse(post(PAYMENT + "/" + TOKEN, PAID)).eventKey();
        String twice = parser.parse(post(PAYMENT + "/" + TOKEN, PAID)).eventKey();
        WebhookNotification cancelled = parser.parse(post(PAYMENT + "/" + TOKEN, CANCELLED));

        assertThat(once).isEqualTo(twice);
        assertThat(cancelled.eventKey()).isNotEqualTo(once).endsWith(":1032:-");
        assertThat(cancelled.reportedStatus()).isEqualTo(ProviderStatus.CANCELLED);
    }

    @Test
    void aPathWithoutAPlausibleTokenIsNotAuthentic() {
        for (String path : new String[] {PAYMENT, PAYMENT + "/", PAYMENT + "/short", PAYMENT + "/bad token!!"}) {
            assertThatThrownBy(() -> parser.parse(post(path, PAID)))
                    .isInstanceOfSatisfying(WebhookRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(WebhookRejectedException.Reason.AUTHENTICATION));
        }
    }

    @Test
    void anythingElseOddIsMalformed() {
        String[][] cases = {
                {"POST", "not-a-payment/" + TOKEN, PAID},
                {"POST", PAYMENT + "/" + TOKEN + "/extra", PAID},
                {"POST", "", PAID},
                {"PUT", PAYMENT + "/" + TOKEN, PAID},
                {"POST", PAYMENT + "/" + TOKEN, "{\"Body\": [unterminated"},
                {"POST", PAYMENT + "/" + TOKEN, "{\"Body\":{}}"},
                {"POST", PAYMENT + "/" + TOKEN, "{\"Body\":{\"stkCallback\":{\"ResultCode\":0}}}"}};
        for (String[] c : cases) {
            InboundRequest request = InboundRequest.builder(c[0]).path(c[1]).body(c[2]).build();
            assertThatThrownBy(() -> parser.parse(request)).as("%s %s %s", (Object[]) c)
                    .isInstanceOfSatisfying(WebhookRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(WebhookRejectedException.Reason.MALFORMED));
        }
    }
}
