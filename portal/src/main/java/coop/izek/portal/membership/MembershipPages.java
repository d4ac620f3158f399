package coop.izek.portal.membership;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import coop.izek.portal.Cooperative;
import coop.izek.portal.api.ApiProblem;
import coop.izek.portal.api.PlatformApi;
import coop.izek.portal.api.Refusals;

/**
 * Becoming a member: the principles shown and accepted, consent to the processing of one's data, the application, and
 * then its status, the member number and the shares held.
 */
@Controller
class MembershipPages {


    private final PlatformApi api;

    MembershipPages(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/membership")
    String membership(Model model) {
        Map<String, Object> member = null;
        try {
            member = api.get("/api/membership/members/me");
        } catch (ApiProblem notAMember) {
            if (notAMember.status() != 404) {
                throw notAMember;
            }
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> applications = api.get(List.class, "/api/membership/applications/mine");
        var mine = applications == null ? List.<Map<String, Object>>of() : applications;
        model.addAttribute("member", member);
        model.addAttribute("applications", mine);
        model.addAttribute("canApply", member == null && mine.stream().noneMatch(a -> "PENDING".equals(a.get("status"))));
        model.addAttribute("principles", api.get("/api/membership/principles/current"));
        model.addAttribute("categories", Cooperative.CATEGORIES);
        return "membership/membership";
    }

    @PostMapping("/membership/application")
    String apply(@RequestParam(defaultValue = "EDUCATOR") String memberType, @RequestParam(required = false) List<String> expertise,
                 @RequestParam(defaultValue = "") String motivation, @RequestParam(defaultValue = "0") int acceptedPrinciplesVersion,
                 @RequestParam(defaultValue = "false") boolean principlesAccepted,
                 @RequestParam(defaultValue = "false") boolean dataProcessingConsent, RedirectAttributes redirect) {
        var request = new LinkedHashMap<String, Object>();
        request.put("memberType", "SUPPORTER".equals(memberType) ? "SUPPORTER" : "EDUCATOR");
        request.put("expertise", expertise == null ? List.of() : expertise);
        request.put("motivation", motivation.strip());
        // Accepting is ticking the box under the principles shown: without it, no version is accepted.
        request.put("acceptedPrinciplesVersion", principlesAccepted ? acceptedPrinciplesVersion : 0);
        request.put("dataProcessingConsent", dataProcessingConsent);
        Refusals.kept(redirect, "refused", () -> {
            api.post("/api/membership/applications", request);
            redirect.addFlashAttribute("applied", true);
        });
        return "redirect:/membership";
    }
}
