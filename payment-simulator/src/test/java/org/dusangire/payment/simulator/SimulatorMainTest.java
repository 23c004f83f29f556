package org.dusangire.payment.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dusangire.payment.simulator.airtel.AirtelSimulatorLauncher;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveLauncher;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveSimulator;
import org.dusangire.payment.simulator.mpesa.MpesaLauncher;
import org.dusangire.payment.simulator.mtn.MtnMomoLauncher;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {
    private static final String[] ALL_ON_FREE_PORTS = {"--mtn-port", "0", "--airtel-port", "0",
            "--flutterwave-port", "0", "--flutterwave-checkout-port", "0", "--mpesa-port", "0"};

    @Test
    void startsMtnAndPrintsHowToReachIt() throws Exception {
        var buffer = new ByteArrayOutputStream();
        List<SimulatorServer> servers = SimulatorMain.start(
                new String[] {"--mtn-port", "0", "--mtn-environment", "mtnuganda",
                        "--airtel-disabled", "true", "--flutterwave-disabled", "true",
                        "--mpesa-disabled", "true"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            String printed = buffer.toString(StandardCharsets.UTF_8);
            assertThat(servers).hasSize(1);
            assertThat(printed).contains(servers.get(0).baseUri().toString())
                    .contains("mtnuganda (UGX)").contains("collection key");
            assertThat(get(servers.get(0).baseUri().resolve("/_sim/faults"))).isEqualTo(200);
        } finally {
            servers.forEach(SimulatorServer::close);
        }
    }

    @Test
    void startsOnlyTheProvidersNamedAndPrintsTheirVariables() throws Exception {
        var buffer = new ByteArrayOutputStream();
        List<SimulatorServer> servers = SimulatorMain.start(
                new String[] {"--providers", "airtel,mtn", "--mtn-port", "0", "--airtel-port", "0"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertThat(servers).extracting(s -> s.getClass().getSimpleName())
                    .containsExactly("MtnMomoSimulator", "AirtelMoneySimulator");
            String printed = buffer.toString(StandardCharsets.UTF_8);
            assertThat(printed)
                    .contains("export PAYMENT_ENVIRONMENT=sandbox\n")
                    .contains("export MTN_MOMO_BASE_URL=" + servers.get(0).baseUri() + "\n")
                    .contains("export AIRTEL_MONEY_BASE_URL=" + servers.get(1).baseUri() + "\n")
                    .doesNotContain("FLUTTERWAVE_").doesNotContain("Flutterwave simulator");
            assertThat(printed.lines().filter(l -> l.startsWith("export ")).toList())
                    .hasSize(SimulatorEnvironment.of(servers).asMap().size());
        } finally {
            servers.forEach(SimulatorServer::close);
        }
    }

    @Test
    void honoursAFixedPort() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        var buffer = new ByteArrayOutputStream();
        List<SimulatorServer> servers = SimulatorMain.start(new String[] {"--providers",
                "flutterwave", "--flutterwave-port", String.valueOf(port),
                "--flutterwave-checkout-port", "0"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertThat(servers).singleElement().satisfies(s ->
                    assertThat(s.boundAddress().getPort()).isEqualTo(port));
            assertThat(buffer.toString(StandardCharsets.UTF_8))
                    .contains("export FLUTTERWAVE_BASE_URL=http://127.0.0.1:" + port + "/v3\n");
            assertThat(get(URI.create("http://127.0.0.1:" + port + "/_sim/journal")))
                    .isEqualTo(200);
        } finally {
            servers.forEach(SimulatorServer::close);
        }
    }

    @Test
    void refusesAnUnknownProviderAndOptionsOfOneLeftOut() {
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--providers", "mtn,tigopesa"},
                System.out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown provider 'tigopesa'");
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--providers", "mtn",
                "--airtel-port", "0"}, System.out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--airtel-port given, but airtel is not among --providers mtn");
    }

    @Test
    void anUnknownProviderExitsWithTwo() throws Exception {
        Result run = runMain("--providers", "tigopesa");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown provider 'tigopesa'");
    }

    @Test
    void rejectsAnOptionWithoutValue() {
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--mtn-port"}, System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--mtn-port");
    }

    @Test
    void helpListsEveryOptionOfEveryProvider() throws Exception {
        Result help = runMain("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--bind ADDRESS").contains("--providers LIST")
                .contains("--help");
        List<String> expected = new ArrayList<>();
        MtnMomoLauncher.OPTIONS.forEach(o -> expected.add("--mtn-" + name(o)));
        AirtelSimulatorLauncher.OPTIONS.forEach(o -> expected.add("--airtel-" + name(o)));
        FlutterwaveLauncher.OPTIONS.forEach(o -> expected.add("--flutterwave-" + name(o)));
        MpesaLauncher.OPTIONS.forEach(o -> expected.add("--mpesa-" + name(o)));
        expected.addAll(List.of("--mtn-disabled", "--airtel-disabled", "--flutterwave-disabled",
                "--mpesa-disabled", "--mpesa-port",
                "--mtn-environment", "--airtel-callback-private-key", "--flutterwave-secret-key",
                "--flutterwave-checkout-port"));
        assertThat(help.out()).contains(expected);
        assertThat(help.out()).as("no colour codes").doesNotContain("\u001b[");
    }

    @Test
    void anUnknownOptionExitsWithTwoAndSaysWhich() throws Exception {
        Result run = runMain("--mtn-port", "0", "--mtn-colour", "blue");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown option --mtn-colour").contains("--help");
        assertThat(run.out()).as("nothing was started").doesNotContain("simulator:");
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--port", "9101"}, System.out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option --port");
    }

    @Test
    void bindsEverySimulatorToTheGivenAddress() throws Exception {
        List<SimulatorServer> servers = startAll("127.0.0.1");
        try {
            assertThat(servers).hasSize(4).allSatisfy(s -> {
                assertThat(s.boundAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
                assertThat(s.baseUri().getHost()).isEqualTo("127.0.0.1");
            });
        } finally {
            servers.forEach(SimulatorServer::close);
        }
    }

    @Test
    void bindsToAnotherLoopbackAddressAndNotTo127001() throws Exception {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        try (ServerSocket probe = new ServerSocket(0, 1, other)) {
            assertThat(probe.getLocalPort()).isPositive();
        } catch (IOException e) {
            Assumptions.abort("127.0.0.2 cannot be bound on this machine: " + e);
        }
        List<SimulatorServer> servers = startAll("127.0.0.2");
        try {
            for (SimulatorServer s : servers) {
                assertThat(s.boundAddress().getAddress()).isEqualTo(other);
                assertThat(s.baseUri().getHost()).isEqualTo("127.0.0.2");
                assertThat(get(s.baseUri().resolve("/_sim/journal"))).isEqualTo(200);
                try (Socket socket = new Socket()) {
                    assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1",
                            s.boundAddress().getPort()), 2000))
                            .as("%s is not on 127.0.0.1", s.baseUri())
                            .isInstanceOf(ConnectException.class);
                }
            }
            FlutterwaveSimulator flw = (FlutterwaveSimulator) servers.get(2);
            assertThat(flw.checkoutBaseUri().getHost()).as("the checkout host too")
                    .isEqualTo("127.0.0.2");
        } finally {
            servers.forEach(SimulatorServer::close);
        }
    }

    private static List<SimulatorServer> startAll(String bind) {
        List<String> args = new ArrayList<>(List.of(ALL_ON_FREE_PORTS));
        args.addAll(List.of("--bind", bind));
        return SimulatorMain.start(args.toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static String name(String option) {
        return option.substring(0, option.indexOf(' '));
    }

    private static int get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private record Result(int exitCode, String out, String err) {
    }

    /** Runs the real main in a child JVM, as the stand-alone command does. */
    private static Result runMain(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SimulatorMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the simulator command did not end");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
