package coop.izek.gateway.traffic;

import java.util.List;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import reactor.core.publisher.Mono;

/**
 * Budgets in Redis, shared by every gateway instance: one atomic script counts the request in the current window
 * and starts the window's expiry, so instances never count the same request twice or miss one.
 */
class RedisRateLimiter implements RateLimiter {

    private static final RedisScript<List> COUNT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local ttl = redis.call('PTTL', KEYS[1])
            return {count, ttl}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;

    RedisRateLimiter(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public Mono<Decision> take(String key, RateLimits.Limit limit) {
        long window = limit.window().toMillis();
        return redis.execute(COUNT, List.of("izek:rate:" + key), List.of(Long.toString(window))).next().map(result -> {
            long count = ((Number) result.get(0)).longValue();
            long ttl = Math.max(0, ((Number) result.get(1)).longValue());
            return Decision.of(count, limit, Math.max(1, (ttl + 999) / 1000));
        });
    }
}
