package org.dusangire.payment.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.dusangire.payment.core.port.PaymentRepository;
import org.junit.jupiter.api.Test;

/**
 * Delivered marks are written by whichever delivering thread is free: one call per mark for a
 * lone caller, one call for every mark queued while another call was under way, none left
 * behind, a failed call logged and the marks left to the claims' expiry.
 */
class DeliveredMarksTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"),
            ZoneOffset.UTC);

    /** Records each markEventsDelivered call; the first may be held until released. */
    private static final class Store {
        final List<List<UUID>> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch firstEntered = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);
        volatile boolean holdFirst;
        final AtomicBoolean failNext = new AtomicBoolean();

        PaymentRepository repository() {
            return (PaymentRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {PaymentRepository.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("markEventsDelivered")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        @SuppressWarnings("unchecked")
                        List<UUID> ids = List.copyOf((List<UUID>) args[0]);
                        if (failNext.getAndSet(false)) {
                            throw new PaymentStoreUnavailableException("store down", null);
                        }
                        boolean first = calls.isEmpty();
                        calls.add(ids);
                        if (first && holdFirst) {
                            firstEntered.countDown();
                            releaseFirst.await(30, TimeUnit.SECONDS);
                        }
                        return null;
                    });
        }
    }

    /**
     * Starts a thread that marks {@code first} (the store's first write, held until released)
     * and returns once that write is under way.
     */
    private static Thread heldWriter(Store store, DeliveredMarks marks, UUID first)
            throws InterruptedException {
        store.holdFirst = true;
        Thread writer = new Thread(() -> marks.delivered(first));
        writer.start();
        assertThat(store.firstEntered.await(30, TimeUnit.SECONDS)).as("the first write is held")
                .isTrue();
        return writer;
    }

    @Test
    void aLoneCallerWritesItsOwnMarkAtOnce() {
        Store store = new Store();
        DeliveredMarks marks = new DeliveredMarks(store.repository(), CLOCK);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        marks.delivered(a);
        assertThat(store.calls).containsExactly(List.of(a));
        marks.delivered(b);
        assertThat(store.calls).containsExactly(List.of(a), List.of(b));
    }

    @Test
    void marksQueuedWhileAWriteIsUnderWayGoInItsNextCallBeforeItsThreadReturns() throws Exception {
        Store store = new Store();
        DeliveredMarks marks = new DeliveredMarks(store.repository(), CLOCK);
        UUID first = UUID.randomUUID();
        Thread writer = heldWriter(store, marks, first);

        List<UUID> queued = new ArrayList<>();
        List<Thread> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            queued.add(id);
            Thread t = new Thread(() -> marks.delivered(id));
            others.add(t);
            t.start();
        }
        for (Thread t : others) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(t.isAlive()).as("a thread that finds the writer busy leaves its mark").isFalse();
        }
        assertThat(store.calls).as("nothing more written while the first call is held")
                .containsExactly(List.of(first));

        store.releaseFirst.countDown();
        writer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(writer.isAlive()).isFalse();
        assertThat(store.calls).hasSize(2);
        assertThat(store.calls.get(1)).containsExactlyInAnyOrderElementsOf(queued);
    }

    @Test
    void writeAllWaitsForTheWriteUnderWayAndWritesWhatIsQueued() throws Exception {
        Store store = new Store();
        DeliveredMarks marks = new DeliveredMarks(store.repository(), CLOCK);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Thread writer = heldWriter(store, marks, first);
        Thread queuer = new Thread(() -> marks.delivered(second));
        queuer.start();
        queuer.join(TimeUnit.SECONDS.toMillis(30));

        List<List<UUID>> writtenWhenItReturned = new CopyOnWriteArrayList<>();
        Thread waiter = new Thread(() -> {
            marks.writeAll();
            writtenWhenItReturned.addAll(store.calls);
        });
        waiter.start();
        store.releaseFirst.countDown();
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        writer.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(waiter.isAlive()).isFalse();
        assertThat(writtenWhenItReturned).as("written by the time writeAll returned")
                .containsExactly(List.of(first), List.of(second));
    }

    @Test
    void aFailedWriteIsNotThrownAtTheDeliveringThreadAndLaterMarksStillGo() {
        Store store = new Store();
        store.failNext.set(true);
        DeliveredMarks marks = new DeliveredMarks(store.repository(), CLOCK);
        UUID lost = UUID.randomUUID();
        UUID next = UUID.randomUUID();

        marks.delivered(lost);
        marks.delivered(next);

        assertThat(store.calls).as("the failed mark is left to its claim's expiry")
                .containsExactly(List.of(next));
    }

    @Test
    void aLongQueueIsWrittenInCallsOfAtMostTheLimit() throws Exception {
        Store store = new Store();
        DeliveredMarks marks = new DeliveredMarks(store.repository(), CLOCK);
        Thread writer = heldWriter(store, marks, UUID.randomUUID());
        int queued = DeliveredMarks.MAX_PER_WRITE + 3;
        for (int i = 0; i < queued; i++) {
            marks.delivered(UUID.randomUUID());
        }
        store.releaseFirst.countDown();
        writer.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(store.calls).extracting(List::size)
                .containsExactly(1, DeliveredMarks.MAX_PER_WRITE, 3);
    }
}
