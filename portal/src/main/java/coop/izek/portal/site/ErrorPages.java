package coop.izek.portal.site;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import coop.izek.portal.api.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A page that cannot be shown says why in the reader's language, with the API's own title and detail where there is
 * one; never a stack trace. Signing in again (an expired or refused token) is left to Spring Security, which starts it.
 */
@ControllerAdvice
class ErrorPages {

    @ExceptionHandler(ApiProblem.class)
    String apiProblem(ApiProblem problem, Model model, HttpServletResponse response) {
        return page(problem.status(), problem, model, response);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String badRequest(Exception e, Model model, HttpServletResponse response) {
        return page(400, null, model, response);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    String notFound(Model model, HttpServletResponse response) {
        return page(404, null, model, response);
    }

    static String page(int status, ApiProblem problem, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("visitor", PageModel.of(org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication()));
        model.addAttribute("status", status);
        model.addAttribute("problem", problem);
        model.addAttribute("path", "/");
        var known = HttpStatus.resolve(status);
        model.addAttribute("reason", known == null ? "failed" : switch (known) {
            case NOT_FOUND -> "notFound";
            case FORBIDDEN -> "forbidden";
            case TOO_MANY_REQUESTS -> "tooMany";
            case SERVICE_UNAVAILABLE, BAD_GATEWAY, GATEWAY_TIMEOUT -> "unavailable";
            case BAD_REQUEST, UNPROCESSABLE_CONTENT, CONFLICT -> "refused";
            default -> "failed";
        });
        return "error";
    }
}
