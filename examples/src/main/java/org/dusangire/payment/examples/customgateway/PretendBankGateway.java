package org.dusangire.payment.examples.customgateway;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.error.WebhookRejectedException.Reason;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.InitiationResult;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.core.port.WebhookNotification;

/**
 * Adding a gateway of your own, in one file: the bank-transfer adapter for {@link PretendBank}.
 * It shows the four duties of a gateway: start the payment under our reference, map the
 * provider's status honestly (unknown is never failed), authenticate webhooks over the raw bytes
 * in constant time, and leave every decision about the payment to the core. Its test extends the
 * testkit's {@code PaymentGatewayContract}.
 *
 * <p>Webhooks are {@code <reference>:<STATE>} signed with {@code X-Bank-Signature:
 * base64(HMAC-SHA256(secret, body))}.
 */
public final class PretendBankGateway implements PaymentGateway {
    public static final String NAME = "pretend-bank";
    public static final String SIGNATURE_HEADER = "X-Bank-Signature";

    private final PretendBank bank;
    private final Secret webhookSecret;

    public PretendBankGateway(PretendBank bank, Secret webhookSecret) {
        this.bank = bank;
        this.webhookSecret = webhookSecret;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<PaymentMethod> methods() {
        return Set.of(PaymentMethod.BANK_TRANSFER);
    }

    @Override
    public InitiationResult initiate(InitiationRequest request) {
        Payment p = request.payment();
        bank.open(p.providerReference(), p.money().amount(), p.money().currency().getCurrencyCode());
        return InitiationResult.accepted("{\"state\":\"OPEN\"}");
    }

    @Override
    public StatusReport checkStatus(Payment payment) {
        return bank.find(payment.providerReference()).map(t -> {
            ProviderStatus status = t.state().equals("OPEN") ? ProviderStatus.PENDING
                    : t.state().equals("SETTLED") ? ProviderStatus.SUCCEEDED
                    : t.state().startsWith("CLOSED:") ? ProviderStatus.FAILED
                    : ProviderStatus.UNKNOWN;
            String reason = status == ProviderStatus.FAILED ? t.state().substring(7) : null;
            return new StatusReport(status, t.reference(), Money.of(t.amount(), t.currency()),
                    t.bankTransactionId(), reason, "{\"state\":\"" + t.state() + "\"}");
        }).orElse(StatusReport.of(ProviderStatus.NOT_FOUND, null));
    }

    @Override
    public WebhookNotification parseWebhook(InboundRequest request) {
        String signature = request.header(SIGNATURE_HEADER).orElseThrow(() ->
                new WebhookRejectedException(Reason.AUTHENTICATION, NAME, "signature header missing"));
        byte[] expected = sign(webhookSecret, request.body()).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new WebhookRejectedException(Reason.AUTHENTICATION, NAME, "signature does not match");
        }
        String[] parts = request.bodyAsString().split(":", 2);
        if (parts.length != 2 || parts[0].isBlank()) {
            throw new WebhookRejectedException(Reason.MALFORMED, NAME, "expected <reference>:<STATE>");
        }
        ProviderStatus hint = parts[1].equals("SETTLED") ? ProviderStatus.SUCCEEDED
                : parts[1].startsWith("CLOSED") ? ProviderStatus.FAILED : ProviderStatus.UNKNOWN;
        return new WebhookNotification(request.bodyAsString(), parts[0], null, hint, null);
    }

    /** What the bank puts in {@link #SIGNATURE_HEADER}. */
    public static String sign(Secret secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
