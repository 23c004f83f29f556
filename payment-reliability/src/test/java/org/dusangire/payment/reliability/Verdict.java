package org.dusangire.payment.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentStatus;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.PaymentStatusChanged;

/**
 * Compares every payment we hold with the provider's own view once reconciliation is quiet.
 *
 * <ul>
 * <li>lost: the provider's view and ours disagree (paid there, not here; or missing here)</li>
 * <li>wrongFailed: we hold FAILED or CANCELLED while the provider did not fail it</li>
 * <li>wrongPaid: we hold SUCCEEDED while the provider was not paid</li>
 * <li>double: the provider received this order under more than one reference, or not ours</li>
 * <li>stuck: still PENDING although its time to live has passed</li>
 * <li>doubleEvents: a payment whose listeners heard a status more than once</li>
 * </ul>
 */
final class Verdict {
    int payments;
    int lost;
    int wrongFailed;
    int wrongPaid;
    int doubled;
    int stuck;
    int doubleEvents;
    final Map<PaymentStatus, Integer> outcomes = new EnumMap<>(PaymentStatus.class);
    final List<String> problems = new ArrayList<>();

    /** One payment, found by its order's idempotency key. */
    void judge(String order, String idempotencyKey, ProviderRig rig, PaymentRepository store,
            Map<String, Set<String>> referencesByOrder, List<PaymentStatusChanged> events,
            Instant now) {
        payments++;
        Optional<Payment> found = store.findByIdempotencyKey(idempotencyKey);
        if (found.isEmpty()) {
            lost++;
            problem(order + ": not stored");
            return;
        }
        Payment p = found.get();
        outcomes.merge(p.status(), 1, Integer::sum);
        ProviderView view = rig.view(p.providerReference());
        Set<String> refs = referencesByOrder.getOrDefault(order, Set.of());
        if (refs.size() > 1 || !refs.isEmpty() && !refs.contains(p.providerReference())) {
            doubled++;
            problem(order + ": provider saw references " + refs);
        }
        if (p.status() == PaymentStatus.PENDING) {
            if (!now.isBefore(p.expiresAt())) {
                stuck++;
                problem(order + ": PENDING past its time to live, provider " + view);
            }
        } else if (!view.agreeing().contains(p.status())) {
            if (p.status() == PaymentStatus.FAILED || p.status() == PaymentStatus.CANCELLED) {
                wrongFailed++;
            } else if (p.status() == PaymentStatus.SUCCEEDED) {
                wrongPaid++;
            } else {
                lost++;
            }
            problem(order + ": we hold " + p.status() + " (" + p.failureReason() + "), provider "
                    + view);
        }
        long heard = events.stream().filter(e -> e.payment().id().equals(p.id())
                && e.to() == p.status()).count();
        if (p.status().isFinal() && heard != 1) {
            doubleEvents++;
            problem(order + ": listeners heard " + p.status() + " " + heard + " times");
        }
    }

    private void problem(String text) {
        if (problems.size() < 20) {
            problems.add(text);
        }
    }

    int outcome(PaymentStatus status) {
        return outcomes.getOrDefault(status, 0);
    }
}
