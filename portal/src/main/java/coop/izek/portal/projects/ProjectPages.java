package coop.izek.portal.projects;

import java.util.HashMap;
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
 * Projects as the people running them see them: staff every project, someone who works for a partner organisation
 * only those their organisation is in (the API decides; a project it is not in is a 404 page). The consortium, work
 * packages, deliverables (whose status a partner moves for its own), mobilities and the indicators the workshops feed.
 */
@Controller
class ProjectPages {

    private static final String ID = "[A-Za-z0-9-]{1,64}";
    /** Where each kind of reader finds the projects: the staff's area or the partner's. */
    private static final String AREA = "{area:staff|partner}";
    static final List<String> DELIVERABLE_STATUSES = List.of("PENDING", "DRAFT", "SUBMITTED", "APPROVED");
    static final List<String> PROJECT_STATUSES = List.of("IDEA", "DRAFTING", "SUBMITTED", "GRANTED", "REJECTED", "RUNNING", "CLOSED");
    static final List<String> PROGRAMMES = List.of("ERASMUS_PLUS", "ESF_PLUS", "HORIZON_EUROPE", "UNESCO_GNLC", "NATIONAL_AGENCY",
            "DEVELOPMENT_AGENCY", "MUNICIPAL", "OTHER");
    static final List<String> PARTNER_ROLES = List.of("PARTNER", "ASSOCIATED", "COORDINATOR");

    private final PlatformApi api;

    ProjectPages(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/partner")
    String partnerHome() {
        return "redirect:/partner/projects";
    }

    @GetMapping("/" + AREA + "/projects")
    String projects(@PathVariable String area, Model model) {
        model.addAttribute("area", area);
        model.addAttribute("projects", api.items("/api/projects?size=100"));
        return "projects/list";
    }

    @GetMapping("/" + AREA + "/projects/{id:" + ID + "}")
    String project(@PathVariable String area, @PathVariable String id, Model model) {
        var project = api.get("/api/projects/{id}", id);
        model.addAttribute("area", area);
        model.addAttribute("project", project);
        model.addAttribute("organisations", names(project));
        model.addAttribute("deliverables", api.get(List.class, "/api/projects/{id}/deliverables", id));
        model.addAttribute("mobilities", api.get(List.class, "/api/projects/{id}/mobilities", id));
        model.addAttribute("indicators", api.get("/api/projects/{id}/indicators", id));
        model.addAttribute("statuses", DELIVERABLE_STATUSES);
        if ("staff".equals(area)) {
            model.addAttribute("projectStatuses", PROJECT_STATUSES);
            model.addAttribute("partnerRoles", PARTNER_ROLES);
            model.addAttribute("allOrganisations", api.items("/api/membership/organisations?size=100"));
        }
        return "projects/project";
    }

    @GetMapping("/staff/projects/new")
    String newProject(Model model) {
        model.addAttribute("programmes", PROGRAMMES);
        model.addAttribute("allOrganisations", api.items("/api/membership/organisations?size=100"));
        return "projects/new";
    }

    @PostMapping("/staff/projects")
    String createProject(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        var request = new HashMap<String, Object>();
        for (var field : List.of("acronym", "title", "programme", "coordinatorOrganisationId", "startDate", "endDate", "currency")) {
            request.put(field, form.getOrDefault(field, "").strip());
        }
        var created = new java.util.concurrent.atomic.AtomicReference<Map<String, Object>>();
        if (!Refusals.kept(redirect, "refused", () -> created.set(api.post("/api/projects", request)))) {
            return "redirect:/staff/projects/new";
        }
        return "redirect:/staff/projects/" + created.get().get("id");
    }

    @PostMapping("/staff/projects/{id:" + ID + "}/transitions")
    String transition(@PathVariable String id, @RequestParam(defaultValue = "") String to, RedirectAttributes redirect) {
        return staffAction(id, redirect, "transitioned", () -> api.post("/api/projects/{id}/transitions", Map.of("to", to), id));
    }

    @PostMapping("/staff/projects/{id:" + ID + "}/partners")
    String addPartner(@PathVariable String id, @RequestParam(defaultValue = "") String organisationId,
                      @RequestParam(defaultValue = "PARTNER") String role, RedirectAttributes redirect) {
        return staffAction(id, redirect, "partnerAdded", () -> api.post("/api/projects/{id}/partners",
                Map.of("organisationId", organisationId, "role", role), id));
    }

    @PostMapping("/staff/projects/{id:" + ID + "}/deliverables")
    String addDeliverable(@PathVariable String id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        var request = new HashMap<String, Object>();
        for (var field : List.of("code", "title", "workPackage", "dueDate", "responsibleOrganisationId")) {
            request.put(field, form.getOrDefault(field, "").strip());
        }
        return staffAction(id, redirect, "deliverableAdded", () -> api.post("/api/projects/{id}/deliverables", request, id));
    }

    private static String staffAction(String id, RedirectAttributes redirect, String done, Runnable call) {
        Refusals.kept(redirect, "refused", () -> {
            call.run();
            redirect.addFlashAttribute("done", done);
        });
        return "redirect:/staff/projects/" + id;
    }

    /** A deliverable's new status; the API says whether this reader may (a partner its own, only the coordinator approves). */
    @PostMapping("/" + AREA + "/projects/{id:" + ID + "}/deliverables/{code:[A-Za-z0-9.-]{1,20}}")
    String moveDeliverable(@PathVariable String area, @PathVariable String id, @PathVariable String code, @RequestParam String status,
                           @RequestParam(defaultValue = "") String comment, RedirectAttributes redirect) {
        var change = new HashMap<String, Object>();
        change.put("status", DELIVERABLE_STATUSES.contains(status) ? status : "");
        if (!comment.isBlank()) {
            change.put("comment", comment.strip());
        }
        Refusals.kept(redirect, "refused", () -> {
            api.patch("/api/projects/{id}/deliverables/{code}", change, id, code);
            redirect.addFlashAttribute("moved", code);
        });
        return "redirect:/" + area + "/projects/" + id + "#deliverables";
    }

    /** Organisation ids as the names the consortium gives them. */
    @SuppressWarnings("unchecked")
    private static Map<Object, Object> names(Map<String, Object> project) {
        var names = new HashMap<Object, Object>();
        for (var partner : (List<Map<String, Object>>) project.getOrDefault("partners", List.of())) {
            names.put(partner.get("organisationId"), partner.get("name"));
        }
        return names;
    }
}
