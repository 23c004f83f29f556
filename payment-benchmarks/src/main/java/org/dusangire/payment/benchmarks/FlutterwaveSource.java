package org.dusangire.payment.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.gateway.flutterwave.FlutterwaveConfig;
import org.dusangire.payment.gateway.flutterwave.FlutterwaveGateway;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveSimulator;
import org.dusangire.payment.simulator.flutterwave.WebhookDelivery;
import org.dusangire.payment.simulator.flutterwave.WebhookScheme;

/**
 * Flutterwave: card payments through hosted checkout; the simulator builds and signs each
 * webhook ({@code flutterwave-signature}, HMAC-SHA256 over the body) and, held back by a fault
 * rule, records it instead of sending it, so the benchmark can post the exact bytes itself.
 */
final class FlutterwaveSource implements WebhookSource {
    private static final Money AMOUNT = Money.of("1000", "UGX");
    private static final Payer PAYER = new Payer(Msisdn.parse("+256772123456"),
            "patient@example.org", "Test Patient");

    private final FlutterwaveSimulator simulator;
    private final PaymentGateway gateway;
    private final HttpClient bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    FlutterwaveSource() {
        simulator = FlutterwaveSimulator.builder().webhookScheme(WebhookScheme.FLUTTERWAVE_SIGNATURE)
                .webhookUrl(URI.create("http://localhost:9/payments/webhooks/flutterwave"))
                .threads(32).build().start();
        simulator.inject(new FaultRule("WEBHOOK", Fault.of(FaultKind.CALLBACK_NEVER_SENT),
                FaultRule.UNLIMITED, 1.0));
        gateway = new FlutterwaveGateway(FlutterwaveConfig.builder()
                .environment(PaymentEnvironment.SANDBOX)
                .secretKey(simulator.secretKey())
                .publicKey(simulator.publicKey())
                .secretHash(simulator.secretHash())
                .baseUrl(simulator.apiBaseUri())
                .build());
    }

    @Override
    public PaymentGateway gateway() {
        return gateway;
    }

    @Override
    public CheckoutRequest checkout(long seq) {
        return CheckoutRequest.builder().orderReference("BILL-" + seq).money(AMOUNT)
                .method(PaymentMethod.CARD).payer(PAYER)
                .idempotencyKey("flw-" + UUID.randomUUID()).description("Hospital bill").build();
    }

    @Override
    public List<Delivery> pay(List<Payment> payments) {
        for (Payment p : payments) {
            simulator.payByCard(p.providerReference());
        }
        Set<String> refs = new HashSet<>();
        payments.forEach(p -> refs.add(p.providerReference()));
        List<WebhookDelivery> recorded = new ArrayList<>();
        for (WebhookDelivery d : simulator.webhookDeliveries()) {
            if (refs.contains(txRef(d.body()))) {
                recorded.add(d);
            }
        }
        recorded.sort(Comparator.comparingLong(WebhookDelivery::transactionId));
        List<Delivery> out = new ArrayList<>();
        for (WebhookDelivery d : recorded) {
            out.add(new Delivery("POST", "/payments/webhooks/flutterwave", Map.copyOf(d.headers()),
                    d.body()));
        }
        if (out.size() != payments.size()) {
            throw new IllegalStateException(out.size() + " webhooks for " + payments.size() + " payments");
        }
        return out;
    }

    private String txRef(byte[] body) {
        try {
            return mapper.readTree(body).path("data").path("tx_ref").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable webhook body", e);
        }
    }

    @Override
    public boolean bareConfirm(String path, byte[] body) throws Exception {
        JsonNode txRef = mapper.readTree(body).findValue("tx_ref");
        if (txRef == null) {
            return false;
        }
        HttpResponse<byte[]> r = bare.send(HttpRequest.newBuilder(URI.create(simulator.apiBaseUri()
                        + "/transactions/verify_by_reference?tx_ref="
                        + URLEncoder.encode(txRef.asText(), StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + simulator.secretKey())
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200 && mapper.readTree(r.body()).path("data").hasNonNull("status");
    }

    @Override
    public Hint bareAuthenticate(String path, Map<String, String> headers, byte[] body)
            throws Exception {
        String given = headers.get("flutterwave-signature");
        if (given == null) {
            return null;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(simulator.secretHash().getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        byte[] expected = Base64.getEncoder().encode(mac.doFinal(body));
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        JsonNode data = mapper.readTree(body).path("data");
        return new Hint("charge.completed:" + data.path("id").asText() + ":"
                + data.path("status").asText(), data.path("tx_ref").asText(), null);
    }

    @Override
    public Confirmed bareStatus(String reference) throws Exception {
        HttpResponse<byte[]> r = bare.send(HttpRequest.newBuilder(URI.create(simulator.apiBaseUri()
                        + "/transactions/verify_by_reference?tx_ref="
                        + URLEncoder.encode(reference, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + simulator.secretKey())
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            return null;
        }
        JsonNode data = mapper.readTree(r.body()).path("data");
        String status = switch (data.path("status").asText()) {
            case "successful" -> "SUCCEEDED";
            case "failed", "cancelled" -> "FAILED";
            default -> "PENDING";
        };
        return new Confirmed(status, data.path("amount").decimalValue(),
                data.path("currency").asText());
    }

    @Override
    public void close() {
        simulator.close();
    }
}
