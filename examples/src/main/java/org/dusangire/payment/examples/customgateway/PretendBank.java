package org.dusangire.payment.examples.customgateway;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for a bank's payment API, in memory, so the example gateway has a provider to talk
 * to. A real adapter would call the bank over HTTP with {@code payment-gateway-http}.
 */
public final class PretendBank {
    /** A transfer order at the bank. */
    public record Transfer(String reference, BigDecimal amount, String currency, String state,
            String bankTransactionId) {
    }

    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(70_000);

    /** Opens a transfer order; the same reference twice keeps the first order. */
    public Transfer open(String reference, BigDecimal amount, String currency) {
        return transfers.computeIfAbsent(reference, r -> new Transfer(r, amount, currency, "OPEN", null));
    }

    public Optional<Transfer> find(String reference) {
        return Optional.ofNullable(transfers.get(reference));
    }

    /** The customer's transfer arrives in full. */
    public void receive(String reference) {
        transfers.computeIfPresent(reference, (r, t) -> new Transfer(r, t.amount(), t.currency(),
                "SETTLED", "BNK" + ids.incrementAndGet()));
    }

    /** The order is closed without payment. */
    public void close(String reference, String why) {
        transfers.computeIfPresent(reference, (r, t) -> new Transfer(r, t.amount(), t.currency(),
                "CLOSED:" + why, null));
    }
}
