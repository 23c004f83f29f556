package org.dusangire.payment.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.service.CheckoutRequest;

/** MTN: unsigned callbacks whose path carries the payment's token. */
final class MtnSource implements WebhookSource {
    private final MtnFixture mtn = new MtnFixture();
    private final ObjectMapper mapper = new ObjectMapper();
    private final PaymentGateway gateway = mtn.gateway(Clock.systemUTC());

    /** Also fetches the bare client's token, for the confirming floor's status queries. */
    MtnSource() throws IOException, InterruptedException {
        try {
            mtn.bareLogin();
        } catch (IOException | InterruptedException | RuntimeException e) {
            mtn.close();
            throw e;
        }
    }

    @Override
    public PaymentGateway gateway() {
        return gateway;
    }

    @Override
    public CheckoutRequest checkout(long seq) {
        return Checkouts.mtn(seq);
    }

    @Override
    public List<Delivery> pay(List<Payment> payments) {
        List<Delivery> out = new ArrayList<>();
        long tx = 5_000_000L;
        for (Payment p : payments) {
            String ref = p.id().toString();
            mtn.simulator.approve(ref);
            String body = "{\"financialTransactionId\":\"" + (tx++) + "\",\"externalId\":\"" + ref
                    + "\",\"amount\":\"" + MtnFixture.AMOUNT + "\",\"currency\":\"UGX\","
                    + "\"payer\":{\"partyIdType\":\"MSISDN\",\"partyId\":\"" + MtnFixture.PAYER
                    + "\"},\"payerMessage\":\"Payment to Dusangire Hospital\","
                    + "\"payeeNote\":\"Order\",\"status\":\"SUCCESSFUL\"}";
            out.add(new Delivery("PUT", "/payments/webhooks/mtn-momo/" + ref + "/" + p.callbackToken(),
                    Map.of(), body.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Override
    public boolean bareConfirm(String path, byte[] body) throws Exception {
        // .../mtn-momo/{reference}/{token}
        String[] segments = path.split("/");
        return mtn.bareStatus(segments[segments.length - 2]);
    }

    @Override
    public Hint bareAuthenticate(String path, Map<String, String> headers, byte[] body)
            throws Exception {
        // .../mtn-momo/{reference}/{token}: MTN signs nothing, the token is compared with the
        // stored one by the floor
        String[] segments = path.split("/");
        String ref = segments[segments.length - 2];
        JsonNode callback = mapper.readTree(body);
        return new Hint(ref + ":" + callback.path("financialTransactionId").asText() + ":"
                + callback.path("status").asText(), ref, segments[segments.length - 1]);
    }

    @Override
    public Confirmed bareStatus(String reference) throws Exception {
        JsonNode answer = mtn.bareStatusOf(reference);
        if (answer == null) {
            return null;
        }
        String status = switch (answer.path("status").asText()) {
            case "SUCCESSFUL" -> "SUCCEEDED";
            case "FAILED", "REJECTED", "TIMEOUT" -> "FAILED";
            default -> "PENDING";
        };
        return new Confirmed(status, new BigDecimal(answer.path("amount").asText()),
                answer.path("currency").asText());
    }

    @Override
    public void close() {
        mtn.close();
    }
}
