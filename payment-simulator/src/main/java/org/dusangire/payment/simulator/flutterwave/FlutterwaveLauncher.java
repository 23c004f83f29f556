package org.dusangire.payment.simulator.flutterwave;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starts a {@link FlutterwaveSimulator} from {@code SimulatorMain}'s {@code --flutterwave-*}
 * options (prefix removed; see {@link #OPTIONS}) and prints how to reach it.
 */
public final class FlutterwaveLauncher {

    /** The options, one help line each: the name without prefix, its value, what it does. */
    public static final List<String> OPTIONS = List.of(
            "port N                      API port (default 9103; 0 picks a free one)",
            "checkout-port N             hosted checkout pages' port (default 9104; 0 picks a free one)",
            "secret-key KEY              the Bearer key accepted; FLWSECK_TEST-... selects test mode (default: a test key, printed at start)",
            "secret-hash H               the dashboard's secret hash sent with webhooks (default sim-secret-hash)",
            "webhook-url URL             where webhooks are POSTed (default: none sent)",
            "webhook-scheme S            verif-hash or flutterwave-signature (default verif-hash)",
            "webhook-shape S             v3 or legacy (default v3)",
            "webhook-retries true        retry an unanswered webhook 3 times, 30 min apart",
            "auto-pay true               pay every new link by card at once");

    private FlutterwaveLauncher() {
    }

    /** Builds, starts and describes the simulator. */
    public static FlutterwaveSimulator launch(Map<String, String> options, InetAddress bind,
            PrintStream out) {
        FlutterwaveSimulatorBuilder b = FlutterwaveSimulator.builder()
                .bindAddress(bind)
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
