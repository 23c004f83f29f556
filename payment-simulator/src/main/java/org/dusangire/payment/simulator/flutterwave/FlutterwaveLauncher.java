package org.dusangire.payment.simulator.flutterwave;

import java.io.PrintStream;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Starts a {@link FlutterwaveSimulator} from {@code SimulatorMain} options (prefix removed):
 * {@code port}, {@code checkout-port}, {@code secret-key}, {@code secret-hash},
 * {@code webhook-url}, {@code webhook-scheme} (verif-hash|flutterwave-signature),
 * {@code webhook-shape} (v3|legacy), {@code webhook-retries}, {@code auto-pay}.
 */
public final class FlutterwaveLauncher {

    /** One-line help for {@code --help}. */
    public static final String HELP = "--flutterwave-port 9103 --flutterwave-checkout-port 9104"
            + " --flutterwave-webhook-url http://localhost:8080/payments/webhooks/flutterwave/"
            + " --flutterwave-secret-hash H --flutterwave-webhook-scheme verif-hash|flutterwave-signature"
            + " --flutterwave-webhook-shape v3|legacy --flutterwave-webhook-retries true"
            + " --flutterwave-auto-pay true";

    private FlutterwaveLauncher() {
    }

    /** Builds, starts and describes the simulator. */
    public static FlutterwaveSimulator launch(Map<String, String> options, PrintStream out) {
        FlutterwaveSimulatorBuilder b = FlutterwaveSimulator.builder()
                .port(Integer.parseInt(options.getOrDefault("port", "9103")))
                .checkoutPort(Integer.parseInt(options.getOrDefault("checkout-port", "9104")));
        if (options.containsKey("secret-key")) {
            b.secretKey(options.get("secret-key"));
        }
        if (options.containsKey("secret-hash")) {
            b.secretHash(options.get("secret-hash"));
        }
        if (options.containsKey("webhook-url")) {
            b.webhookUrl(URI.create(options.get("webhook-url")));
        }
        String scheme = options.getOrDefault("webhook-scheme", "verif-hash").toLowerCase(Locale.ROOT);
        b.webhookScheme(scheme.contains("signature") ? WebhookScheme.FLUTTERWAVE_SIGNATURE
                : WebhookScheme.VERIF_HASH);
        b.webhookShape(options.getOrDefault("webhook-shape", "v3").toLowerCase(Locale.ROOT)
                .startsWith("legacy") ? WebhookShape.LEGACY_FLAT : WebhookShape.V3_ENVELOPE);
        b.webhookRetries(Boolean.parseBoolean(options.getOrDefault("webhook-retries", "false")));
        b.autoPay(Boolean.parseBoolean(options.getOrDefault("auto-pay", "false")));
        FlutterwaveSimulator flw = b.build().start();
        out.println("Flutterwave simulator: " + flw.apiBaseUri()
                + (flw.testMode() ? " (test mode)" : " (live mode)"));
        out.println("  secret key         : " + flw.secretKey());
        out.println("  public key         : " + flw.publicKey());
        out.println("  secret hash        : " + flw.secretHash() + " (" + flw.webhookScheme() + ", "
                + flw.webhookShape() + ")");
        out.println("  checkout pages     : " + flw.checkoutBaseUri() + "/v3/hosted/pay/{link}");
        out.println("  control            : POST " + flw.baseUri()
                + "/_sim/payments/{tx_ref}/pay-card|pay-bank-transfer|fail|cancel|pending");
        return flw;
    }
}
