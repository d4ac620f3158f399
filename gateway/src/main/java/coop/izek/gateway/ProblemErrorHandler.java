package coop.izek.gateway;

import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's own errors (no route, a service that does not answer) as RFC 9457 problems, like the services'.
 * Nothing of the exception itself reaches the caller.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final JsonMapper json;

    ProblemErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        var problem = problemFor(error);
        if (problem.getStatus() >= 500) {
            log.warn("{} {} failed: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error.toString());
        }
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        var bytes = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    static ProblemDetail problemFor(Throwable error) {
        if (has(error, ConnectException.class)) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "The service behind this path is not reachable; try again shortly.");
        }
        if (has(error, TimeoutException.class)) {
            return problem(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "The service behind this path did not answer in time.");
        }
        if (error instanceof ErrorResponse response) {
            var status = HttpStatus.resolve(response.getStatusCode().value());
            if (status == HttpStatus.UNAUTHORIZED) {
                return problem(status, "unauthorized", "The bearer token is invalid or has expired.");
            }
            if (status != null && status.is4xxClientError()) {
                return problem(status, status.name().toLowerCase().replace('_', '-'), status.getReasonPhrase() + ".");
            }
        }
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Something went wrong on our side.");
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + slug));
        problem.setTitle(status.getReasonPhrase());
        return problem;
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
