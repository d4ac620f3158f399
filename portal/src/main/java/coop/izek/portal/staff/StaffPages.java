package coop.izek.portal.staff;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import coop.izek.portal.Cooperative;
import coop.izek.portal.api.PlatformApi;
import coop.izek.portal.api.Refusals;

/**
 * Staff: pending membership applications to approve or reject, members with their share payments, the share
 * register, solidarity seat requests to decide, and messages that could not be delivered (to send again).
 */
@Controller
class StaffPages {

    private static final String ID = "[A-Za-z0-9-]{1,64}";

    private final PlatformApi api;

    StaffPages(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/staff")
    String overview() {
        return "redirect:/staff/applications";
    }

    @GetMapping("/staff/applications")
    String applications(Model model) {
        model.addAttribute("applications", api.items("/api/membership/applications?status=PENDING&size=100"));
        return "staff/applications";
    }

    @PostMapping("/staff/applications/{id:" + ID + "}/decision")
    String decide(@PathVariable String id, @RequestParam String decision, @RequestParam(defaultValue = "") String reason,
                  RedirectAttributes redirect) {
        var request = new LinkedHashMap<String, Object>();
        request.put("decision", "APPROVE".equals(decision) ? "APPROVE" : "REJECT");
        if (!reason.isBlank()) {
            request.put("reason", reason.strip());
        }
        return act(redirect, "/staff/applications", () -> redirect.addFlashAttribute("decided",
                api.post("/api/membership/applications/{id}/decision", request, id)));
    }

    @GetMapping("/staff/members")
    String members(@RequestParam(required = false) String status, Model model) {
        model.addAttribute("members", status == null || status.isBlank()
                ? api.items("/api/membership/members?size=100")
                : api.items("/api/membership/members?status={status}&size=100", status));
        model.addAttribute("status", status);
        return "staff/members";
    }

    /** One member, with the forms to record a share payment and to change their standing. */
    @GetMapping("/staff/members/{id:" + ID + "}")
    String member(@PathVariable String id, Model model) {
        model.addAttribute("m", api.get("/api/membership/members/{id}", id));
        model.addAttribute("today", LocalDate.now(Cooperative.TIME_ZONE));
        return "staff/member";
    }

    @PostMapping("/staff/members/{id:" + ID + "}/share-payments")
    String recordPayment(@PathVariable String id, @RequestParam(defaultValue = "0") int shares, @RequestParam(defaultValue = "") String amount,
                         @RequestParam(defaultValue = "") String paidOn, @RequestParam(defaultValue = "") String reference,
                         RedirectAttributes redirect) {
        var request = Map.<String, Object>of("shares", shares, "amount", Map.of("amount", amount.strip(), "currency", "TRY"),
                "paidOn", paidOn, "reference", reference.strip());
        return act(redirect, "/staff/members/" + id, () -> {
            api.post("/api/membership/members/{id}/share-payments", request, id);
            redirect.addFlashAttribute("paid", true);
        });
    }

    /** A member's standing changed by the board (suspension, expulsion, resignation received by letter, reinstatement). */
    @PostMapping("/staff/members/{id:" + ID + "}/status")
    String changeStatus(@PathVariable String id, @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String reason,
                        RedirectAttributes redirect) {
        var request = Map.<String, Object>of("status", status, "reason", reason.strip());
        return act(redirect, "/staff/members/" + id, () -> redirect.addFlashAttribute("statusChanged",
                api.post("/api/membership/members/{id}/status", request, id)));
    }

    @GetMapping("/staff/organisations")
    String organisations(Model model) {
        model.addAttribute("organisations", api.items("/api/membership/organisations?size=100"));
        return "staff/organisations";
    }

    /** A partner organisation and the people who work for it (who see its projects when signed in). */
    @GetMapping("/staff/organisations/{id:" + ID + "}")
    String organisation(@PathVariable String id, Model model) {
        model.addAttribute("organisation", api.get("/api/membership/organisations/{id}", id));
        model.addAttribute("people", api.get(java.util.List.class, "/api/membership/organisations/{id}/people", id));
        return "staff/organisation";
    }

    @PostMapping("/staff/organisations/{id:" + ID + "}/people")
    String linkPerson(@PathVariable String id, @RequestParam(defaultValue = "") String email, RedirectAttributes redirect) {
        return act(redirect, "/staff/organisations/" + id, () -> {
            api.post("/api/membership/organisations/{id}/people", Map.of("email", email.strip()), id);
            redirect.addFlashAttribute("linked", email.strip());
        });
    }

    @PostMapping("/staff/organisations/{id:" + ID + "}/people/{personId:" + ID + "}/unlink")
    String unlinkPerson(@PathVariable String id, @PathVariable String personId, RedirectAttributes redirect) {
        return act(redirect, "/staff/organisations/" + id, () -> {
            api.delete("/api/membership/organisations/{id}/people/{personId}", id, personId);
            redirect.addFlashAttribute("unlinked", true);
        });
    }

    @GetMapping("/staff/share-register")
    String shareRegister(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("register", api.get("/api/membership/share-register?page={page}&size=50", Math.max(page, 0)));
        return "staff/share-register";
    }

    /** Requests for a free seat, with the reason the learner gave: the only place it is shown. */
    @GetMapping("/staff/solidarity")
    String solidarityRequests(Model model) {
        model.addAttribute("requests", api.items("/api/workshops/solidarity-requests?size=100"));
        return "staff/solidarity";
    }

    @PostMapping("/staff/solidarity/{workshopId:" + ID + "}/{enrolmentId:" + ID + "}")
    String reviewSolidarity(@PathVariable String workshopId, @PathVariable String enrolmentId, @RequestParam String decision,
                            RedirectAttributes redirect) {
        var request = Map.of("decision", "APPROVE".equals(decision) ? "APPROVE" : "DECLINE");
        return act(redirect, "/staff/solidarity", () -> redirect.addFlashAttribute("reviewed",
                api.post("/api/workshops/{workshopId}/enrolments/{enrolmentId}/review", request, workshopId, enrolmentId)));
    }

    @GetMapping("/staff/failures")
    String failures(Model model) {
        model.addAttribute("failures", api.items("/api/notifications/failures?size=100"));
        return "staff/failures";
    }

    @PostMapping("/staff/failures/{id:[A-Za-z0-9:._-]{1,200}}/replay")
    String replay(@PathVariable String id, RedirectAttributes redirect) {
        return act(redirect, "/staff/failures", () -> {
            api.post("/api/notifications/failures/{id}/replay", null, id);
            redirect.addFlashAttribute("replayed", true);
        });
    }

    private static String act(RedirectAttributes redirect, String back, Runnable call) {
        Refusals.kept(redirect, "refused", call);
        return "redirect:" + back;
    }
}
