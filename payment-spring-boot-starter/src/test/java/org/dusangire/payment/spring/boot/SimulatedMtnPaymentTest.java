package org.dusangire.payment.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.model.Trigger;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;

/**
 * The whole starter in a Spring Boot application on Tomcat and H2, against the MTN simulator over
 * real HTTP: a payment is started, the simulated customer approves it, the simulator calls back the
 * route the starter mounted, the library confirms with the simulator's status API, and a listener
 * bean hears the payment succeed.
 *
 * <p>The port is chosen before the application starts ({@code DEFINED_PORT} on a free port, not
 * {@code RANDOM_PORT}): {@code SITE_URL} must name it, because the service puts it into the
 * callback URL it sends MTN, and the settings are read before the server binds.
 */
@SpringBootTest(classes = SimulatedMtnPaymentTest.Application.class,
        webEnvironment = WebEnvironment.DEFINED_PORT)
class SimulatedMtnPaymentTest {
    private static final MtnMomoSimulator MTN = MtnMomoSimulator.builder()
            .targetEnvironment("mtnuganda").currency("UGX").providerCallbackHost("localhost")
            .build().start();
    private static final int PORT = freePort();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("site-url", () -> "http://localhost:" + PORT);
        registry.add("payment.merchant-name", () -> "Starter Hospital");
        registry.add("mtn-momo.api-key", MTN::apiUser);
        registry.add("mtn-momo.api-secret", MTN::apiKey);
        registry.add("mtn-momo.subscription-key", MTN::collectionSubscriptionKey);
        registry.add("mtn-momo.target-environment", MTN::targetEnvironment);
        registry.add("mtn-momo.currency", MTN::currency);
        registry.add("mtn-momo.base-url", () -> MTN.baseUri().toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:starter-flow;DB_CLOSE_DELAY=-1");
        // the callback must settle it, not a reconciliation pass
        registry.add("payment.reconcile.enabled", () -> "false");
        registry.add("management.endpoint.health.show-components", () -> "always");
    }

    @AfterAll
    static void stopSimulator() {
        MTN.close();
    }

    @Autowired
    private PaymentService payments;

    @Autowired
    private PaidPayments paid;

    @Test
    void anMtnPaymentSucceedsThroughTheCallbackOnTheMountedRoute() throws Exception {
        Payment started = payments.initiate(TestPayments.mtnCheckout().build()).payment();
        assertThat(started.status()).isEqualTo(PaymentStatus.PENDING);

        assertThat(MTN.approve(started.providerReference())).isTrue();

        PaymentStatusChanged heard = paid.events.poll(30, TimeUnit.SECONDS);
        assertThat(heard).as("the listener bean heard the payment succeed").isNotNull();
        assertThat(heard.payment().id()).isEqualTo(started.id());
        assertThat(heard.to()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(heard.trigger()).isEqualTo(Trigger.WEBHOOK);
        // the simulator records its callback once our answer is in, after the listener ran
        awaitCallbackAnswered();
        assertThat(MTN.journal().callbacks()).anySatisfy(callback -> {
            assertThat(callback.url()).startsWith("http://localhost:" + PORT + "/payments/webhooks/mtn-momo/");
            assertThat(callback.status()).isEqualTo(200);
        });

        // the browser return of the same servlet, over HTTP
        HttpResponse<Void> back = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + PORT + "/payments/callback/?paymentId=" + started.id())).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).get().asString()
                .contains("/?result=paid").contains("paymentId=" + started.id());

        // and Actuator's health shows the payments component (Actuator 3.x; Boot 4 leaves it out)
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + PORT + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        if (ClassUtils.isPresent("org.springframework.boot.actuate.health.HealthIndicator", null)) {
            assertThat(health.body()).contains("\"payments\":{\"status\":\"UP\"");
        } else {
            assertThat(health.body()).doesNotContain("\"payments\"");
        }
    }

    private static void awaitCallbackAnswered() throws InterruptedException {
        for (int i = 0; i < 300 && MTN.journal().callbacks().isEmpty(); i++) {
            Thread.sleep(100);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
        @Bean
        PaidPayments paidPayments() {
            return new PaidPayments();
        }
    }

    /** The application's listener: hears payments that were paid. */
    static final class PaidPayments implements PaymentEventListener {
        final BlockingQueue<PaymentStatusChanged> events = new LinkedBlockingQueue<>();

        @Override
        public void onStatusChanged(PaymentStatusChanged event) {
            if (event.isPaid()) {
                events.add(event);
            }
        }
    }
}
