package coop.izek.gateway.routing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import coop.izek.gateway.DownstreamServices;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

/**
 * Every public path and the service behind it. Each service's routes have their own circuit breaker (a service that
 * keeps failing is answered 503 at once, with {@code Retry-After}, instead of holding callers) and retry only what is
 * safe to repeat (GET, HEAD). The live notification stream (and the portal's pass-through of it) are the routes without a response timeout. What no
 * service claims goes to the portal, the web site.
 */
@Configuration(proxyBeanMethods = false)
public class Routes {

    /** A service and the path patterns it serves; {@code preserveHost} where the service builds URLs from the Host. */
    public record ServiceRoute(String service, List<String> paths, boolean preserveHost) {
    }

    /** The route table, also what the API documentation and the authorization matrix are checked against. */
    public static final List<ServiceRoute> TABLE = List.of(
            new ServiceRoute("membership", List.of("/api/auth/**", "/api/membership/**", "/.well-known/**", "/oauth2/**", "/userinfo",
                    "/connect/**", "/login", "/logout", "/account/**"), true),
            new ServiceRoute("workshop", List.of("/api/workshops", "/api/workshops/**", "/api/certificates/**", "/api/learning-record/**"),
                    false),
            new ServiceRoute("project", List.of("/api/projects", "/api/projects/**"), false),
            new ServiceRoute("notification", List.of("/api/notifications/**"), false));

    static final String STREAM = "/api/notifications/stream";
    /**
     * The portal's pass-through of that stream for browsers (their EventSource sends the session cookie, not a token):
     * routed apart from the site so that half-hour streams are neither timed, retried nor counted by its circuit breaker.
     */
    static final String PORTAL_STREAM = "/me/inbox/stream";

    /** The web site has every other path, except the API space and the gateway's own endpoints and pages. */
    public static final List<String> NOT_THE_PORTAL = List.of("/api/**", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**", "/webjars/swagger-ui/**");

    @Bean
    RouteLocator platformRoutes(RouteLocatorBuilder builder, DownstreamServices downstream, Resilience resilience) {
        var routes = builder.routes();
        // First, so the notification route below does not take it: a stream stays open as long as its reader.
        routes.route("notification-stream", r -> r.path(STREAM).metadata("response-timeout", -1)
                .uri(downstream.services().get("notification")));
        routes.route("portal-stream", r -> r.path(PORTAL_STREAM).filters(f -> f.preserveHostHeader())
                .metadata("response-timeout", -1).uri(downstream.services().get("portal")));
        for (var route : TABLE) {
            routes.route(route.service(), r -> r.path(route.paths().toArray(String[]::new))
                    .filters(f -> protect(route.preserveHost() ? f.preserveHostHeader() : f, route.service(), resilience))
                    .uri(downstream.services().get(route.service())));
        }
        routes.route("portal", r -> r.order(Ordered.LOWEST_PRECEDENCE).path("/**")
                .and().not(other -> other.path(NOT_THE_PORTAL.toArray(String[]::new)))
                .filters(f -> protect(f.preserveHostHeader(), "portal", resilience))
                .uri(downstream.services().get("portal")));
        return routes.build();
    }

    private static GatewayFilterSpec protect(GatewayFilterSpec filters, String service, Resilience resilience) {
        return filters.circuitBreaker(breaker -> breaker.setName(service))
                .retry(retry -> retry.setRetries(resilience.retries()).setMethods(HttpMethod.GET, HttpMethod.HEAD)
                        .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
                        .setExceptions(IOException.class)
                        .setBackoff(Duration.ofMillis(100), Duration.ofMillis(800), 2, false));
    }

    /** Each service's bulkhead: how many calls may be in flight to it; beyond that, 503 without waiting. */
    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> bulkheads(Resilience resilience) {
        return provider -> provider.configureDefault(name -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(BulkheadConfig.custom().maxConcurrentCalls(resilience.concurrentCalls()).maxWaitDuration(Duration.ZERO).build())
                .build());
    }

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakers(Resilience resilience) {
        return factory -> factory.configureDefault(name -> new Resilience4JConfigBuilder(name)
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .failureRateThreshold(resilience.failureRate())
                        .slidingWindowSize(resilience.window())
                        .minimumNumberOfCalls(resilience.minimumCalls())
                        .waitDurationInOpenState(resilience.openFor())
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .build())
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(resilience.callTimeout()).build())
                .build());
    }
}
