package org.dusangire.payment.simulator.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock tests move by hand, so nothing sleeps. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    /** A clock standing at 2026-01-01T08:00:00Z. */
    public MutableClock() {
        this(Instant.parse("2026-01-01T08:00:00Z"));
    }

    public MutableClock(Instant start) {
        now = new AtomicReference<>(start);
    }

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
