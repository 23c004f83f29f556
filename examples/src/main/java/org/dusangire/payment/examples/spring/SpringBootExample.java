package org.dusangire.payment.examples.spring;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dusangire.payment.examples.SimulatedProviders;
import org.dusangire.payment.simulator.mpesa.MpesaSimulator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A Spring Boot application that takes payments through the starter: nothing payment-specific is
 * wired by hand. {@code application.yml} holds the library's settings, the provider simulators
 * supply the gateways' credentials, {@link CheckoutController} starts payments and
 * {@link PaidOrders} (a {@code PaymentEventListener} bean) hears them succeed. Run it with
 * {@code mvn -q -pl examples -am -DskipTests package exec:java
 * -Ddemo.mainClass=org.dusangire.payment.examples.spring.SpringBootExample} (port 8081).
 */
@SpringBootApplication
public class SpringBootExample {

    public static void main(String[] args) {
        start(Integer.getInteger("server.port", 8081), args);
    }

    /**
     * Starts the simulators, then the application on {@code port}; the simulators stop with it.
     * Their settings come as the environment variables a deployment sets ({@code MTN_MOMO_API_KEY},
     * {@code MPESA_CONSUMER_KEY}...), given to Spring as default properties: the starter takes the
     * library's variable names as they are, and real environment variables and
     * {@code application.yml} still come first.
     */
    public static ConfigurableApplicationContext start(int port, String... args) {
        URI site = URI.create("http://localhost:" + port);
        SimulatedProviders providers = new SimulatedProviders(site);
        MpesaSimulator mpesa;
        try {
            // Daraja for the starter's M-Pesa gateway; the quick start has no use for it
            mpesa = MpesaSimulator.builder().build().start();
        } catch (RuntimeException e) {
            providers.close();
            throw e;
        }
        Runnable stop = () -> {
            providers.close();
            mpesa.close();
        };
        SpringApplication application = new SpringApplication(SpringBootExample.class);
        Map<String, Object> defaults = new LinkedHashMap<>(providers.environment(site));
        defaults.putAll(mpesa.environment());
        defaults.put("server.port", port);
        application.setDefaultProperties(defaults);
        application.addListeners((ApplicationListener<ContextClosedEvent>) event -> stop.run());
        try {
            return application.run(args);
        } catch (RuntimeException e) {
            stop.run();
            throw e;
        }
    }
}
