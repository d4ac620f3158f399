package coop.izek.portal.teaching;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import coop.izek.portal.Cooperative;
import coop.izek.portal.api.ApiProblem;
import coop.izek.portal.api.PlatformApi;
import coop.izek.portal.api.Refusals;

/**
 * An educator's side: their workshops (drafts too), a new workshop with its sessions, publishing it, the roster with
 * attendance per session (a list of checkboxes that works on a phone), completing it (certificates follow) and the
 * month's settlement.
 */
@Controller
class EducatorPages {

    private static final String ID = "[A-Za-z0-9-]{1,64}";
    static final int SESSION_ROWS = 6;

    private final PlatformApi api;

    EducatorPages(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/educator")
    String workshops(Model model) {
        model.addAttribute("workshops", api.items("/api/workshops/mine?size=100"));
        return "educator/workshops";
    }

    @GetMapping("/educator/workshops/new")
    String newWorkshop(Model model) {
        model.addAttribute("form", WorkshopForm.empty());
        return form(model);
    }

    @PostMapping("/educator/workshops")
    String create(@ModelAttribute("form") WorkshopForm form, Model model) {
        try {
            var created = api.post("/api/workshops", form.request());
            return "redirect:/educator/workshops/" + created.get("id");
        } catch (ApiProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            model.addAttribute("refused", refused);
            return form(model);
        }
    }

    @GetMapping("/educator/workshops/{id:" + ID + "}/edit")
    String editWorkshop(@PathVariable String id, Model model) {
        model.addAttribute("form", WorkshopForm.of(api.get("/api/workshops/{id}", id)));
        model.addAttribute("editing", id);
        return form(model);
    }

    /** A draft described again; once published, the API refuses (and the form says so). */
    @PostMapping("/educator/workshops/{id:" + ID + "}/edit")
    String edit(@PathVariable String id, @ModelAttribute("form") WorkshopForm form, Model model, RedirectAttributes redirect) {
        try {
            api.put("/api/workshops/{id}", form.request(), id);
            redirect.addFlashAttribute("done", "edited");
            return "redirect:/educator/workshops/" + id;
        } catch (ApiProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            model.addAttribute("refused", refused);
            model.addAttribute("editing", id);
            return form(model);
        }
    }

    private String form(Model model) {
        model.addAttribute("categories", Cooperative.CATEGORIES);
        model.addAttribute("targetGroups", Cooperative.TARGET_GROUPS);
        return "educator/new-workshop";
    }

    @GetMapping("/educator/workshops/{id:" + ID + "}")
    String workshop(@PathVariable String id, Model model) {
        model.addAttribute("workshop", api.get("/api/workshops/{id}", id));
        model.addAttribute("roster", api.get("/api/workshops/{id}/roster", id));
        return "educator/workshop";
    }

    @PostMapping("/educator/workshops/{id:" + ID + "}/publish")
    String publish(@PathVariable String id, RedirectAttributes redirect) {
        return act(id, redirect, () -> api.post("/api/workshops/{id}/publish", null, id), "published");
    }

    /** One session's attendance: the boxes ticked are the participants present (an unticked box is absent). */
    @PostMapping("/educator/workshops/{id:" + ID + "}/sessions/{sessionId:" + ID + "}/attendance")
    String attendance(@PathVariable String id, @PathVariable String sessionId, @RequestParam(required = false) List<String> present,
                      RedirectAttributes redirect) {
        return act(id, redirect, () -> api.put("/api/workshops/{id}/sessions/{sessionId}/attendance",
                Map.of("present", present == null ? List.of() : present), id, sessionId), "attendanceSaved");
    }

    @PostMapping("/educator/workshops/{id:" + ID + "}/complete")
    String complete(@PathVariable String id, RedirectAttributes redirect) {
        return act(id, redirect, () -> api.post("/api/workshops/{id}/complete", null, id), "completed");
    }

    @GetMapping("/educator/settlement")
    String settlement(@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth month, Model model) {
        var shown = month == null ? YearMonth.now(Cooperative.TIME_ZONE) : month;
        model.addAttribute("month", shown);
        model.addAttribute("settlement", api.get("/api/workshops/settlements/mine?month={month}", shown.toString()));
        return "educator/settlement";
    }

    private String act(String id, RedirectAttributes redirect, Runnable call, String done) {
        Refusals.kept(redirect, "refused", () -> {
            call.run();
            redirect.addFlashAttribute("done", done);
        });
        return "redirect:/educator/workshops/" + id;
    }

    /**
     * The new-workshop form as the browser sends it; sessions are rows of date, start and end in İzmir time. A box left
     * unticked is not sent at all, so {@code online} may be null (not online).
     */
    record WorkshopForm(String titleTr, String titleEn, String descriptionTr, String descriptionEn, String category,
                        List<String> targetGroups, Integer minAge, Integer maxAge, String language, String venueName,
                        String district, String city, String address, Boolean online, List<LocalDate> sessionDate,
                        List<LocalTime> sessionStart, List<LocalTime> sessionEnd, Integer capacity, BigDecimal price,
                        BigDecimal memberPrice, Integer solidaritySeats) {

        static WorkshopForm empty() {
            return new WorkshopForm("", "", "", "", "STEM", List.of(), null, null, "tr", "", "", "İzmir", "", false, List.of(),
                    List.of(), List.of(), null, null, null, 0);
        }

        /** The form filled in with a workshop as the API shows it, sessions in İzmir time. */
        @SuppressWarnings("unchecked")
        static WorkshopForm of(Map<String, Object> workshop) {
            var title = (Map<String, String>) workshop.getOrDefault("title", Map.of());
            var description = (Map<String, String>) workshop.getOrDefault("description", Map.of());
            var venue = (Map<String, Object>) workshop.getOrDefault("venue", Map.of());
            var dates = new ArrayList<LocalDate>();
            var starts = new ArrayList<LocalTime>();
            var ends = new ArrayList<LocalTime>();
            for (var session : (List<Map<String, Object>>) workshop.getOrDefault("sessions", List.of())) {
                var start = java.time.OffsetDateTime.parse(session.get("start").toString()).atZoneSameInstant(Cooperative.TIME_ZONE);
                var end = java.time.OffsetDateTime.parse(session.get("end").toString()).atZoneSameInstant(Cooperative.TIME_ZONE);
                dates.add(start.toLocalDate());
                starts.add(start.toLocalTime());
                ends.add(end.toLocalTime());
            }
            return new WorkshopForm(title.getOrDefault("tr", ""), title.getOrDefault("en", ""), description.getOrDefault("tr", ""),
                    description.getOrDefault("en", ""), (String) workshop.get("category"), (List<String>) workshop.get("targetGroups"),
                    (Integer) workshop.get("minAge"), (Integer) workshop.get("maxAge"), (String) workshop.get("language"),
                    (String) venue.get("name"), (String) venue.get("district"), (String) venue.get("city"), (String) venue.get("address"),
                    Boolean.TRUE.equals(venue.get("online")), dates, starts, ends, (Integer) workshop.get("capacity"),
                    amount(workshop.get("price")), amount(workshop.get("memberPrice")), (Integer) workshop.get("solidaritySeats"));
        }

        private static BigDecimal amount(Object money) {
            return money instanceof Map<?, ?> m && m.get("amount") != null ? new BigDecimal(m.get("amount").toString()) : null;
        }

        /** The value of a session row, or nothing for a row left empty. */
        public Object at(List<?> values, int index) {
            return values != null && index < values.size() ? values.get(index) : null;
        }

        public int rows() {
            return SESSION_ROWS;
        }

        Map<String, Object> request() {
            var request = new LinkedHashMap<String, Object>();
            request.put("title", texts(titleTr, titleEn));
            request.put("description", texts(descriptionTr, descriptionEn));
            request.put("category", category);
            request.put("targetGroups", targetGroups == null ? List.of() : targetGroups);
            if (minAge != null) {
                request.put("minAge", minAge);
            }
            if (maxAge != null) {
                request.put("maxAge", maxAge);
            }
            request.put("language", language == null || language.isBlank() ? "tr" : language);
            var venue = new LinkedHashMap<String, Object>();
            venue.put("name", strip(venueName));
            venue.put("district", strip(district));
            venue.put("city", strip(city));
            if (address != null && !address.isBlank()) {
                venue.put("address", address.strip());
            }
            venue.put("online", Boolean.TRUE.equals(online));
            request.put("venue", venue);
            var sessions = new ArrayList<Map<String, Object>>();
            for (int i = 0; sessionDate != null && i < sessionDate.size(); i++) {
                var date = sessionDate.get(i);
                var start = (LocalTime) at(sessionStart, i);
                var end = (LocalTime) at(sessionEnd, i);
                if (date != null && start != null && end != null) {
                    sessions.add(Map.of("start", date.atTime(start).atZone(Cooperative.TIME_ZONE).toOffsetDateTime().toString(),
                            "end", date.atTime(end).atZone(Cooperative.TIME_ZONE).toOffsetDateTime().toString()));
                }
            }
            request.put("sessions", sessions);
            request.put("capacity", capacity);
            request.put("price", money(price));
            request.put("memberPrice", money(memberPrice));
            request.put("solidaritySeats", solidaritySeats == null ? 0 : solidaritySeats);
            return request;
        }

        private static Map<String, String> texts(String tr, String en) {
            var texts = new LinkedHashMap<String, String>();
            if (tr != null && !tr.isBlank()) {
                texts.put("tr", tr.strip());
            }
            if (en != null && !en.isBlank()) {
                texts.put("en", en.strip());
            }
            return texts;
        }

        private static String strip(String text) {
            return text == null ? "" : text.strip();
        }

        private static Map<String, String> money(BigDecimal amount) {
            return amount == null ? null : Map.of("amount", amount.toPlainString(), "currency", "TRY");
        }
    }
}
