package org.dusangire.payment.simulator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import org.dusangire.payment.simulator.airtel.AirtelSimulatorLauncher;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveLauncher;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulatorBuilder;

/**
 * Runs the simulators stand-alone until killed, so a host team can develop offline:
 * {@code java -cp ... org.dusangire.payment.simulator.SimulatorMain --mtn-port 9101}.
 * Each provider is one {@link Launcher} entry; options are {@code --<provider>-<name> value}.
 */
public final class SimulatorMain {

    /** How one provider's simulator is started from options with its prefix removed. */
    private record Launcher(String provider, String help,
                            BiFunction<Map<String, String>, PrintStream, SimulatorServer> start) {
    }

    private static final List<Launcher> LAUNCHERS = List.of(
            new Launcher("mtn", "--mtn-port 9101 --mtn-environment sandbox|mtnuganda|mtnrwanda"
                    + " --mtn-currency EUR --mtn-callback-host localhost"
                    + " --mtn-auto-approve-after-polls N", SimulatorMain::startMtn),
            new Launcher("airtel", AirtelSimulatorLauncher.HELP, AirtelSimulatorLauncher::start),
            new Launcher("flutterwave", FlutterwaveLauncher.HELP, FlutterwaveLauncher::launch));

    private SimulatorMain() {
    }

    /** Starts every simulator, prints how to reach them, and blocks until the JVM is stopped. */
    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help")) {
            LAUNCHERS.forEach(l -> System.out.println(l.provider() + ": " + l.help()));
            return;
        }
        List<SimulatorServer> servers = start(args, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            servers.forEach(SimulatorServer::close);
            stopped.countDown();
        }, "simulator-shutdown"));
        stopped.await();
    }

    /**
     * Starts the simulators named by the arguments (all, when none is disabled with
     * {@code --<provider>-disabled true}) and describes them on {@code out}.
     *
     * @throws IllegalArgumentException for a malformed argument list
     */
    public static List<SimulatorServer> start(String[] args, PrintStream out) {
        Map<String, String> options = parse(args);
        List<SimulatorServer> started = new ArrayList<>();
        for (Launcher launcher : LAUNCHERS) {
            Map<String, String> own = new HashMap<>();
            String prefix = launcher.provider() + "-";
            options.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    own.put(key.substring(prefix.length()), value);
                }
            });
            if (!"true".equals(own.get("disabled"))) {
                started.add(launcher.start().apply(own, out));
            }
        }
        return started;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static SimulatorServer startMtn(Map<String, String> options, PrintStream out) {
        MtnMomoSimulatorBuilder builder = MtnMomoSimulator.builder()
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
