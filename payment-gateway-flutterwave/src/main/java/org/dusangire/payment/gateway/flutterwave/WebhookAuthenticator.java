package org.dusangire.payment.gateway.flutterwave;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.port.InboundRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a Flutterwave webhook over its exact body bytes. Either scheme passes:
 * {@code verif-hash} equal to the dashboard secret hash (what v3 accounts send), or
 * {@code flutterwave-signature} equal to Base64(HMAC-SHA256(key = secret hash, message = raw
 * body)) (the newer documentation). Both comparisons run in constant time over the exact header
 * value (nothing is trimmed: a value that differs by a space is a different value); header names
 * match in any letter case. Without a configured hash every webhook is refused, unless the sandbox
 * configuration explicitly allows unsigned webhooks. Every refusal is logged at WARN with its
 * reason, never with the header value or the secret.
 */
final class WebhookAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAuthenticator.class);

    static final String VERIF_HASH = "verif-hash";
    static final String SIGNATURE = "flutterwave-signature";

    private final Secret secretHash;
    private final boolean allowUnsigned;
    /**
     * Keyed with the secret hash once and never used itself: each check signs with a copy, which
     * costs a fraction of looking the algorithm up and keying it again.
     */
    private final Mac keyed;

    WebhookAuthenticator(Secret secretHash, boolean allowUnsigned) {
        this.secretHash = secretHash;
        this.allowUnsigned = allowUnsigned;
        this.keyed = secretHash == null ? null : keyed(secretHash.reveal());
    }

    /**
     * @throws WebhookRejectedException with reason AUTHENTICATION when neither header is valid
     */
    void authenticate(InboundRequest request) {
        if (secretHash == null) {
            if (allowUnsigned) {
                return;
            }
            throw rejected("no webhook secret hash is configured (" + FlutterwaveConfig.SECRET_HASH
                    + " is not set), so no webhook can be authenticated; set it to the dashboard's"
                    + " secret hash, or " + FlutterwaveConfig.ALLOW_UNSIGNED_WEBHOOKS
                    + "=true for a sandbox try-out");
        }
        Optional<String> signature = header(request, SIGNATURE);
        Optional<String> hash = header(request, VERIF_HASH);
        if (signature.isEmpty() && hash.isEmpty()) {
            throw rejected("no verif-hash or flutterwave-signature header");
        }
        boolean valid = signature.map(s -> signatureMatches(s, request.body())).orElse(false)
                | hash.map(secretHash::matches).orElse(false);
        if (!valid) {
            throw rejected("webhook hash or signature does not match");
        }
    }

    private boolean signatureMatches(String given, byte[] body) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            mac = keyed(secretHash.reveal()); // a provider whose Mac cannot be copied
        }
        byte[] expected = Base64.getEncoder().encode(mac.doFinal(body));
        return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
    }

    /** Base64(HMAC-SHA256(key = secret hash, message = body)). */
    static String sign(String secretHash, byte[] body) {
        return Base64.getEncoder().encodeToString(keyed(secretHash).doFinal(body));
    }

    private static Mac keyed(String secretHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretHash.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The header in any letter case, even if a framework handed over a case-sensitive map. */
    private static Optional<String> header(InboundRequest request, String name) {
        Optional<String> direct = request.header(name);
        if (direct.isPresent()) {
            return direct;
        }
        for (Map.Entry<String, List<String>> e : request.headers().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    private static WebhookRejectedException rejected(String message) {
        LOG.warn("Flutterwave webhook refused (401): {}", message);
        return new WebhookRejectedException(WebhookRejectedException.Reason.AUTHENTICATION,
                FlutterwaveGateway.NAME, message);
    }
}
