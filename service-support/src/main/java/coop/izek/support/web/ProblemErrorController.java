package coop.izek.support.web;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Answers errors that happen outside Spring MVC (rejected by the container or a filter) with a problem too,
 * in place of Boot's default error body. Never includes exception messages or traces. Not an API operation (where the
 * container forwards errors), so not in the API document.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable error && StoreUnavailable.is(error)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(Problems.PROBLEM_JSON)
                    .header("Retry-After", StoreUnavailable.RETRY_AFTER).body(StoreUnavailable.problem());
        }
        var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        var status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        var detail = status.is5xxServerError() ? "Something went wrong on our side." : status.getReasonPhrase() + ".";
        var problem = Problems.of(status, status.name().toLowerCase().replace('_', '-'), status.getReasonPhrase(), detail);
        return ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON).body(problem);
    }
}
