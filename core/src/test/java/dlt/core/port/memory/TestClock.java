package dlt.core.port.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand. */
public final class TestClock extends Clock {
    private volatile Instant now;

    public TestClock(Instant now) {
        this.now = now;
    }

    public TestClock advance(Duration by) {
        now = now.plus(by);
        return this;
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
        return now;
    }
}
