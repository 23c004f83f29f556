package org.dusangire.payment.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.core.service.PaymentService;

/** The checkout every benchmark sends, and the service wiring a host would have. */
final class Checkouts {
    private static final Money AMOUNT = Money.of(MtnFixture.AMOUNT, "UGX");
    private static final Payer PAYER = Payer.ofPhone(Msisdn.parse("+" + MtnFixture.PAYER));
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private Checkouts() {
    }

    static CheckoutRequest mtn(long seq) {
        return CheckoutRequest.builder()
                .orderReference("BILL-" + seq)
                .money(AMOUNT)
                .method(PaymentMethod.MTN_MOBILE_MONEY)
                .payer(PAYER)
                .idempotencyKey("bench-" + RUN + "-" + seq + "-" + System.nanoTime())
                .description("Hospital bill")
                .build();
    }

    static PaymentConfig config(String siteUrl) {
        return PaymentConfig.builder()
                .environment(PaymentEnvironment.SANDBOX)
                .siteUrl(siteUrl)
                .merchantName("Dusangire Hospital")
                .reconcileAfter(Duration.ofMinutes(1))
                .build();
    }

    static PaymentService service(PaymentConfig config, PaymentRepository repository,
            PaymentGateway gateway, Clock clock) {
        return PaymentService.builder().config(config).repository(repository).gateway(gateway)
                .clock(clock).build();
    }
}
