package org.dusangire.payment.gateway.flutterwave;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A whole flow with wire logging at DEBUG leaves no key, hash or full phone number behind. */
class FlutterwaveLogScrubbingTest {

    @Test
    void fullFlowLogsNoSecretKeyHashOrPhoneNumber() {
        Logger root = (Logger) LoggerFactory.getLogger("org.dusangire.payment");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        Level before = root.getLevel();
        root.setLevel(Level.DEBUG);
        root.setAdditive(false);
        List<String> stored = new ArrayList<>();
        String secretKey;
        try (FlwFixture fx = new FlwFixture()) {
            secretKey = fx.sim.secretKey();
            var service = PaymentService.builder()
                    .config(PaymentConfig.builder().siteUrl("http://localhost:8080").build())
                    .repository(new InMemoryPaymentRepository()).gateway(fx.gateway).clock(fx.clock).build();
            Payment p = service.initiate(TestPayments.checkout(PaymentMethod.CARD, "1500", "UGX").build())
                    .payment();
            stored.add(service.find(p.id()).orElseThrow().lastGatewayResponse());
            fx.sim.payByCard(p.providerReference());
            service.handleWebhook(FlutterwaveGateway.NAME, fx.webhookFor(p.providerReference()));
            stored.add(service.find(p.id()).orElseThrow().lastGatewayResponse());
            service.refund(p.id(), null, "test");
        } finally {
            root.detachAppender(appender);
            root.setLevel(before);
            root.setAdditive(true);
        }
        String logged = appender.list.stream().map(ILoggingEvent::getFormattedMessage)
                .collect(Collectors.joining("\n"));

        assertThat(logged).contains("/payments").contains("verify_by_reference");
        assertThat(String.join("\n", stored)).contains("Transaction fetched successfully");
        for (String text : List.of(logged, String.join("\n", stored))) {
            assertThat(text).doesNotContain(secretKey).doesNotContain(FlwFixture.HASH)
                    .doesNotContain("256772123456");
        }
    }
}
