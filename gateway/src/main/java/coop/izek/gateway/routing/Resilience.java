package coop.izek.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway protects callers from a slow or failing service. The response timeout itself is the HTTP client's
 * ({@code spring.cloud.gateway.server.webflux.httpclient.response-timeout}).
 *
 * @param failureRate   percentage of failed calls (unreachable, timed out) that opens a service's circuit
 * @param window        calls the failure rate is measured over
 * @param minimumCalls  calls before a circuit can open at all
 * @param openFor       how long an open circuit answers 503 at once before it lets trial calls through
 * @param callTimeout   the breaker's own limit on a call, above the response timeout
 * @param retries       extra attempts for GET and HEAD when a service is unreachable or answers 502/503
 * @param concurrentCalls calls in flight to one service before the gateway answers 503 at once (its bulkhead; the
 *                      library's default of 25 turned a city's rush for a workshop away)
 */
@ConfigurationProperties("izek.gateway.resilience")
public record Resilience(@DefaultValue("50") float failureRate,
                         @DefaultValue("20") int window,
                         @DefaultValue("10") int minimumCalls,
                         @DefaultValue("10s") Duration openFor,
                         @DefaultValue("30s") Duration callTimeout,
                         @DefaultValue("2") int retries,
                         @DefaultValue("1024") int concurrentCalls) {
}
