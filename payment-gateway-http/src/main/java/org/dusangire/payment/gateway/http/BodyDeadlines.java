package org.dusangire.payment.gateway.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The deadlines of the answers' bodies being read, checked by one daemon thread every
 * {@link #TICK_MILLIS} ms while any is open; it ends when none is. Watching a body costs a set's
 * add and remove. A timer per body ({@code CompletableFuture.orTimeout}) kept the JDK's
 * delay-scheduler thread busy for 6-8 us of CPU per provider call in the benchmarks, besides
 * what scheduling and cancelling it cost the threads that did. A body is given up at most one
 * tick after its deadline.
 */
final class BodyDeadlines {
    /** How often the open bodies' deadlines are checked. */
    static final long TICK_MILLIS = 50;
    /** The name of the thread that checks them. */
    static final String THREAD_NAME = "dusangire-http-body-deadlines";

    /** A body being read, with the {@link System#nanoTime()} by which it must have ended. */
    interface Watched {
        long deadlineNanos();

        /** Called once, on the checking thread, when the deadline has passed. */
        void expire();
    }

    private static final Set<Watched> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean CHECKING = new AtomicBoolean();
    /** Checks made so far, by every checker: for tests to see that the checker does not spin. */
    private static final AtomicLong CHECKS = new AtomicLong();

    private BodyDeadlines() {
    }

    /** Watches {@code body} until {@link #done} or its deadline. */
    static void watch(Watched body) {
        OPEN.add(body);
        if (!CHECKING.get() && CHECKING.compareAndSet(false, true)) {
            Thread t = new Thread(BodyDeadlines::check, THREAD_NAME);
            t.setDaemon(true);
            t.start();
        }
    }

    /** The body ended (or was given up): its deadline no longer matters. */
    static void done(Watched body) {
        OPEN.remove(body);
    }

    /** How many checks the checkers have made so far. */
    static long checks() {
        return CHECKS.get();
    }

    private static void check() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                // the open bodies still need their deadlines, so the checks go on. The flag is
                // not set again: every later sleep would throw at once, a loop at full speed.
            }
            CHECKS.incrementAndGet();
            long now = System.nanoTime();
            for (Watched body : OPEN) {
                if (now - body.deadlineNanos() >= 0 && OPEN.remove(body)) {
                    try {
                        body.expire();
                    } catch (RuntimeException e) {
                        // one body's failure must not stop the checks of the others
                    }
                }
            }
            if (OPEN.isEmpty()) {
                CHECKING.set(false);
                // a body watched since the check above either saw CHECKING true (and is ours to
                // check: take the flag back) or started a checker of its own (ours ends)
                if (OPEN.isEmpty() || !CHECKING.compareAndSet(false, true)) {
                    return;
                }
            }
        }
    }
}
