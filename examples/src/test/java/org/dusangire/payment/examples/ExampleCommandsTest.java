package org.dusangire.payment.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The small examples as commands: each in a JVM of its own, as a user starts it. */
class ExampleCommandsTest {

    @Test
    void environmentConfigExampleExitsWithOneWhenConfigurationIsRefused() throws Exception {
        Process process = java(EnvironmentConfigExample.class, Map.of(
                "PAYMENT_ENVIRONMENT", "production", "SITE_URL", "http://hospital.example"));
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(out).contains("configuration refused: SITE_URL")
                .contains("configuration refused: MTN_MOMO_API_KEY");
    }

    @Test
    void environmentConfigExampleExitsWithZeroWhenConfigurationIsComplete() throws Exception {
        Process process = java(EnvironmentConfigExample.class, Map.of(
                "SITE_URL", "https://hospital.example",
                "MTN_MOMO_API_KEY", "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
                "MTN_MOMO_API_SECRET", "very-secret-api-key",
                "MTN_MOMO_SUBSCRIPTION_KEY", "very-secret-subscription"));
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(out).contains("environment: SANDBOX").doesNotContain("very-secret");
        assertThat(EnvironmentConfigExample.exitCode(Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isEqualTo(1);
    }

    @Test
    void hostContainerExampleServesOnPortPrintsItsUrlAndStopsOnCtrlC() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process process = java(HostContainerExample.class, Map.of("PORT", String.valueOf(port)));
        try {
            var stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String url = CompletableFuture.supplyAsync(() -> urlLine(stdout)).get(60, TimeUnit.SECONDS);

            assertThat(url).isEqualTo("http://localhost:" + port + "/payments/");
            HttpResponse<String> verify = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url + "6f1d2c3b-0000-4000-8000-000000000000/verify/"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(verify.statusCode()).as("the routes answer on PORT").isEqualTo(403);

            interrupt(process);                                   // what Ctrl-C sends
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped on Ctrl-C").isTrue();
            String rest = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rest).contains("Stopped.");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void hostContainerExampleDefaultsTo8081AndRefusesABadPort() throws Exception {
        assertThat(HostContainerExample.port(null)).isEqualTo(8081);
        assertThat(HostContainerExample.port("9090")).isEqualTo(9090);
        Process process = java(HostContainerExample.class, Map.of("PORT", "eighty"));
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(err).contains("PORT must be a port number");
    }

    private static String urlLine(BufferedReader stdout) {
        Pattern printed = Pattern.compile("Payment routes mounted at (\\S+) \\(Ctrl-C stops\\)");
        try {
            for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                Matcher m = printed.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the example ended without printing its URL");
    }

    /**
     * SIGINT, as Ctrl-C in a terminal; SIGTERM where there is no kill command, or where the
     * child ignores SIGINT. A JVM started with SIGINT ignored keeps ignoring it: a build started
     * in the background by a non-interactive shell passes that on to every process below it, and
     * CI failed once on exactly that. Both signals run the same shutdown hooks.
     */
    private static void interrupt(Process process) throws Exception {
        String signal = ignoresSigint(process.pid()) ? "-TERM" : "-INT";
        try {
            Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).start();
            if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // no kill command here
        }
        process.destroy();
    }

    /** True when Linux says the process ignores SIGINT (bit 2 of SigIgn in its status). */
    private static boolean ignoresSigint(long pid) throws IOException {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0x2L) != 0;
            }
        }
        return false;
    }

    /** Starts {@code main} of {@code type} in a new JVM with only {@code env} of our variables. */
    private static Process java(Class<?> type, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), type.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PAYMENT_")
                || name.startsWith("MTN_") || name.startsWith("AIRTEL_")
                || name.startsWith("FLUTTERWAVE_") || name.equals("SITE_URL") || name.equals("PORT"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }
}
