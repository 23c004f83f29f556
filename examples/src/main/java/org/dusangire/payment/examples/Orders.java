package org.dusangire.payment.examples;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dusangire.payment.core.model.Money;

/**
 * The host's own bills, standing in for a hospital's billing tables: what {@link OrdersListener}
 * updates. It keeps the event ids it applied, so a repeated delivery changes nothing.
 */
public final class Orders {
    private final Set<UUID> applied = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> paid = new ConcurrentHashMap<>();
    private final List<String> refunds = new CopyOnWriteArrayList<>();

    /** Marks a bill paid, once per event. */
    public void markPaid(String orderReference, UUID eventId) {
        if (applied.add(eventId)) {
            paid.merge(orderReference, 1, Integer::sum);
        }
    }

    /** Records money handed back on a bill, once per event. */
    public void recordRefund(String orderReference, Money amount, UUID eventId) {
        if (applied.add(eventId)) {
            refunds.add(orderReference + " " + amount);
        }
    }

    /** True once the bill was marked paid. */
    public boolean isPaid(String orderReference) {
        return paid.containsKey(orderReference);
    }

    /** How many times the bill was marked paid: 1 for a paid bill, whatever was redelivered. */
    public int timesMarkedPaid(String orderReference) {
        return paid.getOrDefault(orderReference, 0);
    }

    /** The refunds recorded, as "reference amount". */
    public List<String> refunds() {
        return List.copyOf(refunds);
    }
}
