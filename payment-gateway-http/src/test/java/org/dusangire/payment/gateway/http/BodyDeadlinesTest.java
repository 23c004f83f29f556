package org.dusangire.payment.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BodyDeadlinesTest {

    private static final class Body implements BodyDeadlines.Watched {
        final long deadline;
        final AtomicInteger expired = new AtomicInteger();
        final AtomicLong expiredAt = new AtomicLong();
        final CountDownLatch expiry = new CountDownLatch(1);

        Body(long millisFromNow) {
            this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millisFromNow);
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public void expire() {
            expiredAt.set(System.nanoTime());
            expired.incrementAndGet();
            expiry.countDown();
        }
    }

    @Test
    void aBodyStillOpenAtItsDeadlineIsExpiredOnceAndNotBefore() throws Exception {
        Body body = new Body(100);

        BodyDeadlines.watch(body);

        assertThat(body.expiry.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(body.expiredAt.get() - body.deadline).isNotNegative();
        Thread.sleep(3 * BodyDeadlines.TICK_MILLIS);
        assertThat(body.expired).hasValue(1);
    }

    @Test
    void aBodyThatEndedIsNeverExpired() throws Exception {
        Body ended = new Body(50);
        Body open = new Body(150);

        BodyDeadlines.watch(ended);
        BodyDeadlines.watch(open);
        BodyDeadlines.done(ended);

        assertThat(open.expiry.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ended.expired).hasValue(0);
    }

    @Test
    void theCheckingThreadEndsWhenNoBodyIsOpenAndStartsAgainForTheNext() throws Exception {
        Body first = new Body(10_000);
        BodyDeadlines.watch(first);
        assertThat(checkerRunning()).isTrue();
        BodyDeadlines.done(first);

        assertThat(waitUntilCheckerEnds()).as("the checking thread ended").isTrue();

        Body next = new Body(50);
        BodyDeadlines.watch(next);
        assertThat(next.expiry.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(waitUntilCheckerEnds()).isTrue();
    }

    @Test
    void anInterruptedCheckerGoesOnCheckingWithoutSpinning() throws Exception {
        Body open = new Body(60_000);
        BodyDeadlines.watch(open);
        Thread checker = checker();
        try {
            long before = BodyDeadlines.checks();
            checker.interrupt();
            Thread.sleep(8 * BodyDeadlines.TICK_MILLIS);

            // an interrupt flag set again after each sleep would make every next sleep throw at
            // once: thousands of checks in these eight ticks instead of about eight
            assertThat(BodyDeadlines.checks() - before).isBetween(1L, 40L);
            Body next = new Body(50);
            BodyDeadlines.watch(next);
            assertThat(next.expiry.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            BodyDeadlines.done(open);
        }
        assertThat(waitUntilCheckerEnds()).isTrue();
    }

    private static Thread checker() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(BodyDeadlines.THREAD_NAME))
                .findFirst().orElseThrow();
    }

    private static boolean waitUntilCheckerEnds() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until) {
            if (!checkerRunning()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private static boolean checkerRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals(BodyDeadlines.THREAD_NAME));
    }
}
