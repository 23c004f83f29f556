package org.dusangire.payment.simulator;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.dusangire.payment.simulator.airtel.AirtelSimulatorLauncher;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveLauncher;
import org.dusangire.payment.simulator.mpesa.MpesaLauncher;
import org.dusangire.payment.simulator.mtn.MtnMomoLauncher;

/**
 * Runs the simulators stand-alone until stopped, so a host team can develop offline:
 * {@code java -jar payment-simulator-standalone.jar --providers mtn,airtel --mtn-port 9101}.
 * After starting it prints the library's environment variables for them as {@code export} lines
 * ({@link SimulatorEnvironment}). Each provider is one
 * {@link Launcher} entry; its options are {@code --<provider>-<name> value}, and {@code --bind}
 * sets the address for all of them. {@code --help} lists every option; a command line it cannot
 * run (an unknown option, a missing or malformed value) exits with {@value #USAGE_ERROR}.
 */
public final class SimulatorMain {

    /** Exit status of a command line that cannot be run, as for most Unix commands. */
    public static final int USAGE_ERROR = 2;

    /** How one provider's simulator is started from options with its prefix removed. */
    private record Launcher(String provider, String title, List<String> options, Start start) {
        Set<String> names() {
            Set<String> names = new LinkedHashSet<>();
            options.forEach(line -> names.add(line.substring(0, line.indexOf(' '))));
            names.add("disabled");
            return names;
        }
    }

    @FunctionalInterface
    private interface Start {
        SimulatorServer start(Map<String, String> options, InetAddress bind, PrintStream out);
    }

    private static final List<Launcher> LAUNCHERS = List.of(
            new Launcher("mtn", "MTN MoMo", MtnMomoLauncher.OPTIONS, MtnMomoLauncher::start),
            new Launcher("airtel", "Airtel Money", AirtelSimulatorLauncher.OPTIONS,
                    AirtelSimulatorLauncher::start),
            new Launcher("flutterwave", "Flutterwave", FlutterwaveLauncher.OPTIONS,
                    FlutterwaveLauncher::launch),
            new Launcher("mpesa", "M-Pesa (Safaricom Daraja)", MpesaLauncher.OPTIONS,
                    MpesaLauncher::start));

    private SimulatorMain() {
    }

