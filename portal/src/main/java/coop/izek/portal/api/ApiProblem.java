package coop.izek.portal.api;

import java.util.List;
import java.util.Map;

/**
 * A problem response (RFC 9457) from one of the platform's APIs, or the portal's own word that an API could not be
 * reached. Pages show its title and detail (and the fields it names) instead of failing.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final String detail;
    private final List<Map<String, Object>> errors;

    public ApiProblem(int status, String type, String title, String detail, List<Map<String, Object>> errors) {
        super(status + " " + type + ": " + detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.errors = errors == null ? List.of() : errors;
    }

    public static ApiProblem unreachable() {
        return new ApiProblem(503, "/problems/unavailable", null, null, List.of());
    }

    /** A refusal the person can act on (what they typed, a rule, a conflict), shown on the page they were on; the rest fails the page. */
    public boolean isRefusal() {
        return status >= 400 && status < 500 && status != 429;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** The fields the API named, each {@code {field, message}}. */
    public List<Map<String, Object>> errors() {
        return errors;
    }
}
