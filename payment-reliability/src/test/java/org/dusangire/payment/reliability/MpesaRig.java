package org.dusangire.payment.reliability;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.gateway.mpesa.MpesaConfig;
import org.dusangire.payment.gateway.mpesa.MpesaGateway;
import org.dusangire.payment.simulator.mpesa.MpesaEndpoint;
import org.dusangire.payment.simulator.mpesa.MpesaOutcome;
import org.dusangire.payment.simulator.mpesa.MpesaSimulator;
import org.dusangire.payment.simulator.mpesa.StkPushState;

/**
 * M-Pesa: the real {@link MpesaGateway} against the {@link MpesaSimulator} over loopback. Daraja
 * assigns its own reference and has no idempotency of ours, so this rig is the suite's provider
 * whose lost push answers cannot be asked about. Each order pays from its own Safaricom number,
 * scripted when the order is created, so the customer's answer is fixed the instant the push is
 * accepted.
 */
final class MpesaRig extends SimulatorRig<MpesaSimulator> {
    private final MpesaGateway gateway;

    MpesaRig() {
        super(MpesaSimulator.builder().autoApprove(false).threads(96).build().start());
        gateway = MpesaGateway.builder(MpesaConfig.builder()
                        .environment(PaymentEnvironment.SANDBOX)
                        .consumerKey(Secret.of(sim.consumerKey()))
                        .consumerSecret(Secret.of(sim.consumerSecret()))
                        .shortcode(sim.shortcode())
                        .passkey(Secret.of(sim.passkey()))
                        .baseUrl(sim.baseUri())
                        .connectTimeout(SimulatorFaults.REQUEST_TIMEOUT)
                        .requestTimeout(SimulatorFaults.REQUEST_TIMEOUT)
                        .build())
                .sleeper(d -> Thread.sleep(Math.min(d.toMillis(), 20)))
                .build();
    }

    /** The Safaricom number (2547 1x) that pays this order. */
    static String number(String orderReference) {
        return "25471" + String.format("%07d", Math.floorMod(orderReference.hashCode(), 10_000_000));
    }

    @Override
    public String name() {
        return gateway.name();
    }

    @Override
    public PaymentGateway gateway() {
        return gateway;
    }

    @Override
    public CheckoutRequest checkout(String orderReference, Fate fate) {
        String number = number(orderReference);
        Random random = new Random(orderReference.hashCode());
        switch (fate) {
            case PAY -> sim.script(number, MpesaOutcome.APPROVE, Duration.ZERO);
            case DECLINE -> sim.script(number, switch (random.nextInt(3)) {
                case 0 -> MpesaOutcome.CANCEL;
                case 1 -> MpesaOutcome.INSUFFICIENT_FUNDS;
                default -> MpesaOutcome.WRONG_PIN;
            }, Duration.ZERO);
            case ABANDON -> {
                if (random.nextBoolean()) {
                    sim.script(number, MpesaOutcome.TIMEOUT, Duration.ZERO);
                } // else the prompt is never answered: pending until we expire it
            }
        }
        return CheckoutRequest.builder()
                .orderReference(orderReference)
                .money(Money.of("150", "KES"))
                .method(PaymentMethod.MPESA)
                .payer(Payer.ofPhone(Msisdn.parse("+" + number)))
                .idempotencyKey("key-" + orderReference)
                .description("Hospital bill")
                .build();
    }

    @Override
    public void callbacksTo(URI siteUrl) {
        // Daraja calls back the CallBackURL the gateway sends with each push
    }

    @Override
    protected Enum<?> callbackEndpoint() {
        return MpesaEndpoint.CALLBACK;
    }

    @Override
    public long providerCalls() {
        return SimulatorFaults.apiRequests(sim) + sim.journal().callbacks().size();
    }

    @Override
    public int initiations() {
        return sim.stkPushRequests();
    }

    @Override
    public ProviderView view(String reference) {
        if (reference == null) {
            return ProviderView.ABSENT;
        }
        return sim.state(reference).map(MpesaRig::view).orElse(ProviderView.ABSENT);
    }

    private static ProviderView view(StkPushState s) {
        return !s.isFinal() ? ProviderView.PENDING : s.paid() ? ProviderView.SUCCEEDED
                : ProviderView.FAILED;
    }

    @Override
    public BigDecimal refundedAtProvider(String reference) {
        // Daraja's reversal is not supported by the gateway: nothing is ever refunded
        return BigDecimal.ZERO;
    }

    @Override
    public Map<String, Set<String>> referencesByOrder() {
        Map<String, Set<String>> byOrder = new HashMap<>();
        for (StkPushState push : sim.pushes()) {
            byOrder.computeIfAbsent(push.accountReference(), k -> new HashSet<>())
                    .add(push.checkoutRequestId());
        }
        return byOrder;
    }
}
