package org.dusangire.payment.testkit;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.service.PaymentService;

/** A service wired to the in-memory repository, scripted gateways and a hand-moved clock. */
final class ServiceFixture {
    final MutableClock clock = new MutableClock(TestPayments.T0);
    final InMemoryPaymentRepository store = new InMemoryPaymentRepository();
    final ScriptedPaymentGateway mtn = ScriptedPaymentGateway.named("mtn-momo",
            PaymentMethod.MTN_MOBILE_MONEY);
    final ScriptedPaymentGateway flutterwave = ScriptedPaymentGateway.named("flutterwave",
            PaymentMethod.CARD, PaymentMethod.BANK_TRANSFER);
    final RecordingListener listener = new RecordingListener();
    final PaymentConfig config;
    final PaymentService service;

    ServiceFixture() {
        this(null);
    }

    ServiceFixture(PaymentRepository repository) {
        this(repository, UnaryOperator.identity());
    }

    ServiceFixture(PaymentRepository repository, UnaryOperator<PaymentConfig.Builder> settings) {
        config = settings.apply(PaymentConfig.builder()
                .siteUrl("https://hospital.example")
                .merchantName("Test Hospital")
                .reconcileAfter(Duration.ofMinutes(2))
                .reconcileLease(Duration.ofMinutes(1))).build();
        service = PaymentService.builder()
                .config(config)
                .repository(repository == null ? store : repository)
                .gateway(mtn)
                .gateway(flutterwave)
                .listener(listener)
                .clock(clock)
                .build();
    }
}
