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
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.port.StoredAnomaly;

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
 * <li>unverified: a payment of a provider that assigns its own reference whose initiation answer
 *     and callback were both lost, so it could never be asked about; it expired with an open
 *     {@code UNVERIFIED_EXPIRY} anomaly that tells a person to check (of them, unverifiedPaid the
 *     provider holds as paid). Counted here, not as lost, only when that anomaly is open: a
 *     disagreement nobody is told of stays lost.</li>
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
    int unverified;
    int unverifiedPaid;
    private Set<String> flagged;
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
        Set<String> refs = referencesByOrder.getOrDefault(order, Set.of());
        if (refs.size() > 1 || !refs.isEmpty() && p.providerReferenceKnown()
                && !refs.contains(p.providerReference())) {
            doubled++;
            problem(order + ": provider saw references " + refs);
        }
        if (!p.providerReferenceKnown()) {
            ProviderView held = refs.size() == 1 ? rig.view(refs.iterator().next()) : ProviderView.ABSENT;
            if (p.status() == PaymentStatus.EXPIRED && flagged(store).contains(p.id().toString())) {
                unverified++;
                if (held == ProviderView.SUCCEEDED) {
                    unverifiedPaid++;
                }
                return;
            }
            if (!held.agreeing().contains(p.status())) {
                lost++;
                problem(order + ": the provider's reference never learned, we hold " + p.status()
                        + ", provider " + held);
                return;
            }
        }
        ProviderView view = rig.view(p.providerReference());
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
        List<PaymentStatusChanged> heard = events.stream()
                .filter(e -> e.payment().id().equals(p.id()) && e.to() == p.status()).toList();
        if (p.status().isFinal() && heard.size() != 1) {
            doubleEvents++;
            problem(order + ": listeners heard " + p.status() + " " + heard.size() + " times, as "
                    + heard.stream().map(e -> e.eventId() + " " + e.from() + "->" + e.to()
                            + " (" + e.trigger() + ")").toList());
        }
    }

    /** Payments with an open UNVERIFIED_EXPIRY anomaly, read once. */
    private Set<String> flagged(PaymentRepository store) {
        if (flagged == null) {
            flagged = new java.util.HashSet<>();
            for (StoredAnomaly a : store.findAnomalies(true, 100_000)) {
                if (a.anomaly().kind() == PaymentAnomaly.Kind.UNVERIFIED_EXPIRY) {
                    flagged.add(a.anomaly().paymentReference());
                }
            }
        }
        return flagged;
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
