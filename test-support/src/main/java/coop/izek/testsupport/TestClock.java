package coop.izek.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The services' clock in integration tests: real time, moved forward when a test needs a session to have begun or
 * a deadline to have passed. A test that moves it puts it back ({@link #reset()}) so the shared context stays honest.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    public TestClock() {
        this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
    }

    private TestClock(AtomicReference<Duration> offset, ZoneId zone) {
        this.offset = offset;
        this.zone = zone;
    }

    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    /** Moves on to the next time the clocks in İzmir show {@code time} (tests that depend on the time of day). */
    public void advanceToNextIzmirTime(java.time.LocalTime time) {
        var now = instant().atZone(ZoneId.of("Europe/Istanbul"));
        var next = now.toLocalDate().atTime(time).atZone(now.getZone());
        advance(Duration.between(now, next.isAfter(now) ? next : next.plusDays(1)));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moved time, seen in another zone. */
    @Override
    public Clock withZone(ZoneId otherZone) {
        return new TestClock(offset, otherZone);
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
