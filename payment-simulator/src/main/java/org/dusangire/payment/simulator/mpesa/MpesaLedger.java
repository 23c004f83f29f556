package org.dusangire.payment.simulator.mpesa;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every STK push the simulator accepted, keyed by {@code CheckoutRequestID}, the identifiers
 * Daraja assigns, and the single place where a push becomes final.
 */
final class MpesaLedger {

    /** Daraja prints times in Nairobi's time zone. */
    static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final DateTimeFormatter CHECKOUT_TIME =
            DateTimeFormatter.ofPattern("ddMMyyyyHHmmssSSS").withZone(NAIROBI);
    private static final String RECEIPT_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final ConcurrentMap<String, StkPush> pushes = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong(314_768_168L);
    private final AtomicLong receipts = new AtomicLong(7_301_994L);
    private final Consumer<StkPush> onFinal;

    MpesaLedger(Consumer<StkPush> onFinal) {
        this.onFinal = onFinal;
    }

    /** A new {@code ws_CO_...} id: Nairobi time to the millisecond and a sequence number. */
    String nextCheckoutRequestId(Instant now) {
        return "ws_CO_" + CHECKOUT_TIME.format(now) + sequence.incrementAndGet();
    }

    /** A new {@code MerchantRequestID} such as {@code 29115-34620561-1}. */
    String nextMerchantRequestId() {
        long n = sequence.incrementAndGet();
        return (n % 90_000 + 10_000) + "-" + n + "-1";
    }

    /** A ten-character receipt such as {@code NLJ7RT61SV}: letters and digits, never a phone. */
    String nextReceipt() {
        long n = receipts.incrementAndGet();
        StringBuilder receipt = new StringBuilder("S");
        long rest = n;
        for (int i = 0; i < 9; i++) {
            int pick = (int) (rest % 36);
            rest /= 36;
            receipt.append(i % 3 == 0 ? RECEIPT_LETTERS.charAt(pick % 26)
                    : Character.forDigit(pick, 36));
        }
        return receipt.toString().toUpperCase(java.util.Locale.ROOT);
    }

    void add(StkPush push) {
        pushes.put(push.request().checkoutRequestId(), push);
    }

    Optional<StkPush> push(String checkoutRequestId) {
        return Optional.ofNullable(checkoutRequestId == null ? null : pushes.get(checkoutRequestId));
    }

    /** Whether the number has a push the customer has not answered yet. */
    boolean hasPendingPush(String phoneNumber) {
        return pushes.values().stream().anyMatch(p -> p.result() == null
                && p.request().phoneNumber().equals(phoneNumber));
    }

    Collection<StkPush> all() {
        return pushes.values();
    }

    /** Ends a push with an outcome; false when it already was final. */
    boolean finish(StkPush push, int code, String desc, Instant at) {
        String receipt = code == 0 ? nextReceipt() : null;
        boolean changed = push.finish(new StkPush.Result(code, desc, receipt, at));
        if (changed) {
            onFinal.accept(push);
        }
        return changed;
    }
}
