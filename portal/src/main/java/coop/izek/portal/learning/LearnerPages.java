package coop.izek.portal.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import coop.izek.portal.api.PlatformApi;
import coop.izek.portal.api.Refusals;

/**
 * A learner's or parent's side: enrolling themselves and their children as one group (or asking for a solidarity
 * seat), their places and waiting-list positions, cancelling, and adding a child.
 */
@Controller
class LearnerPages {

    private static final String ID = "[A-Za-z0-9-]{1,64}";

    private final PlatformApi api;
    private final Household household;

    LearnerPages(PlatformApi api, Household household) {
        this.api = api;
        this.household = household;
    }

    @GetMapping("/me")
    String overview(Model model) {
        model.addAttribute("enrolments", api.items("/api/workshops/enrolments/mine?size=50"));
        var children = household.children();
        model.addAttribute("children", children);
        var names = new java.util.HashMap<Object, Object>();
        children.forEach(child -> names.put(child.get("id"), child.get("fullName")));
        model.addAttribute("childNames", names);
        return "me/enrolments";
    }

    /** Each learner's (the person's and their children's) completed workshops, hours and certificates; printable. */
    @GetMapping("/me/learning")
    String learningRecord(Model model) {
        model.addAttribute("record", api.get("/api/learning-record/me"));
        return "me/learning";
    }

    /** The enrolment form on a workshop's page sends here: who takes part (self and/or children) and the seat type. */
    @PostMapping("/workshops/{id:" + ID + "}/enrol")
    String enrol(@PathVariable String id, @RequestParam(required = false) List<String> participant,
                 @RequestParam(defaultValue = "STANDARD") String seatType, @RequestParam(required = false) String solidarityReason,
                 RedirectAttributes redirect) {
        var participants = new ArrayList<Map<String, Object>>();
        for (var who : participant == null ? List.<String>of() : participant) {
            participants.add("self".equals(who) ? Map.of("self", true) : Map.of("dependantId", who));
        }
        var request = new java.util.LinkedHashMap<String, Object>();
        request.put("participants", participants);
        request.put("seatType", "SOLIDARITY".equals(seatType) ? "SOLIDARITY" : "STANDARD");
        if ("SOLIDARITY".equals(seatType) && solidarityReason != null && !solidarityReason.isBlank()) {
            request.put("solidarityReason", solidarityReason.strip());
        }
        boolean enrolled = Refusals.kept(redirect, "refused",
                () -> redirect.addFlashAttribute("enrolled", api.post("/api/workshops/{id}/enrolments", request, id)));
        return enrolled ? "redirect:/me" : "redirect:/workshops/" + id + "#enrol";
    }

    @PostMapping("/me/enrolments/{workshopId:" + ID + "}/{enrolmentId:" + ID + "}/cancel")
    String cancel(@PathVariable String workshopId, @PathVariable String enrolmentId, RedirectAttributes redirect) {
        api.delete("/api/workshops/{workshopId}/enrolments/{enrolmentId}", workshopId, enrolmentId);
        redirect.addFlashAttribute("cancelled", true);
        return "redirect:/me";
    }

    @PostMapping("/me/children")
    String addChild(@RequestParam(defaultValue = "") String fullName, @RequestParam(defaultValue = "") String birthDate,
                    RedirectAttributes redirect) {
        Refusals.kept(redirect, "childRefused", () -> {
            api.post("/api/membership/people/me/dependants", Map.of("fullName", fullName.strip(), "birthDate", birthDate));
            redirect.addFlashAttribute("childAdded", fullName.strip());
        });
        return "redirect:/me#children";
    }
}