    /**
     * Starts every simulator, prints how to reach them, and blocks until the JVM is stopped
     * (Ctrl-C); prints the help for {@code --help}, and exits with {@value #USAGE_ERROR} for a
     * command line it cannot run.
     */
    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(help());
            return;
        }
        List<SimulatorServer> servers;
        try {
            servers = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("payment-simulator: " + e.getMessage());
            System.err.println("Run with --help to list the options.");
            System.exit(USAGE_ERROR);
            return;
        } catch (UncheckedIOException e) {
            // a port in use or an address this machine does not have
            System.err.println("payment-simulator: " + e.getMessage() + ": " + e.getCause());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            servers.forEach(SimulatorServer::close);
            stopped.countDown();
        }, "simulator-shutdown"));
        System.out.println("Running; Ctrl-C stops the simulators.");
        stopped.await();
    }

    /** The text {@code --help} prints: every option of every provider. */
    public static String help() {
        StringBuilder text = new StringBuilder()
                .append("Usage: java -jar payment-simulator-standalone.jar [--providers LIST]")
                .append(" [--bind ADDRESS]")
                .append(" [--<provider>-<option> VALUE ...]\n")
                .append("Runs the MTN MoMo, Airtel Money, Flutterwave and M-Pesa simulators (or those")
                .append(" --providers names) until stopped (Ctrl-C), and prints the library's")
                .append(" environment variables for them as export lines.\n\n")
                .append(line("--bind ADDRESS", "address every simulator listens on (default"
                        + " 127.0.0.1; 0.0.0.0 lets other machines in, and the simulators check"
                        + " no real credentials)"))
                .append(line("--providers LIST", "the simulators to start, comma-separated: "
                        + "mtn,airtel,flutterwave,mpesa (default all)"))
                .append(line("--help", "this text"));
        for (Launcher launcher : LAUNCHERS) {
            text.append('\n').append(launcher.title()).append(":\n");
            for (String option : launcher.options()) {
                // "name VALUE   meaning": the name and its value, then the meaning
                String[] parts = option.split("\\s+", 3);
                text.append(line("--" + launcher.provider() + "-" + parts[0] + " " + parts[1],
                        parts[2]));
            }
            text.append(line("--" + launcher.provider() + "-disabled true",
                    "do not start this simulator"));
        }
        return text.toString();
    }

    /**
     * Starts the simulators named by the arguments ({@code --providers mtn,airtel}; all when it is
     * absent, less any disabled with {@code --<provider>-disabled true}), describes them on
     * {@code out} and ends with the {@code export} lines of their {@link SimulatorEnvironment}.
     *
     * @throws IllegalArgumentException for an unknown option or provider, a missing value, an
     *                                  option of a provider left out of {@code --providers}, or
     *                                  an address that does not resolve
     */
    public static List<SimulatorServer> start(String[] args, PrintStream out) {
        Map<String, String> options = parse(args);
        InetAddress bind = bindAddress(options.remove("bind"));
        Set<String> chosen = providers(options.remove("providers"));
        Map<Launcher, Map<String, String>> perProvider = split(options);
        perProvider.forEach((launcher, own) -> {
            // an option for a simulator that will not run is a mistake worth naming
            own.keySet().stream().filter(name -> !name.equals("disabled")).findFirst()
                    .filter(name -> !chosen.contains(launcher.provider()))
                    .ifPresent(name -> {
                        throw new IllegalArgumentException("--" + launcher.provider() + "-" + name
                                + " given, but " + launcher.provider()
                                + " is not among --providers " + String.join(",", chosen));
                    });
        });
        List<SimulatorServer> started = new ArrayList<>();
        try {
            perProvider.forEach((launcher, own) -> {
                if (chosen.contains(launcher.provider()) && !"true".equals(own.get("disabled"))) {
                    started.add(launcher.start().start(own, bind, out));
                }
            });
        } catch (RuntimeException e) {
            started.forEach(SimulatorServer::close);
            throw e;
        }
        if (bind != null && !bind.isLoopbackAddress()) {
            out.println("Listening on " + bind.getHostAddress() + ": reachable from other"
                    + " machines, and the simulators check no real credentials.");
        }
        out.println();
        out.println("# The library's variables for these simulators (paste, or save and source):");
        out.print(SimulatorEnvironment.of(started).exportLines());
        return started;
    }

    /** The providers {@code --providers} names, in the launchers' order; all when absent. */
    private static Set<String> providers(String list) {
        Set<String> known = new LinkedHashSet<>();
        LAUNCHERS.forEach(launcher -> known.add(launcher.provider()));
        if (list == null) {
            return known;
        }
        Set<String> named = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            String provider = name.trim().toLowerCase(Locale.ROOT);
            if (!known.contains(provider)) {
                throw new IllegalArgumentException("--providers: unknown provider '" + name.trim()
                        + "' (known: " + String.join(",", known) + ")");
            }
            named.add(provider);
        }
        known.retainAll(named);
        return known;
    }

    private static Map<Launcher, Map<String, String>> split(Map<String, String> options) {
        Map<Launcher, Map<String, String>> perProvider = new LinkedHashMap<>();
        LAUNCHERS.forEach(launcher -> perProvider.put(launcher, new HashMap<>()));
        options.forEach((key, value) -> {
            Launcher owner = LAUNCHERS.stream()
                    .filter(l -> key.startsWith(l.provider() + "-")
                            && l.names().contains(key.substring(l.provider().length() + 1)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown option --" + key));
            perProvider.get(owner).put(key.substring(owner.provider().length() + 1), value);
        });
        return perProvider;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option such as --mtn-port, got "
                        + args[i]);
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static InetAddress bindAddress(String text) {
        if (text == null) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind: unknown address " + text, e);
        }
    }

    private static String line(String option, String meaning) {
        return String.format("  %-42s %s%n", option, meaning);
    }
}
