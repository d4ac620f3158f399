package coop.izek.gateway.traffic;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * Budgets in this gateway's memory: right for one gateway; several need {@link RedisRateLimiter}. As there, a window
 * starts with a key's first request and lasts its length.
 */
class InMemoryRateLimiter implements RateLimiter {

    private static final int PRUNE_ABOVE = 100_000;

    private record Window(long start, long count) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;

    InMemoryRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<Decision> take(String key, RateLimits.Limit limit) {
        long now = clock.millis();
        long length = limit.window().toMillis();
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(w -> w.start() + length <= now);
        }
        var window = windows.compute(key, (k, current) -> current == null || current.start() + length <= now
                ? new Window(now, 1) : new Window(current.start(), current.count() + 1));
        long resetSeconds = Math.max(1, (window.start() + length - now + 999) / 1000);
        return Mono.just(Decision.of(window.count(), limit, resetSeconds));
    }
}
