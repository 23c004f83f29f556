package org.dusangire.payment.simulator.airtel;

import java.io.PrintStream;
import java.util.Map;

/**
 * Starts an Airtel simulator from {@code SimulatorMain}'s {@code --airtel-*} options (prefix
 * removed) and prints how to reach it.
 */
public final class AirtelSimulatorLauncher {

    /** One line of option help. */
    public static final String HELP = "--airtel-port 9102 --airtel-country UG --airtel-currency UGX"
            + " --airtel-callback-url URL --airtel-callback-private-key KEY"
            + " --airtel-message-signing true --airtel-auto-approve true";

    private AirtelSimulatorLauncher() {
    }

    /** Starts the simulator described by {@code options} and describes it on {@code out}. */
    public static AirtelMoneySimulator start(Map<String, String> options, PrintStream out) {
        AirtelMoneySimulatorBuilder builder = AirtelMoneySimulator.builder()
                .port(Integer.parseInt(options.getOrDefault("port", "9102")))
                .country(options.getOrDefault("country", "UG"))
                .callbackUrl(options.get("callback-url"))
                .messageSigning(Boolean.parseBoolean(options.get("message-signing")))
                .autoApprove(Boolean.parseBoolean(options.get("auto-approve")));
        if (options.containsKey("currency")) {
            builder.currency(options.get("currency"));
        }
        if (options.containsKey("callback-private-key")) {
            builder.callbackAuthentication(options.get("callback-private-key"));
        }
        AirtelMoneySimulator airtel = builder.build().start();
        out.println("Airtel Money simulator: " + airtel.baseUri());
        out.println("  country / currency : " + airtel.country() + " / " + airtel.currency());
        out.println("  client id / secret : " + airtel.clientId() + " / " + airtel.clientSecret());
        out.println("  message signing    : " + airtel.messageSigning());
        out.println("  callback URL       : " + (airtel.callbackUrl() == null ? "(none)" : "set"));
        out.println("  control            : POST " + airtel.baseUri()
                + "/_sim/payments/{id}/approve|decline|wrong-pin|insufficient-funds|time-out|expire|ambiguous");
        return airtel;
    }
}
