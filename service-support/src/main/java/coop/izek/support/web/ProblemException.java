package coop.izek.support.web;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A refusal the caller should understand, rendered as an RFC 9457 problem. Application code throws the
 * factory methods' results: {@code ProblemException.notFound("workshop", id)}, {@code conflict(...)}, ...
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A property that also becomes the response's {@code Retry-After} header. */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final transient Map<String, Object> properties;

    public ProblemException(HttpStatus status, String slug, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "There is no " + what + " with id " + id + ".", Map.of());
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, slug, "Conflict", detail, Map.of());
    }

    /** 422: the request is well-formed but breaks a business rule. */
    public static ProblemException ruleViolated(String slug, String detail) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, slug, "Business rule violated", detail, Map.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail, Map.of());
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail, Map.of());
    }

    /** 400 naming the one field whose value is not acceptable, like a failed bean validation. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                "Field '" + field + "' " + message + ".", Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))));
    }

    /** 429: the caller must wait {@code retryAfter} before trying again (said in the body and in Retry-After). */
    public static ProblemException tooManyRequests(String slug, String detail, java.time.Duration retryAfter) {
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, slug, "Too many requests", detail,
                Map.of(RETRY_AFTER_SECONDS, Math.max(1, retryAfter.toSeconds())));
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return Problems.type(slug);
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
