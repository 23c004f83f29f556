package org.dusangire.payment.gateway.mpesa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.error.WebhookRejectedException;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.InboundRequest;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.core.service.WebhookResult;
import org.dusangire.payment.simulator.CallbackAttempt;
import org.dusangire.payment.simulator.Fault;
import org.dusangire.payment.simulator.FaultKind;
import org.dusangire.payment.simulator.FaultRule;
import org.dusangire.payment.simulator.mpesa.MpesaEndpoint;
import org.dusangire.payment.simulator.mpesa.MpesaSimulator;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway inside the real {@code PaymentService}: the reference Daraja assigns is stored at
 * checkout, a callback is believed only with the payment's own token and after the STK query
 * agrees, and a push whose answer was lost is never sent again.
 */
class MpesaServiceFlowTest {
    private static final String ROUTE = "/payments/webhooks/mpesa/";

    private final MpesaSimulator sim = MpesaSimulator.builder().threads(8).build().start();
    private final InMemoryPaymentRepository store = new InMemoryPaymentRepository();
    private final PaymentService service = PaymentService.builder()
            .config(PaymentConfig.builder().siteUrl("https://hospital.example")
                    .reconcileAfter(Duration.ofMillis(1)).build())
            .repository(store).gateway(MpesaFixture.gateway(sim)).build();

    @AfterEach
    void stop() {
        sim.close();
    }

    private Payment checkout(String phone) {
        return service.initiate(TestPayments.checkout(PaymentMethod.MPESA, "250", "KES")
                .payer(Payer.ofPhone(Msisdn.parse(phone))).build()).payment();
    }

    private Payment stored(Payment p) {
        return store.findById(p.id()).orElseThrow();
    }

    @Test
    void checkoutStoresDarajasReferenceAndAnAuthenticCallbackSettlesThePayment() {
        Payment p = checkout(MpesaFixture.safaricomNumber());
        assertThat(p.providerReference()).startsWith("ws_CO_");
        sim.approve(p.providerReference());

        WebhookResult result = service.handleWebhook("mpesa", callback(p.providerReference()));

        assertThat(result.outcome()).isEqualTo(WebhookResult.Outcome.PROCESSED);
        assertThat(stored(p).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(sim.stkQueryRequests()).as("confirmed with the STK query").isPositive();
        // the STK query names no receipt; the callback's MpesaReceiptNumber is kept
        assertThat(stored(p).providerTransactionId()).isNotBlank()
                .isEqualTo(sim.state(p.providerReference()).orElseThrow().receiptNumber());
    }

    @Test
    void aCallbackWithAnotherTokenIsRefusedAndChangesNothing() {
        Payment p = checkout(MpesaFixture.safaricomNumber());
        sim.approve(p.providerReference());
        InboundRequest authentic = callback(p.providerReference());
        InboundRequest forged = InboundRequest.builder("POST")
                .path(p.id() + "/" + "another0token0of0the0right0shape")
                .body(authentic.bodyAsString()).build();

        assertThatThrownBy(() -> service.handleWebhook("mpesa", forged))
                .isInstanceOf(WebhookRejectedException.class);
        assertThat(stored(p).status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void aCallbackForOnePaymentSentToAnothersUrlSettlesNeither() {
        Payment paid = checkout(MpesaFixture.safaricomNumber());
        Payment other = checkout(MpesaFixture.safaricomNumber());
        sim.approve(paid.providerReference());
        InboundRequest misrouted = InboundRequest.builder("POST")
                .path(other.id() + "/" + stored(other).callbackToken())
                .body(callback(paid.providerReference()).bodyAsString()).build();

        Throwable thrown = catchThrowable(() -> service.handleWebhook("mpesa", misrouted));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(WebhookRejectedException.class);
        }
        assertThat(stored(other).status()).as("the STK query under its own reference says pending")
                .isEqualTo(PaymentStatus.PENDING);
        assertThat(stored(paid).status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void aMalformedCallbackIsRefused() {
        Payment p = checkout(MpesaFixture.safaricomNumber());
        InboundRequest garbled = InboundRequest.builder("POST")
                .path(p.id() + "/" + stored(p).callbackToken()).body("{\"Body\": [").build();

        assertThatThrownBy(() -> service.handleWebhook("mpesa", garbled))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e ->
                        assertThat(e.reason()).isEqualTo(WebhookRejectedException.Reason.MALFORMED));
    }

    @Test
    void aPushWhoseAnswerWasLostIsNeverSentAgainAndItsCallbackTellsTheReference() {
        String phone = MpesaFixture.safaricomNumber();
        sim.inject(FaultRule.nextCalls(MpesaEndpoint.STK_PUSH, 1, Fault.of(FaultKind.DROP_AFTER_PROCESSING)));

        Throwable thrown = catchThrowable(() -> checkout(phone));
        Payment p = store.findRecent(100).stream().filter(x -> x.payer().msisdn().digits().equals(phone))
                .findFirst().orElseThrow(() -> new AssertionError("not stored", thrown));
        service.reconcile();
        service.reconcile();

        assertThat(stored(p).status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(stored(p).providerReference()).as("never told").isNull();
        assertThat(sim.stkPushRequests()).as("never sent again").isEqualTo(1);

        String checkout = sim.pushesTo(phone).get(0).checkoutRequestId();
        sim.approve(checkout);
        service.handleWebhook("mpesa", callback(checkout));

        assertThat(stored(p).providerReference()).isEqualTo(checkout);
        assertThat(stored(p).status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(sim.stkPushRequests()).isEqualTo(1);
    }

    /** The callback the simulator sent for a push, as the webhook route receives it. */
    private InboundRequest callback(String checkoutRequestId) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            List<CallbackAttempt> attempts = sim.journal().callbacksByReference()
                    .getOrDefault(checkoutRequestId, List.of());
            if (!attempts.isEmpty()) {
                CallbackAttempt a = attempts.get(attempts.size() - 1);
                String path = URI.create(a.url()).getPath();
                return InboundRequest.builder(a.method())
                        .path(path.substring(path.indexOf(ROUTE) + ROUTE.length()))
                        .header("Content-Type", "application/json").body(a.body()).build();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no callback for " + checkoutRequestId);
    }
}
