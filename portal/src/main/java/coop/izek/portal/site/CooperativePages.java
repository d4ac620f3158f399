package coop.izek.portal.site;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import coop.izek.portal.api.ApiProblem;
import coop.izek.portal.api.PlatformApi;

/** The cooperative's principles, and checking a certificate by its code (what an employer or a school does). */
@Controller
class CooperativePages {

    private final PlatformApi api;

    CooperativePages(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/principles")
    String principles(Model model) {
        model.addAttribute("principles", api.get("/api/membership/principles/current"));
        return "principles";
    }

    @GetMapping("/certificates")
    String certificate(@RequestParam(required = false) String code, Model model) {
        if (code != null && !code.isBlank()) {
            var trimmed = code.strip();
            model.addAttribute("code", trimmed);
            if (!trimmed.matches("[A-Za-z0-9-]{1,64}")) {
                model.addAttribute("unknown", true);
                return "certificate";
            }
            try {
                model.addAttribute("certificate", api.get("/api/certificates/{code}", trimmed));
            } catch (ApiProblem notFound) {
                if (notFound.status() != 404) {
                    throw notFound;
                }
                model.addAttribute("unknown", true);
            }
        }
        return "certificate";
    }
}
