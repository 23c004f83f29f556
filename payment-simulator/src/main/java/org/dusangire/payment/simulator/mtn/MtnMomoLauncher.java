package org.dusangire.payment.simulator.mtn;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * Starts an MTN MoMo simulator from {@code SimulatorMain}'s {@code --mtn-*} options (prefix
 * removed) and prints how to reach it.
 */
public final class MtnMomoLauncher {

    /** The options, one help line each: the name without prefix, its value, what it does. */
    public static final List<String> OPTIONS = List.of(
            "port N                      API port (default 9101; 0 picks a free one)",
            "environment NAME            X-Target-Environment: sandbox (EUR only, as MTN's), mtnuganda, mtnrwanda, ... (default sandbox)",
            "currency CODE               collection currency (default: the environment's, EUR in sandbox)",
            "callback-host HOST          the API user's providerCallbackHost (default localhost)",
            "auto-approve-after-polls N  approve a payment by itself after N status queries");

    private MtnMomoLauncher() {
    }

    /** Starts the simulator described by {@code options} and describes it on {@code out}. */
    public static MtnMomoSimulator start(Map<String, String> options, InetAddress bind,
            PrintStream out) {
        MtnMomoSimulatorBuilder builder = MtnMomoSimulator.builder()
                .bindAddress(bind)
                .port(Integer.parseInt(options.getOrDefault("port", "9101")))
                .targetEnvironment(options.getOrDefault("environment", "sandbox"))
                .providerCallbackHost(options.getOrDefault("callback-host", "localhost"));
        if (options.containsKey("currency")) {
            builder.currency(options.get("currency"));
        }
        if (options.containsKey("auto-approve-after-polls")) {
            builder.autoApproveAfterPolls(Integer.parseInt(options.get("auto-approve-after-polls")));
        }
        MtnMomoSimulator mtn = builder.build().start();
        out.println("MTN MoMo simulator: " + mtn.baseUri());
        out.println("  target environment : " + mtn.targetEnvironment() + " (" + mtn.currency() + ")");
        out.println("  api user / api key : " + mtn.apiUser() + " / " + mtn.apiKey());
        out.println("  collection key     : " + mtn.collectionSubscriptionKey());
        out.println("  disbursement key   : " + mtn.disbursementSubscriptionKey());
        out.println("  callback host      : " + mtn.providerCallbackHost());
        out.println("  control            : POST " + mtn.baseUri()
                + "/_sim/payments/{ref}/approve|decline|expire|insufficient-funds");
        return mtn;
    }
}
