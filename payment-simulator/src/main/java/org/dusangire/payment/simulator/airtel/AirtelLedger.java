package org.dusangire.payment.simulator.airtel;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * All payments the simulator knows, keyed by our exact {@code transaction.id}, and the single
 * place where a payment changes status, a refund's reversal included.
 */
final class AirtelLedger {

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyMMdd.HHmm").withZone(ZoneOffset.UTC);

    private final ConcurrentMap<String, AirtelPayment> payments = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AirtelPayment> byAirtelId = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final Clock clock;
    private final Consumer<AirtelPayment> onFinal;

    AirtelLedger(Clock clock, Consumer<AirtelPayment> onFinal) {
        this.clock = clock;
        this.onFinal = onFinal;
    }

    /** Stores a new payment; false when the transaction id is taken. */
    boolean add(AirtelPayment payment) {
        return payments.putIfAbsent(payment.request().id(), payment) == null;
    }

    Optional<AirtelPayment> payment(String id) {
        return Optional.ofNullable(payments.get(id));
    }

    Optional<AirtelPayment> byAirtelMoneyId(String airtelMoneyId) {
        return Optional.ofNullable(byAirtelId.get(airtelMoneyId));
    }

    Collection<AirtelPayment> all() {
        return payments.values();
    }

    /** The payer approves: TS with a new Airtel money id such as {@code MP260301.0800.L00001}. */
    boolean succeed(AirtelPayment payment) {
        String airtelId = "MP" + ID_TIME.format(clock.instant()) + ".L"
                + String.format("%05d", counter.incrementAndGet());
        var request = payment.request();
        String message = "Paid " + request.currency() + " " + request.amount().toPlainString()
                + " to SIMULATED MERCHANT, Trans ID " + airtelId + ".";
        boolean changed = payment.move(new AirtelPayment.Outcome(AirtelStatus.TS,
                AirtelCodes.SUCCESS, message, airtelId));
        if (changed) {
            byAirtelId.put(airtelId, payment);
            onFinal.accept(payment);
        }
        return changed;
    }

    /** Ends the payment TF (or TE) with a DP response code. */
    boolean fail(AirtelPayment payment, AirtelStatus status, String responseCode) {
        boolean changed = payment.move(new AirtelPayment.Outcome(status, responseCode,
                AirtelCodes.reason(responseCode), null));
        if (changed) {
            onFinal.accept(payment);
        }
        return changed;
    }

    /**
     * Reverses a TS payment in full under a new Airtel money id of the refund's own, such as
     * {@code CI260301.0800.C00002} (the docs' refund sample has this shape).
     *
     * @return the refund, or empty when the payment is not TS (not paid, or reversed already)
     */
    Optional<AirtelRefundState> reverse(AirtelPayment payment) {
        String refundId = "CI" + ID_TIME.format(clock.instant()) + ".C"
                + String.format("%05d", counter.incrementAndGet());
        return payment.reverse(refundId, clock.instant());
    }

    /** Makes the payment ambiguous (TA); false when already final. */
    boolean ambiguous(AirtelPayment payment) {
        return payment.move(new AirtelPayment.Outcome(AirtelStatus.TA, AirtelCodes.AMBIGUOUS,
                AirtelCodes.reason(AirtelCodes.AMBIGUOUS), null));
    }
}
