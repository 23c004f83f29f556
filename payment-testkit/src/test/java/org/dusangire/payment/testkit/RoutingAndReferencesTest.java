package org.dusangire.payment.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.InitiationRequest;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentGateway.ReferenceRule;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StoredAnomaly;
import org.dusangire.payment.core.service.CheckoutResult;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.core.service.WebhookResult;
import org.junit.jupiter.api.Test;

/**
 * Open payment methods, routing between several accounts of one provider, and providers that
 * assign their own reference (M-Pesa's kind): the rules that let a new provider or a second
 * country plug in without editing the core.
 */
class RoutingAndReferencesTest {
    private final MutableClock clock = new MutableClock(TestPayments.T0);
    private final InMemoryPaymentRepository store = new InMemoryPaymentRepository();
    private final RecordingListener listener = new RecordingListener();
    private final PaymentConfig config = PaymentConfig.builder().siteUrl("https://hospital.example")
            .reconcileAfter(Duration.ofMinutes(2)).reconcileLease(Duration.ofMinutes(1)).build();

    private PaymentService service(ScriptedPaymentGateway... gateways) {
        PaymentService.Builder b = PaymentService.builder().config(config).repository(store)
                .listener(listener).clock(clock);
        for (ScriptedPaymentGateway g : gateways) {
            b.gateway(g);
        }
        return b.build();
    }

    private static CheckoutResult pay(PaymentService service, PaymentMethod method, String amount,
            String currency, String phone) {
        return service.initiate(TestPayments.checkout(method, amount, currency)
                .payer(Payer.ofPhone(Msisdn.parse(phone))).build());
    }

    // ---------------------------------------------------------------- open methods

