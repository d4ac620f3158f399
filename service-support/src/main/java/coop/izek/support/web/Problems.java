package coop.izek.support.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds the platform's RFC 9457 problems: {@code type}, {@code title}, {@code status}, {@code detail}, and {@code errors} for validation. */
public final class Problems {

    /** Problem type URIs are relative ("/problems/validation"), resolved against the API's own address. */
    static final String TYPE_PREFIX = "/problems/";

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private Problems() {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    /** 400 with one entry per offending field. */
    public static ProblemDetail validation(String detail, List<FieldError> errors) {
        var problem = of(org.springframework.http.HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
        problem.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        return problem;
    }

    public record FieldError(String field, String message) {
    }
}
