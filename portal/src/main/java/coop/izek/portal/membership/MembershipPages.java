package coop.izek.portal.membership;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import coop.izek.portal.Cooperative;
import coop.izek.portal.api.ApiProblem;
import coop.izek.portal.api.PlatformApi;
import coop.izek.portal.api.Refusals;

/**
 * Becoming a member: the principles shown and accepted, consent to the processing of one's data, the application, and
 * then its status, the member number and the shares held; for members, the general assemblies: giving one's vote to
 * another member by proxy, and voting on the motions (for oneself, and for the member whose proxy one carries).
 */
@Controller
class MembershipPages {


    private static final String ID = "[A-Za-z0-9-]{1,64}";

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
        model.addAttribute("assemblies", member == null ? List.of() : api.items("/api/membership/assemblies?size=10"));
        return "membership/membership";
    }

    @GetMapping("/membership/assemblies/{id:" + ID + "}")
    @SuppressWarnings("unchecked")
    String assembly(@PathVariable String id, Model model) {
        var assembly = api.get("/api/membership/assemblies/{id}", id);
        var standing = api.get("/api/membership/assemblies/{id}/standing", id);
        var results = new LinkedHashMap<Object, Object>();
        var mine = new LinkedHashMap<Object, Object>();
        var onBehalf = new LinkedHashMap<Object, Object>();
        var carried = (Map<String, Object>) standing.get("carried");
        for (var vote : (List<Map<String, Object>>) standing.getOrDefault("votes", List.of())) {
            if (vote.get("memberId").equals(standing.get("memberId"))) {
                mine.put(vote.get("motionId"), vote.get("choice"));
            } else {
                onBehalf.put(vote.get("motionId"), vote.get("choice"));
            }
        }
        for (var motion : (List<Map<String, Object>>) assembly.get("motions")) {
            results.put(motion.get("id"), api.get("/api/membership/assemblies/{id}/motions/{motion}/results", id, motion.get("id")));
        }
        model.addAttribute("assembly", assembly);
        model.addAttribute("standing", standing);
        model.addAttribute("carried", carried);
        model.addAttribute("results", results);
        model.addAttribute("mine", mine);
        model.addAttribute("onBehalf", onBehalf);
        model.addAttribute("proxiesOpen", LocalDate.now(Cooperative.TIME_ZONE).isBefore(LocalDate.parse((String) assembly.get("date"))));
        return "membership/assembly";
    }

    @PostMapping("/membership/assemblies/{id:" + ID + "}/motions/{motionId:" + ID + "}/vote")
    String vote(@PathVariable String id, @PathVariable String motionId, @RequestParam(defaultValue = "") String choice,
                @RequestParam(required = false) String onBehalfOf, RedirectAttributes redirect) {
        var request = new LinkedHashMap<String, Object>();
        request.put("choice", choice);
        if (onBehalfOf != null && !onBehalfOf.isBlank()) {
            request.put("onBehalfOf", onBehalfOf);
        }
        return assemblyAction(id, redirect, "voted",
                () -> api.post("/api/membership/assemblies/{id}/motions/{motion}/votes", request, id, motionId));
    }

    @PostMapping("/membership/assemblies/{id:" + ID + "}/proxy")
    String grantProxy(@PathVariable String id, @RequestParam(defaultValue = "") String proxyMemberNumber, RedirectAttributes redirect) {
        return assemblyAction(id, redirect, "proxyGiven", () -> api.post("/api/membership/assemblies/{id}/proxies",
                Map.of("proxyMemberNumber", proxyMemberNumber.strip().toUpperCase(java.util.Locale.ROOT)), id));
    }

    @PostMapping("/membership/assemblies/{id:" + ID + "}/proxy/{proxyId:" + ID + "}/revoke")
    String revokeProxy(@PathVariable String id, @PathVariable String proxyId, RedirectAttributes redirect) {
        return assemblyAction(id, redirect, "proxyRevoked", () -> api.delete("/api/membership/assemblies/{id}/proxies/{proxy}", id, proxyId));
    }

    private String assemblyAction(String id, RedirectAttributes redirect, String done, Runnable call) {
        Refusals.kept(redirect, "refused", () -> {
            call.run();
            redirect.addFlashAttribute("done", done);
        });
        return "redirect:/membership/assemblies/" + id;
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
