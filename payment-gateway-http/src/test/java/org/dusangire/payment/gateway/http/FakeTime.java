package org.dusangire.payment.gateway.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock tests move by hand, and a sleeper that only records and advances it. */
final class FakeTime extends Clock implements Sleeper {
    private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    void advance(Duration d) {
        now = now.plus(d);
    }

    List<Duration> sleeps() {
        return sleeps;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        advance(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
