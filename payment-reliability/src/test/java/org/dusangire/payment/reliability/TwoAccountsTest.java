package org.dusangire.payment.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Currency;
import java.util.List;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.gateway.mtn.MtnMomoConfig;
import org.dusangire.payment.gateway.mtn.MtnMomoGateway;
import org.dusangire.payment.persistence.jdbi.JdbiPaymentRepository;
import org.dusangire.payment.simulator.CallbackAttempt;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.junit.jupiter.api.Test;

/**
 * A hospital group with a Ugandan and a Rwandan MTN account in one service: each checkout goes to
 * the account of its currency and its payer's country, each account's simulator calls back on
 * that account's own route of a real servlet container, and the callback settles the payment
 * through that account's status API. Real sockets, real H2, real Jetty.
 */
class TwoAccountsTest {

    private static MtnMomoSimulator simulator(String targetEnvironment, String currency) {
        return MtnMomoSimulator.builder().targetEnvironment(targetEnvironment).currency(currency)
                .autoApprove(true).providerCallbackHost("127.0.0.1").build().start();
    }

    private static MtnMomoGateway gateway(MtnMomoSimulator sim, String name, String currency) {
        return MtnMomoGateway.builder(MtnMomoConfig.builder()
                        .environment(PaymentEnvironment.SANDBOX)
                        .apiUser(Secret.of(sim.apiUser()))
                        .apiKey(Secret.of(sim.apiKey()))
                        .subscriptionKey(Secret.of(sim.collectionSubscriptionKey()))
                        .targetEnvironment(sim.targetEnvironment())
                        .currency(Currency.getInstance(currency))
                        .baseUrl(sim.baseUri())
                        .build())
                .name(name)
                .build();
    }

    private static CheckoutRequest checkout(String order, String amount, String currency, String phone) {
        return CheckoutRequest.builder().orderReference(order).money(Money.of(amount, currency))
                .method(PaymentMethod.MTN_MOBILE_MONEY).payer(Payer.ofPhone(Msisdn.parse(phone)))
                .idempotencyKey("key-" + order).description("Hospital bill").build();
    }

    @Test
    void eachAccountTakesItsOwnCurrencyAndIsCalledBackOnItsOwnRoute() throws Exception {
        int port = WebhookHost.freePort();
        String siteUrl = "http://127.0.0.1:" + port;
        PaymentConfig config = Services.config(siteUrl);
        PaymentRepository store = JdbiPaymentRepository.create(Databases.freshH2());
        try (MtnMomoSimulator uganda = simulator("mtnuganda", "UGX");
                MtnMomoSimulator rwanda = simulator("mtnrwanda", "RWF")) {
            PaymentService service = PaymentService.builder().config(config).repository(store)
                    .gateway(gateway(uganda, "mtn-momo-ug", "UGX"))
                    .gateway(gateway(rwanda, "mtn-momo-rw", "RWF"))
                    .build();
            try (WebhookHost host = WebhookHost.start(service, port)) {
                assertThat(host.baseUri().getPort()).as("the site the simulators call back").isEqualTo(port);
                Payment ug = service.initiate(checkout("UG-1", "1500", "UGX", "+256772123456")).payment();
                Payment rw = service.initiate(checkout("RW-1", "1000", "RWF", "+250788123456")).payment();

                assertThat(ug.gatewayName()).isEqualTo("mtn-momo-ug");
                assertThat(rw.gatewayName()).isEqualTo("mtn-momo-rw");
                assertThat(uganda.requestToPayCount()).isEqualTo(1);
                assertThat(rwanda.requestToPayCount()).isEqualTo(1);

                // no reconciliation runs here: only the callbacks on each account's route settle them
                assertThat(awaitFinal(service, ug).status()).as("callbacks %s", uganda.journal().callbacks())
                        .isEqualTo(PaymentStatus.SUCCEEDED);
                assertThat(awaitFinal(service, rw).status()).as("callbacks %s", rwanda.journal().callbacks())
                        .isEqualTo(PaymentStatus.SUCCEEDED);
                assertThat(delivered(uganda)).singleElement().asString()
                        .contains("/payments/webhooks/mtn-momo-ug/" + ug.id());
                assertThat(delivered(rwanda)).singleElement().asString()
                        .contains("/payments/webhooks/mtn-momo-rw/" + rw.id());
            }
            assertThatThrownBy(() -> service.initiate(checkout("KE-1", "100", "KES", "+256772123456")))
                    .isInstanceOf(PaymentValidationException.class)
                    .hasMessageContaining("no gateway serves MTN_MOBILE_MONEY in KES");
            assertThat(uganda.requestToPayCount() + rwanda.requestToPayCount()).isEqualTo(2);
        }
    }

    private static List<String> delivered(MtnMomoSimulator sim) {
        return sim.journal().callbacks().stream().filter(c -> c.status() == 200)
                .map(CallbackAttempt::url).toList();
    }

    private static Payment awaitFinal(PaymentService service, Payment p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Payment now = service.find(p.id()).orElseThrow();
        while (!now.status().isFinal() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            now = service.find(p.id()).orElseThrow();
        }
        return now;
    }
}
