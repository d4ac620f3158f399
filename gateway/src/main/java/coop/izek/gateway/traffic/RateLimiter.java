package coop.izek.gateway.traffic;

import reactor.core.publisher.Mono;

/** Counts a request against a budget and says whether it may pass. */
interface RateLimiter {

    /** One more request under {@code key}; the answer says how many the window still has and when it ends. */
    Mono<Decision> take(String key, RateLimits.Limit limit);

    /** {@code remaining} after this request (negative: refused); {@code resetSeconds} until the window ends. */
    record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long windowSeconds) {

        static Decision of(long count, RateLimits.Limit limit, long resetSeconds) {
            return new Decision(count <= limit.requests(), limit.requests(), limit.requests() - count, resetSeconds,
                    limit.window().toSeconds());
        }
    }
}
