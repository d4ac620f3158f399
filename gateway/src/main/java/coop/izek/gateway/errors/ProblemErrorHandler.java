package coop.izek.gateway.errors;

import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import reactor.core.publisher.Mono;

/**
 * The gateway's own errors (no route, a service that does not answer) as RFC 9457 problems, like the services'.
 * Nothing of the exception itself reaches the caller.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        var problem = problemFor(error);
        if (problem.getStatus() >= 500) {
            log.warn("{} {} failed: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error.toString());
        }
        // A service that fails or does not answer is usually back within seconds (an open circuit lets calls try again after 10).
        var headers = problem.getStatus() >= 502 && problem.getStatus() <= 504 ? Map.of("Retry-After", "10") : Map.<String, String>of();
        return Problems.write(exchange, problem, headers);
    }

    static ProblemDetail problemFor(Throwable error) {
        if (has(error, BodyTooLargeException.class)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "The request body is larger than the gateway accepts.");
        }
        if (has(error, BulkheadFullException.class)) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "service-busy", "The service behind this path has as many requests as it can take; "
                    + "try again shortly.");
        }
        if (has(error, CallNotPermittedException.class) || has(error, ServiceUnavailableException.class)) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "The service behind this path is failing; "
                    + "the gateway holds requests to it for a few seconds. Try again shortly.");
        }
        if (has(error, ConnectException.class)) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "The service behind this path is not reachable; try again shortly.");
        }
        if (has(error, java.io.IOException.class)) {
            // The service went away mid-request (it was stopped or died; reactor-netty's PrematureCloseException, a
            // connection reset): whether it acted is unknown, so the client
            // may send the same request again under its Idempotency-Key.
            return problem(HttpStatus.BAD_GATEWAY, "service-closed", "The service behind this path closed the connection before "
                    + "answering; send the request again (with the same Idempotency-Key, if it had one).");
        }
        if (has(error, TimeoutException.class)) {
            return problem(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "The service behind this path did not answer in time.");
        }
        if (error instanceof ErrorResponse response) {
            var status = HttpStatus.resolve(response.getStatusCode().value());
            if (status == HttpStatus.UNAUTHORIZED) {
                return problem(status, "unauthorized", "The bearer token is invalid or has expired.");
            }
            if (status == HttpStatus.GATEWAY_TIMEOUT) {
                return problem(status, "gateway-timeout", "The service behind this path did not answer in time.");
            }
            if (status == HttpStatus.BAD_GATEWAY || status == HttpStatus.SERVICE_UNAVAILABLE) {
                return problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "The service behind this path is not reachable; try again shortly.");
            }
            if (status == HttpStatus.NOT_FOUND) {
                return problem(status, "not-found", "There is nothing at this path.");
            }
            if (status != null && status.is4xxClientError()) {
                return problem(status, status.name().toLowerCase().replace('_', '-'), status.getReasonPhrase() + ".");
            }
        }
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Something went wrong on our side.");
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String detail) {
        return Problems.problem(status, slug, detail);
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
