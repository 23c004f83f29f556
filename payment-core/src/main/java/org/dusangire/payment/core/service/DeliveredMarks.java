package org.dusangire.payment.core.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.port.PaymentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "delivered" marks of events the listeners have taken, written together: a thread that has
 * told the listeners queues its mark and, unless another thread is writing marks at that moment,
 * writes every queued mark in one {@link PaymentRepository#markEventsDelivered} call. A thread
 * that finds the writer busy leaves its mark to it: the writer looks at the queue again after
 * each write and after letting go, so a queued mark is written before the thread that writes it
 * returns. With one caller at a time each mark is written at once, by its own thread.
 *
 * <p>Until its mark is written an event stays open and claimed, so nothing is lost: at worst (a
 * write that fails, a crash) it is delivered again once its claim runs out, under the same id,
 * as delivery at least once already allows. {@link #writeAll} waits for marks being written and
 * writes the rest, for callers that need a payment's earlier events closed before they claim its
 * next ones.
 */
final class DeliveredMarks {
    private static final Logger log = LoggerFactory.getLogger(DeliveredMarks.class);
    /** At most this many marks in one call; the store splits longer lists anyway. */
    static final int MAX_PER_WRITE = 256;

    private final PaymentRepository repository;
    private final Clock clock;
    private final ConcurrentLinkedQueue<UUID> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    DeliveredMarks(PaymentRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Queues the mark of an event the listeners have taken, and writes what is queued unless another thread is writing. */
    void delivered(UUID eventId) {
        queued.add(eventId);
        // re-checked after each unlock: a mark queued while another thread held the lock is
        // seen either by that thread's own re-check or by this one's tryLock
        while (!queued.isEmpty() && writing.tryLock()) {
            try {
                writeQueued();
            } finally {
                writing.unlock();
            }
        }
    }

    /** Waits for the marks being written, then writes every queued one. */
    void writeAll() {
        writing.lock();
        try {
            writeQueued();
        } finally {
            writing.unlock();
        }
    }

    private void writeQueued() {
        while (true) {
            List<UUID> batch = new ArrayList<>();
            for (UUID next; batch.size() < MAX_PER_WRITE && (next = queued.poll()) != null; ) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                return;
            }
            write(batch);
        }
    }

    private void write(List<UUID> batch) {
        try {
            repository.markEventsDelivered(batch, clock.instant());
        } catch (PaymentException e) {
            // the events stay claimed: delivered again under the same ids once the claims run out
            log.warn("{} delivered event(s) could not be marked now ({}); they are delivered again "
                    + "once their claims run out", batch.size(), e.getMessage());
        } catch (RuntimeException e) {
            // a store's bug: the writing thread may be serving another payment, which must not
            // fail for it; the events are delivered again as above
            log.error("{} delivered event(s) could not be marked: the store failed unexpectedly; "
                    + "they are delivered again once their claims run out", batch.size(), e);
        }
    }
}
