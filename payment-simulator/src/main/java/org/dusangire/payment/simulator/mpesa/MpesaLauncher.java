package org.dusangire.payment.simulator.mpesa;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starts an M-Pesa simulator from {@code SimulatorMain}'s {@code --mpesa-*} options (prefix
 * removed) and prints how to reach it.
 */
public final class MpesaLauncher {

    /** The options, one help line each: the name without prefix, its value, what it does. */
    public static final List<String> OPTIONS = List.of(
            "port N                      API port (default 9105; 0 picks a free one)",
            "shortcode CODE              BusinessShortCode (default 174379)",
            "till NUMBER                 receive on a till (CustomerBuyGoodsOnline) instead of the pay bill",
            "auto-approve true           approve every unscripted push by itself",
            "result-code-format FORMAT   query and callback ResultCode as number or string (default: Daraja's samples)",
            "callback-delay-millis N     send each result callback N ms late",
            "duplicate-callbacks true    send each result callback twice");

    private MpesaLauncher() {
    }

    /** Starts the simulator described by {@code options} and describes it on {@code out}. */
    public static MpesaSimulator start(Map<String, String> options, InetAddress bind,
            PrintStream out) {
        MpesaSimulatorBuilder builder = MpesaSimulator.builder()
                .bindAddress(bind)
                .port(Integer.parseInt(options.getOrDefault("port", "9105")))
                .autoApprove(Boolean.parseBoolean(options.get("auto-approve")))
                .duplicateCallbacks(Boolean.parseBoolean(options.get("duplicate-callbacks")))
                .callbackDelay(java.time.Duration.ofMillis(
                        Long.parseLong(options.getOrDefault("callback-delay-millis", "0"))));
        if (options.containsKey("shortcode")) {
            builder.shortcode(options.get("shortcode"));
        }
        if (options.containsKey("till")) {
            builder.tillNumber(options.get("till"));
        }
        if (options.containsKey("result-code-format")) {
            ValueFormat format;
            try {
                format = ValueFormat.valueOf(options.get("result-code-format").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--mpesa-result-code-format: number or string, not "
                        + options.get("result-code-format"), e);
            }
            builder.queryResultCode(format).callbackResultCode(format);
        }
        MpesaSimulator mpesa = builder.build().start();
        out.println("M-Pesa (Daraja) simulator: " + mpesa.baseUri());
        out.println("  short code / party B : " + mpesa.shortcode() + " / " + mpesa.partyB()
                + " (" + mpesa.transactionType() + ")");
        out.println("  consumer key/secret  : " + mpesa.consumerKey() + " / " + mpesa.consumerSecret());
        out.println("  passkey              : " + mpesa.passkey());
        out.println("  control              : POST " + mpesa.baseUri()
                + "/_sim/stk/{CheckoutRequestID}/approve|cancel|wrong-pin|timeout|insufficient-funds");
        return mpesa;
    }
}
