package coop.izek.portal.site;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** What the servlet container sends to /error (no page for a path, a failure while rendering): always a page, never JSON. */
@Controller
class FailurePage implements ErrorController {

    @RequestMapping("/error")
    String failure(HttpServletRequest request, HttpServletResponse response, Model model) {
        var status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400 ? code : 500;
        response.setContentType("text/html;charset=UTF-8");
        return ErrorPages.page(status, null, model, response);
    }
}
