package org.dusangire.payment.simulator.flutterwave;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Payment links, transactions (attempts) and refunds. One lock guards everything: the simulator
 * favours obviously correct state over throughput, and it is still far faster than the network.
 */
final class FlwLedger {

    /** First transaction id: above {@link Integer#MAX_VALUE}, as real ids are near 2.1e9 already. */
    static final long FIRST_TRANSACTION_ID = 2_147_483_648L + 1_000;

    private final FlwSettings settings;
    private final Map<String, FlwCheckout> byTxRef = new HashMap<>();
    private final Map<String, FlwCheckout> byLink = new HashMap<>();
    private final Map<Long, FlwTransaction> transactions = new LinkedHashMap<>();
    private final Map<String, List<FlwTransaction>> attempts = new HashMap<>();
    private final Map<String, Integer> cancellations = new HashMap<>();
    private final Map<Long, FlwRefund> refunds = new LinkedHashMap<>();
    private long nextTransactionId = FIRST_TRANSACTION_ID;
    private long nextRefundId = 7_700_001L;

    FlwLedger(FlwSettings settings) {
        this.settings = settings;
    }

    static String newLinkId() {
        return "flwlnk-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** Stores a new link, or returns the link already held for the tx_ref (first terms win). */
    synchronized FlwCheckout putIfAbsent(FlwCheckout checkout) {
        FlwCheckout existing = byTxRef.putIfAbsent(checkout.txRef(), checkout);
        if (existing != null) {
            return existing;
        }
        byLink.put(checkout.linkId(), checkout);
        return checkout;
    }

    synchronized Optional<FlwCheckout> checkout(String txRef) {
        return Optional.ofNullable(byTxRef.get(txRef));
    }

    synchronized Optional<FlwCheckout> checkoutByLink(String linkId) {
        return Optional.ofNullable(byLink.get(linkId));
    }

    synchronized List<FlutterwaveTransaction> attempts(String txRef) {
        return attempts.getOrDefault(txRef, List.of()).stream().map(FlwTransaction::snapshot).toList();
    }

    synchronized boolean isPaid(String txRef) {
        return attempts.getOrDefault(txRef, List.of()).stream()
                .anyMatch(t -> "successful".equals(t.status()));
    }

    synchronized int cancellations(String txRef) {
        return cancellations.getOrDefault(txRef, 0);
    }

    synchronized void cancel(FlwCheckout checkout) {
        requireOpen(checkout);
        cancellations.merge(checkout.txRef(), 1, Integer::sum);
    }

    /**
     * Records one attempt under the link's tx_ref.
     *
     * @throws IllegalStateException when the link was already paid
     */
    synchronized FlwTransaction attempt(FlwCheckout checkout, BigDecimal amount, String currency,
                                        String paymentType, String status, String response,
                                        Instant now) {
        requireOpen(checkout);
        BigDecimal fee = amount.multiply(settings.feeRate())
                .setScale(fractionDigits(currency), RoundingMode.HALF_UP);
        BigDecimal charged = settings.customerPaysFees() ? amount.add(fee) : amount;
        FlwTransaction t = new FlwTransaction(nextTransactionId++, checkout, flwRef(), amount,
                charged, fee, currency, paymentType, status, response, now);
        transactions.put(t.id(), t);
        attempts.computeIfAbsent(checkout.txRef(), k -> new ArrayList<>()).add(t);
        return t;
    }

    synchronized Optional<FlwTransaction> transaction(long id) {
        return Optional.ofNullable(transactions.get(id));
    }

    /**
     * The transaction {@code verify_by_reference} reports: the successful attempt if there is
     * one, else the latest attempt. (Flutterwave does not document which attempt it returns.)
     */
    synchronized Optional<FlwTransaction> byReference(String txRef) {
        List<FlwTransaction> list = attempts.getOrDefault(txRef, List.of());
        return list.stream().filter(t -> "successful".equals(t.status())).findFirst()
                .or(() -> list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1)));
    }

    /** Settles a pending transaction; false when it was already final. */
    synchronized boolean settle(FlwTransaction t, String status, String response) {
        return t.settle(status, response);
    }

    /**
     * Refunds part or all of what is left of a successful transaction.
     *
     * @return the refund, or empty when the amount exceeds what is left (nothing changes)
     */
    synchronized Optional<FlwRefund> refund(FlwTransaction t, BigDecimal amount, String comments,
                                            Instant now) {
        BigDecimal left = t.chargedAmount().subtract(t.refunded());
        BigDecimal value = amount == null ? left : amount;
        if (value.signum() <= 0 || value.compareTo(left) > 0) {
            return Optional.empty();
        }
        t.addRefund(value);
        FlwRefund refund = new FlwRefund(nextRefundId++, t.id(), t.flwRef(), value,
                settings.refundStatus(), comments, now);
        refunds.put(refund.id(), refund);
        return Optional.of(refund);
    }

    synchronized Optional<FlwRefund> refund(long refundId) {
        return Optional.ofNullable(refunds.get(refundId));
    }

    synchronized List<FlwRefund> refundsOf(long transactionId) {
        return refunds.values().stream().filter(r -> r.transactionId() == transactionId).toList();
    }

    /** Every refund, oldest first. */
    synchronized List<FlwRefund> refunds() {
        return List.copyOf(refunds.values());
    }

    /** The refunds of every attempt under a tx_ref, oldest first, as the simulator sees them. */
    synchronized List<FlutterwaveRefund> refundsOf(String txRef) {
        List<FlutterwaveRefund> found = new ArrayList<>();
        for (FlwTransaction t : attempts.getOrDefault(txRef, List.of())) {
            refundsOf(t.id()).forEach(r -> found.add(r.snapshot(txRef)));
        }
        return found;
    }

    /** Marks an in-flight refund completed; false when unknown or already final. */
    synchronized boolean completeRefund(long refundId) {
        FlwRefund refund = refunds.get(refundId);
        if (refund == null || refund.completed() || refund.failed()) {
            return false;
        }
        refunds.put(refundId, refund.withStatus("completed"));
        return true;
    }

    /**
     * Marks an in-flight refund failed and makes its amount refundable again; false when unknown
     * or already final.
     */
    synchronized boolean failRefund(long refundId) {
        FlwRefund refund = refunds.get(refundId);
        if (refund == null || refund.completed() || refund.failed()) {
            return false;
        }
        refunds.put(refundId, refund.withStatus("failed"));
        transactions.get(refund.transactionId()).addRefund(refund.amount().negate());
        return true;
    }

    private void requireOpen(FlwCheckout checkout) {
        if (isPaid(checkout.txRef())) {
            throw new IllegalStateException("tx_ref " + checkout.txRef() + " is already paid");
        }
    }

    private String flwRef() {
        String hex = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return settings.testMode() ? "FLW-MOCK-" + hex : "FLW" + hex.toUpperCase(Locale.ROOT);
    }

    static int fractionDigits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }
}