    @Test
    void aMethodTheCoreNeverHeardOfIsDeclaredRoutedStoredAndReadBackByName() {
        PaymentMethod tigo = PaymentMethod.of("TIGO_PESA", PaymentMethod.Family.MOBILE_MONEY);
        ScriptedPaymentGateway gateway = ScriptedPaymentGateway.named("tigo", tigo);
        PaymentService service = service(gateway);

        Payment p = pay(service, tigo, "2000", "TZS", "+255712345678").payment();

        assertThat(p.method()).isSameAs(tigo);
        assertThat(p.gatewayName()).isEqualTo("tigo");
        assertThat(PaymentMethod.valueOf("tigo-pesa")).isSameAs(tigo);
        assertThat(PaymentMethod.values()).contains(tigo, PaymentMethod.MPESA);
        assertThat(tigo.isMobileMoney()).isTrue();
        assertThat(tigo.isRedirect()).isFalse();
        assertThat(config.timeToLive(tigo)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aMethodRedeclaredWithAnotherFamilyOrAMalformedNameIsRefused() {
        assertThatThrownBy(() -> PaymentMethod.of("MPESA", PaymentMethod.Family.CARD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MOBILE_MONEY");
        assertThatThrownBy(() -> PaymentMethod.of("orange money", PaymentMethod.Family.MOBILE_MONEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upper-case");
        assertThatThrownBy(() -> PaymentMethod.valueOf("PIGEON_POST\nforged"))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("PIGEON_POST?forged").hasMessageNotContaining("\n");
        assertThat(PaymentMethod.of("MPESA", PaymentMethod.Family.MOBILE_MONEY))
                .isSameAs(PaymentMethod.MPESA);
    }

    // ---------------------------------------------------------------- several accounts

    @Test
    void twoAccountsOfOneProviderAreRoutedByCurrencyAndCountryAndCalledBackOnTheirOwnRoutes() {
        ScriptedPaymentGateway uganda = ScriptedPaymentGateway.named("mtn-momo-ug",
                PaymentMethod.MTN_MOBILE_MONEY).currencies("UGX").countries("UG");
        ScriptedPaymentGateway rwanda = ScriptedPaymentGateway.named("mtn-momo-rw",
                PaymentMethod.MTN_MOBILE_MONEY).currencies("RWF").countries("RW");
        PaymentService service = service(uganda, rwanda);

        Payment ug = pay(service, PaymentMethod.MTN_MOBILE_MONEY, "1500", "UGX", "+256772123456").payment();
        Payment rw = pay(service, PaymentMethod.MTN_MOBILE_MONEY, "1000", "RWF", "+250788123456").payment();

        assertThat(ug.gatewayName()).isEqualTo("mtn-momo-ug");
        assertThat(rw.gatewayName()).isEqualTo("mtn-momo-rw");
        assertThat(uganda.initiations()).isEqualTo(1);
        assertThat(rwanda.initiations()).isEqualTo(1);
        assertThat(config.webhookUrl("mtn-momo-rw").toString())
                .isEqualTo("https://hospital.example/payments/webhooks/mtn-momo-rw/");
        assertThat(service.gatewayFor(PaymentMethod.MTN_MOBILE_MONEY, "RWF", "RW"))
                .containsSame(rwanda);

        rwanda.approve(rw);
        WebhookResult wrongRoute = service.handleWebhook("mtn-momo-ug",
                rwanda.webhook(rw, ProviderStatus.SUCCEEDED, "evt-rw-1"));
        assertThat(wrongRoute.outcome()).isEqualTo(WebhookResult.Outcome.UNKNOWN_REFERENCE);
        assertThat(store.findById(rw.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);

        WebhookResult ownRoute = service.handleWebhook("mtn-momo-rw",
                rwanda.webhook(rw, ProviderStatus.SUCCEEDED, "evt-rw-2"));
        assertThat(ownRoute.payment().orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(uganda.statusChecks()).isZero();
    }

    @Test
    void aCurrencyOrCountryNoAccountServesIsRefusedBeforeAnythingIsStoredOrSent() {
        ScriptedPaymentGateway uganda = ScriptedPaymentGateway.named("mtn-momo-ug",
                PaymentMethod.MTN_MOBILE_MONEY).currencies("UGX").countries("UG");
        PaymentService service = service(uganda);

        assertThatThrownBy(() -> pay(service, PaymentMethod.MTN_MOBILE_MONEY, "1000", "RWF",
                "+256772123456"))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("no gateway serves MTN_MOBILE_MONEY in RWF")
                .hasMessageContaining("mtn-momo-ug (UGX, UG)");
        assertThatThrownBy(() -> pay(service, PaymentMethod.MTN_MOBILE_MONEY, "1000", "UGX",
                "+250788123456"))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("for a payer in RW");
        assertThat(store.findRecent(10)).isEmpty();
        assertThat(uganda.initiations()).isZero();
    }

    // ---------------------------------------------------------------- provider-assigned references

    private ScriptedPaymentGateway assigning() {
        return ScriptedPaymentGateway.named("mpesa", PaymentMethod.MPESA).currencies("KES")
                .countries("KE").assigningReferences();
    }

    @Test
    void theReferenceTheProviderAssignsIsStoredAndStatusIsAskedUnderIt() {
        ScriptedPaymentGateway mpesa = assigning();
        PaymentService service = service(mpesa);

        Payment p = pay(service, PaymentMethod.MPESA, "100", "KES", "+254712345678").payment();

        assertThat(mpesa.referenceRule()).isEqualTo(ReferenceRule.PROVIDER_ASSIGNED);
        String assigned = mpesa.assignedReference(p.id().toString()).orElseThrow();
        assertThat(p.providerReference()).isEqualTo(assigned).startsWith("SCR-");
        assertThat(store.findByProviderReference("mpesa", assigned)).map(Payment::id).contains(p.id());
        mpesa.approve(p);
        assertThat(service.verify(p.id()).status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void aLostAnswerIsNeverResentAndTheCallbackTellsTheReferenceBeforeTheStatusIsAsked() {
        ScriptedPaymentGateway mpesa = assigning();
        PaymentService service = service(mpesa);
        mpesa.script(ScriptedPaymentGateway.InitiationOutcome.TIMEOUT_AFTER_PROVIDER);

        Payment p = pay(service, PaymentMethod.MPESA, "100", "KES", "+254712345678").payment();
        assertThat(p.providerReferenceKnown()).isFalse();
        assertThat(p.outcomeUnknown()).isTrue();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(3));
            service.reconcile();
            assertThat(service.verify(p.id()).status()).isEqualTo(PaymentStatus.PENDING);
        }
        assertThat(mpesa.initiations()).isEqualTo(1);
        assertThat(mpesa.statusChecks()).isZero();

        mpesa.approve(p);
        WebhookResult result = service.handleWebhook("mpesa",
                mpesa.webhook(p, ProviderStatus.SUCCEEDED, "evt-1"));

        Payment after = result.payment().orElseThrow();
        assertThat(after.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(after.providerReference()).isEqualTo(mpesa.assignedReference(p.id().toString())
                .orElseThrow());
        assertThat(mpesa.statusChecks()).isEqualTo(1);
        assertThat(mpesa.initiations()).isEqualTo(1);
        assertThat(listener.count(p.id(), PaymentStatus.SUCCEEDED)).isEqualTo(1);
    }

    @Test
    void aPaymentWhoseReferenceNeverCameExpiresWithAnAnomalyAndIsNeverSentTwice() {
        ScriptedPaymentGateway mpesa = assigning();
        PaymentService service = service(mpesa);
        mpesa.script(ScriptedPaymentGateway.InitiationOutcome.TIMEOUT_BEFORE_PROVIDER);
        Payment p = pay(service, PaymentMethod.MPESA, "100", "KES", "+254712345678").payment();

        clock.advance(config.timeToLive(PaymentMethod.MPESA).plusMinutes(1));
        service.reconcile();

        Payment expired = store.findById(p.id()).orElseThrow();
        assertThat(expired.status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(mpesa.initiations()).isEqualTo(1);
        assertThat(service.anomalies(true, 10)).extracting(StoredAnomaly::anomaly)
                .extracting(PaymentAnomaly::kind).containsExactly(PaymentAnomaly.Kind.UNVERIFIED_EXPIRY);
    }

    @Test
    void aReferenceTheProviderAlreadyToldIsNeverReplacedByACallback() {
        ScriptedPaymentGateway mpesa = assigning();
        PaymentService service = service(mpesa);
        Payment p = pay(service, PaymentMethod.MPESA, "100", "KES", "+254712345678").payment();
        String assigned = p.providerReference();

        mpesa.approve(p);
        service.handleWebhook("mpesa", org.dusangire.payment.core.port.InboundRequest.builder("POST")
                .header(ScriptedPaymentGateway.SIGNATURE_HEADER, ScriptedPaymentGateway.DEFAULT_SECRET)
                .body("reference=" + p.id() + ";status=SUCCEEDED;event=evt-x;assigned=SCR-forged")
                .build());

        Payment after = store.findById(p.id()).orElseThrow();
        assertThat(after.providerReference()).isEqualTo(assigned);
        assertThat(after.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void theInitiationRequestOfAnAssigningGatewayCarriesNoReferenceOfOurs() {
        ScriptedPaymentGateway mpesa = assigning();
        Payment draft = TestPayments.pending("mpesa").method(PaymentMethod.MPESA)
                .awaitingProviderReference().build();

        assertThat(draft.providerReference()).isNull();
        assertThat(draft.toBuilder().build().providerReferenceKnown()).isFalse();
        assertThat(mpesa.initiate(new InitiationRequest(draft, config.webhookUrl("mpesa"),
                config.redirectUrl(), "Clinic")).providerReference()).startsWith("SCR-");
    }
}
