package org.dusangire.payment.examples.demo;

import java.util.Map;

/**
 * Runs the hospital cashier demo: {@code mvn -q -pl examples -am -DskipTests package exec:java}.
 * The port comes from {@code PORT} (default 8080), the cashier token from
 * {@code DEMO_CASHIER_TOKEN} (generated and printed once when unset). Exits with status 2, saying
 * why, when {@code PAYMENT_ENVIRONMENT} is production or the token is unusable.
 */
public final class DemoApp {
    private DemoApp() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        int port = parsePort(env.get("PORT"));
        DemoServer server;
        try {
            server = DemoServer.start(env, port);
        } catch (DemoRefusedException e) {
            System.err.println("The demo will not start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (RuntimeException e) {
                // the process is ending anyway
            }
        }));
        System.out.println();
        System.out.println("Hospital cashier demo is running at " + server.baseUri());
        System.out.println(server.simulated()
                ? "Providers are simulated in-process: no credentials, no real money."
                : "Providers are configured from the environment.");
        CashierToken token = server.cashierToken();
        System.out.println(token.generated()
                ? "Cashier token: " + token.value() + " (the page asks for it once; set "
                        + CashierToken.VARIABLE + " to choose your own)"
                : "Cashier token: the value of " + CashierToken.VARIABLE);
        System.out.println("Press Ctrl+C to stop.");
        server.join();
    }

    static int parsePort(String value) {
        if (value == null || value.isBlank()) {
            return 8080;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT: '" + value + "' is not a port number (0-65535)");
        }
    }
}
