package org.dusangire.payment.simulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Thread-safe record of every request a simulator received and every callback it attempted.
 */
public final class RequestJournal {

    private final ConcurrentLinkedQueue<JournalEntry> requests = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<CallbackAttempt> callbacks = new ConcurrentLinkedQueue<>();

    void record(JournalEntry entry) {
        requests.add(entry);
    }

    /** Records a callback attempt; used by {@link CallbackSender}. */
    void record(CallbackAttempt attempt) {
        callbacks.add(attempt);
    }

    /** Every recorded request, oldest first. */
    public List<JournalEntry> entries() {
        return List.copyOf(requests);
    }

    /** Requests to one endpoint, oldest first. */
    public List<JournalEntry> entries(String endpoint) {
        return requests.stream().filter(e -> e.endpoint().equals(endpoint)).toList();
    }

    /** Number of requests to one endpoint. */
    public int count(String endpoint) {
        return (int) requests.stream().filter(e -> e.endpoint().equals(endpoint)).count();
    }

    /** Number of requests to one endpoint. */
    public int count(Enum<?> endpoint) {
        return count(endpoint.name());
    }

    /** Number of requests per endpoint key. */
    public Map<String, Long> countsByEndpoint() {
        return requests.stream().collect(
                Collectors.groupingBy(JournalEntry::endpoint, Collectors.counting()));
    }

    /** Values of one header sent to one endpoint, oldest first, skipping requests without it. */
    public List<String> headerValues(String endpoint, String header) {
        return entries(endpoint).stream().map(e -> e.header(header))
                .filter(java.util.Objects::nonNull).toList();
    }

    /** Every callback attempt, oldest first. */
    public List<CallbackAttempt> callbacks() {
        return List.copyOf(callbacks);
    }

    /** Callback attempts grouped by reference. */
    public Map<String, List<CallbackAttempt>> callbacksByReference() {
        return callbacks.stream().collect(Collectors.groupingBy(CallbackAttempt::reference,
                Collectors.mapping(Function.identity(), Collectors.toList())));
    }

    /** Forgets everything recorded so far. */
    public void clear() {
        requests.clear();
        callbacks.clear();
    }
}
