package coop.izek.support.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.validation.ConstraintViolationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error an API call can meet, as an RFC 9457 problem: never a stack trace, never Spring's default error body.
 * Unexpected failures are logged with an id the caller sees, and answered with a plain 500.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> onProblem(ProblemException e) {
        var problem = Problems.of(e.status(), e.type().getPath().substring(Problems.TYPE_PREFIX.length()), e.title(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        var headers = new HttpHeaders();
        // Whoever says "wait" says how long, where clients look for it (RFC 9110 Retry-After) as well as in the body.
        if (e.properties().get(ProblemException.RETRY_AFTER_SECONDS) instanceof Number seconds) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds.longValue())));
        }
        return respond(problem, headers);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> onTooLarge(PayloadTooLargeException e) {
        return respond(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", e.getMessage()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> onConstraintViolation(ConstraintViolationException e) {
        var errors = e.getConstraintViolations().stream()
                .map(v -> new Problems.FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return respond(Problems.validation("The request has invalid values.", errors));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> onTypeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(Problems.validation("The request has invalid values.",
                List.of(new Problems.FieldError(e.getName(), "has an invalid value"))));
    }

    // Security exceptions thrown from method security inside MVC: answer like the filter chain would.
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> onAccessDenied(AccessDeniedException e) {
        return respond(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "You may not do this."));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> onAuthentication(AuthenticationException e) {
        return respond(Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", "Sign in first."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> onUnexpected(Exception e) {
        if (StoreUnavailable.is(e)) {
            log.warn("Store unreachable: {}", e.toString());
            var headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, StoreUnavailable.RETRY_AFTER);
            return respond(StoreUnavailable.problem(), headers);
        }
        var incident = UUID.randomUUID().toString();
        log.error("Unexpected error, incident {}", incident, e);
        var problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "Something went wrong on our side. Incident " + incident + ".");
        problem.setProperty("incident", incident);
        return respond(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return respond(Problems.validation("The request has invalid values.", fieldErrors(e.getBindingResult())));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        var errors = new ArrayList<Problems.FieldError>();
        e.getParameterValidationResults().forEach(result -> {
            var name = Objects.requireNonNullElse(result.getMethodParameter().getParameterName(), "parameter");
            result.getResolvableErrors().forEach(error -> errors.add(new Problems.FieldError(name, error.getDefaultMessage())));
        });
        return respond(Problems.validation("The request has invalid values.", errors));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return respond(Problems.validation("The request misses a parameter.",
                List.of(new Problems.FieldError(e.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        var tooLarge = cause(e, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return onTooLarge(tooLarge);
        }
        var unknown = cause(e, UnrecognizedPropertyException.class);
        if (unknown != null) {
            var field = path(unknown);
            return respond(Problems.validation("Unknown field '" + field + "'.",
                    List.of(new Problems.FieldError(field, "is not a known field"))));
        }
        // Any Jackson failure that knows where it happened (a wrong type, a number out of range) names the field.
        var databind = cause(e, JacksonException.class);
        if (databind != null && !databind.getPath().isEmpty()) {
            var field = path(databind);
            return respond(Problems.validation("Field '" + field + "' has a value of the wrong type or format.",
                    List.of(new Problems.FieldError(field, "has a value of the wrong type or format"))));
        }
        var detail = cause(e, JacksonException.class) != null
                ? "The request body is not valid JSON."
                : "The request body is missing or unreadable.";
        return respond(Problems.of(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body", detail));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e, HttpHeaders headers,
                                                                     HttpStatusCode status, WebRequest request) {
        var problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                "Send " + e.getSupportedMediaTypes().stream().map(Object::toString).distinct().findFirst().orElse("application/json")
                        + ", not " + (e.getContentType() == null ? "no content type" : e.getContentType()) + ".");
        return respond(problem, headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         WebRequest request) {
        return respond(Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
                e.getMethod() + " is not supported here."), headers);
    }

    /** Everything else Spring MVC answers itself (404 for unknown paths, 406, missing parameters ...) gets our problem type. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : e instanceof ErrorResponse response ? response.getBody()
                : ProblemDetail.forStatus(status);
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(Problems.type(slug(status)));
        }
        if (problem.getTitle() == null) {
            var known = HttpStatus.resolve(status.value());
            problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        }
        if (problem.getDetail() == null) {
            problem.setDetail(problem.getTitle() + ".");
        }
        return respond(problem, headers);
    }

    private static String slug(HttpStatusCode status) {
        var known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value() : known.name().toLowerCase().replace('_', '-');
    }

    private static List<Problems.FieldError> fieldErrors(BindingResult result) {
        var errors = new ArrayList<Problems.FieldError>();
        result.getFieldErrors().forEach(f -> errors.add(new Problems.FieldError(f.getField(),
                Objects.requireNonNullElse(f.getDefaultMessage(), "is invalid"))));
        result.getGlobalErrors().forEach(g -> errors.add(new Problems.FieldError(g.getObjectName(),
                Objects.requireNonNullElse(g.getDefaultMessage(), "is invalid"))));
        return errors;
    }

    private static String path(JacksonException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return respond(problem, new HttpHeaders());
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers) {
        var copy = new HttpHeaders();
        copy.putAll(headers);
        copy.setContentType(Problems.PROBLEM_JSON);
        return ResponseEntity.status(problem.getStatus()).headers(copy).body(problem);
    }
}
