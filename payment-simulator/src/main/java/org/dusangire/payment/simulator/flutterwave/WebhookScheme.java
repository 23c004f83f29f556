package org.dusangire.payment.simulator.flutterwave;

/** How the simulator authenticates the webhooks it sends. */
public enum WebhookScheme {
    /** Header {@code verif-hash} carrying the dashboard secret hash verbatim (v3 default). */
    VERIF_HASH,
    /**
     * Header {@code flutterwave-signature} = Base64(HMAC-SHA256(key = secret hash, message = raw
     * body)), as the newer documentation describes.
     */
    FLUTTERWAVE_SIGNATURE
}
