package coop.izek.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The platform is UP only when every service behind the gateway says it is. One round of asking them answers every
 * health call for {@code izek.gateway.health-cache-for} from its start; calls that arrive while it is under way wait
 * for it rather than asking again.
 */
@Component("services")
class DownstreamHealthIndicator implements ReactiveHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private record Round(Mono<Health> answer, long startedAt) {
    }

    private final DownstreamServices downstream;
    private final WebClient client;
    private final AtomicReference<Round> last = new AtomicReference<>();

    DownstreamHealthIndicator(DownstreamServices downstream) {
        this.downstream = downstream;
        this.client = WebClient.create();
    }

    @Override
    public Mono<Health> health() {
        var now = System.nanoTime();
        var round = last.get();
        if (round == null || now - round.startedAt() >= downstream.healthCacheFor().toNanos()) {
            var fresh = new Round(ask().cache(), now);
            round = last.compareAndSet(round, fresh) ? fresh : last.get();
        }
        return round.answer();
    }

    private Mono<Health> ask() {
        return Flux.fromIterable(downstream.services().entrySet())
                .flatMap(service -> status(service.getValue().resolve("/actuator/health").toString())
                        .map(status -> Map.entry(service.getKey(), status)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new)
                .map(statuses -> {
                    var builder = statuses.values().stream().allMatch("UP"::equals) ? Health.up() : Health.down();
                    return builder.withDetails(statuses).build();
                });
    }

    private Mono<String> status(String url) {
        return client.get().uri(url).retrieve().bodyToMono(Map.class)
                .map(body -> String.valueOf(body.get("status")))
                .timeout(TIMEOUT)
                .onErrorReturn("DOWN");
    }
}
