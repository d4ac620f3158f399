package coop.izek.gateway.traffic;

import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import coop.izek.gateway.errors.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Holds every caller to its budgets (see {@link RateLimits}), after the token check so a client is known by its token.
 * Every answer says where the caller stands ({@code RateLimit-Limit}, {@code -Remaining}, {@code -Reset},
 * {@code RateLimit-Policy}); a refused request gets 429 with {@code Retry-After}.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

    private final RateLimits limits;
    private final RateLimiter limiter;
    private final List<PathPattern> sensitive;
    private final Map<String, Counter> rejected;

    RateLimitFilter(RateLimits limits, ObjectProvider<ReactiveStringRedisTemplate> redis, MeterRegistry meters) {
        this.limits = limits;
        this.limiter = "redis".equalsIgnoreCase(limits.store()) ? new RedisRateLimiter(redis.getObject())
                : new InMemoryRateLimiter(Clock.systemUTC());
        this.sensitive = limits.sensitivePaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        // By the budget that refused: a client's, an address's, or the sign-in paths' (a credential-guessing signal).
        this.rejected = java.util.stream.Stream.of("client", "address", "sensitive").collect(java.util.stream.Collectors.toMap(
                budget -> budget, budget -> Counter.builder("izek.gateway.rate.limited").description("Requests refused with 429")
                        .tag("budget", budget).register(meters)));
    }

    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!limits.enabled()) {
            return chain.filter(exchange);
        }
        String address = exchange.getAttributeOrDefault(RequestGuard.CLIENT_ADDRESS, "unknown");
        var path = PathContainer.parsePath(exchange.getRequest().getPath().pathWithinApplication().value());
        return exchange.getPrincipal().map(Principal::getName).map(subject -> "client:" + subject).defaultIfEmpty("address:" + address)
                .flatMap(key -> {
                    var budgets = new ArrayList<Mono<RateLimiter.Decision>>();
                    budgets.add(limiter.take(key, key.startsWith("client:") ? limits.perClient() : limits.perAddress()));
                    if (sensitive.stream().anyMatch(pattern -> pattern.matches(path))) {
                        budgets.add(limiter.take("sensitive:" + address, limits.sensitive()));
                    }
                    var first = key.startsWith("client:") ? "client" : "address";
                    return Flux.concat(budgets).collectList().map(decisions -> {
                        // The first decision is the caller's own budget, a second one the sign-in paths'.
                        if (!decisions.getFirst().allowed()) {
                            rejected.get(first).increment();
                        } else if (decisions.size() > 1 && !decisions.get(1).allowed()) {
                            rejected.get("sensitive").increment();
                        }
                        return decisions;
                    });
                })
                .flatMap(decisions -> {
                    // The tightest budget is the one to report.
                    var tightest = decisions.stream().min(Comparator.comparingLong(RateLimiter.Decision::remaining)).orElseThrow();
                    var headers = exchange.getResponse().getHeaders();
                    headers.set("RateLimit-Limit", Long.toString(tightest.limit()));
                    headers.set("RateLimit-Remaining", Long.toString(Math.max(0, tightest.remaining())));
                    headers.set("RateLimit-Reset", Long.toString(tightest.resetSeconds()));
                    headers.set("RateLimit-Policy", tightest.limit() + ";w=" + tightest.windowSeconds());
                    if (decisions.stream().allMatch(RateLimiter.Decision::allowed)) {
                        return chain.filter(exchange);
                    }
                    return Problems.write(exchange, Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                            "Too many requests; try again in " + tightest.resetSeconds() + " seconds."),
                            Map.of("Retry-After", Long.toString(tightest.resetSeconds())));
                });
    }
}
