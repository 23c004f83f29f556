package org.dusangire.payment.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.service.PaymentService;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class SpringBootExampleTest {

    @Test
    void theApplicationStartsWithEveryGatewayAndTakesAPayment() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (ConfigurableApplicationContext context = SpringBootExample.start(port)) {
            PaymentService payments = context.getBean(PaymentService.class);
            assertThat(payments.config().merchantName()).isEqualTo("Dusangire Hospital");
            for (PaymentMethod method : PaymentMethod.values()) {
                assertThat(payments.gatewayFor(method)).as(method.name()).isPresent();
            }
            // M-Pesa comes from the starter too, configured by the simulated Daraja's MPESA_* values
            assertThat(payments.gatewayFor(PaymentMethod.MPESA, "KES", "KE")).get()
                    .extracting(gateway -> gateway.name()).isEqualTo("mpesa");

            HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/payments"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"orderReference\":\"BILL-1\","
                            + "\"amount\":\"25000\",\"method\":\"MTN_MOBILE_MONEY\","
                            + "\"phone\":\"0772 123456\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).isEqualTo(200);
            assertThat(started.body()).contains("\"status\":\"PENDING\"").contains("BILL-1");
        }
    }
}
