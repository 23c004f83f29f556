package org.dusangire.payment.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guard alone in a real Jetty, behind a public {@code SITE_URL} (a tunnel, say), which the
 * simulated demo never has: its host is accepted as well as localhost, and nothing else.
 */
class DemoGuardTest {
    private static final String TOKEN = "guard-test-token-0123456789";
    private static Server jetty;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("localhost");
        jetty.addConnector(connector);
        connector.open();
        port = connector.getLocalPort();
        DemoGuard guard = new DemoGuard(CashierToken.from(TOKEN, new SecureRandom()), port,
                URI.create("https://cashier.example.org"), "/payments");
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(guard), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                resp.setStatus(200);
            }
        }), "/*");
        jetty.setHandler(context);
        jetty.start();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    private static int status(String method, String path, String host, String... headers) throws Exception {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String h : headers) {
            request.append(h).append("\r\n");
        }
        request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(line.split(" ")[1]);
        }
    }

    @Test
    void theSiteUrlsHostIsAcceptedWithOrWithoutItsPort() throws Exception {
        assertThat(status("GET", "/", "cashier.example.org")).isEqualTo(200);
        assertThat(status("GET", "/", "CASHIER.example.org:443")).isEqualTo(200);
        assertThat(status("GET", "/", "cashier.example.org:" + port)).isEqualTo(421);
        assertThat(status("GET", "/", "cashier.example.org.attacker.test")).isEqualTo(421);
        assertThat(status("GET", "/", "evil@localhost:" + port)).isIn(400, 421);
    }

    @Test
    void anOriginIsSameSiteOnlyWhenSchemeHostAndPortMatch() throws Exception {
        String auth = "Authorization: Bearer " + TOKEN;
        assertThat(status("POST", "/api/payments", "cashier.example.org", auth,
                "Origin: https://cashier.example.org")).isEqualTo(200);
        assertThat(status("POST", "/api/payments", "localhost:" + port, auth,
                "Origin: http://[::1]:" + port)).isEqualTo(200);
        assertThat(status("POST", "/api/payments", "cashier.example.org", auth,
                "Origin: http://cashier.example.org:8443")).isEqualTo(403);
        assertThat(status("POST", "/api/payments", "localhost:" + port, auth,
                "Origin: http://localhost:" + (port + 1))).isEqualTo(403);
        assertThat(status("POST", "/api/payments", "localhost:" + port, auth, "Origin: not a url")).isEqualTo(403);
    }

    @Test
    void onlyTheLibrarysWebhookAndCallbackRoutesAreLeftToTheLibrary() throws Exception {
        String host = "localhost:" + port;
        assertThat(status("POST", "/payments/webhooks/flutterwave/", host)).isEqualTo(200);
        assertThat(status("PUT", "/payments/webhooks/mtn-momo/x/y", host)).isEqualTo(200);
        assertThat(status("GET", "/payments/callback/", host)).isEqualTo(200);
        assertThat(status("POST", "/payments/6f1d2c3b-0000-4000-8000-000000000000/verify", host)).isEqualTo(401);
        assertThat(status("DELETE", "/payments/anything", host)).isEqualTo(401);
        assertThat(status("PATCH", "/api/payments/x", host)).isEqualTo(401);
        assertThat(status("POST", "/simulator/mtn/payments/x/approve", host)).isEqualTo(200);
    }
}
