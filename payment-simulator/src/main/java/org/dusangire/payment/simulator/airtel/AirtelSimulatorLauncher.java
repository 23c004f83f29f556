package org.dusangire.payment.simulator.airtel;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * Starts an Airtel simulator from {@code SimulatorMain}'s {@code --airtel-*} options (prefix
 * removed) and prints how to reach it.
 */
public final class AirtelSimulatorLauncher {

    /** The options, one help line each: the name without prefix, its value, what it does. */
    public static final List<String> OPTIONS = List.of(
            "port N                      API port (default 9102; 0 picks a free one)",
            "country CODE                X-Country: UG, KE, TZ, RW, ZM, ... (default UG)",
            "currency CODE               X-Currency (default: the country's)",
            "callback-url URL            where callbacks are POSTed (default: none sent)",
            "callback-private-key KEY    adds the HMAC \"hash\" to callbacks",
            "message-signing true        v2 endpoints demand x-signature and x-key",
            "auto-approve true           approve every payment by itself");

    private AirtelSimulatorLauncher() {
    }

    /** Starts the simulator described by {@code options} and describes it on {@code out}. */
    public static AirtelMoneySimulator start(Map<String, String> options, InetAddress bind,
            PrintStream out) {
        AirtelMoneySimulatorBuilder builder = AirtelMoneySimulator.builder()
                .bindAddress(bind)
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
