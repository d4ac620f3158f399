package coop.izek.portal.catalogue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import coop.izek.portal.Cooperative;
import coop.izek.portal.PortalProperties;
import coop.izek.portal.api.PlatformApi;
import coop.izek.portal.learning.Household;
import coop.izek.portal.site.Formats;

/** The public side: upcoming workshops, the catalogue with its filters, a workshop's page and its calendar. */
@Controller
class CataloguePages {


    private final PlatformApi api;
    private final PortalProperties portal;
    private final Household household;
    private final Formats formats;

    CataloguePages(PlatformApi api, PortalProperties portal, Household household, Formats formats) {
        this.api = api;
        this.portal = portal;
        this.household = household;
        this.formats = formats;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("workshops", api.items("/api/workshops?from={from}&size=6", Instant.now()));
        return "home";
    }

    /** The catalogue; the filter form is a plain GET, so a filtered list has an address to share. */
    @GetMapping("/workshops")
    String catalogue(@RequestParam(required = false) String category, @RequestParam(required = false) String targetGroup,
                     @RequestParam(required = false) Integer age, @RequestParam(required = false) String district,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                     @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        var query = UriComponentsBuilder.fromPath("/api/workshops")
                .queryParamIfPresent("category", java.util.Optional.ofNullable(blankToNull(category)))
                .queryParamIfPresent("targetGroup", java.util.Optional.ofNullable(blankToNull(targetGroup)))
                .queryParamIfPresent("age", java.util.Optional.ofNullable(age))
                .queryParamIfPresent("district", java.util.Optional.ofNullable(blankToNull(district)))
                .queryParamIfPresent("from", java.util.Optional.ofNullable(from).map(d -> d.atStartOfDay(Cooperative.TIME_ZONE).toInstant()))
                .queryParamIfPresent("to", java.util.Optional.ofNullable(to).map(d -> d.plusDays(1).atStartOfDay(Cooperative.TIME_ZONE).toInstant()))
                .queryParamIfPresent("q", java.util.Optional.ofNullable(blankToNull(q)))
                .queryParam("page", Math.max(page, 0))
                .queryParam("size", 12)
                .encode().build().toUriString();
        var result = api.get(query);
        model.addAttribute("result", result);
        model.addAttribute("categories", Cooperative.CATEGORIES);
        model.addAttribute("targetGroups", Cooperative.TARGET_GROUPS);
        model.addAttribute("filter", new Filter(category, targetGroup, age, district, from, to, q, page));
        return "catalogue";
    }

    record Filter(String category, String targetGroup, Integer age, String district, LocalDate from, LocalDate to, String q,
                  int page) {
    }

    @GetMapping("/workshops/{id:[A-Za-z0-9-]{1,64}}")
    String workshop(@PathVariable String id, Model model) {
        var workshop = api.get("/api/workshops/{id}", id);
        model.addAttribute("workshop", workshop);
        model.addAttribute("pageTitle", formats.text(workshop.get("title")));
        model.addAttribute("structuredData", StructuredData.of(workshop, portal.publicAddress() + "/workshops/" + id));
        if (api.accessToken().isPresent()) {
            model.addAttribute("children", household.children());
        }
        return "workshop";
    }

    /** The workshop's sessions as iCalendar, to add to a phone's calendar. */
    @GetMapping(value = "/workshops/{id:[A-Za-z0-9-]{1,64}}/calendar.ics")
    ResponseEntity<String> calendar(@PathVariable String id) {
        Map<String, Object> workshop = api.get("/api/workshops/{id}", id);
        var calendar = new Calendars(portal.publicAddress().toString()).of(List.of(workshop), null);
        return ResponseEntity.ok()
                .contentType(Calendars.TEXT_CALENDAR)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("izek-" + id + ".ics").build().toString())
                .body(calendar);
    }

    /** The sessions of every workshop the person (or a child of theirs) holds a confirmed place in, as one calendar. */
    @GetMapping("/me/calendar.ics")
    ResponseEntity<String> myCalendar() {
        var workshops = api.items("/api/workshops/enrolments/mine?size=100").stream()
                .filter(enrolment -> "CONFIRMED".equals(enrolment.get("status")))
                .map(enrolment -> enrolment.get("workshopId")).distinct()
                .map(workshopId -> api.get("/api/workshops/{id}", workshopId)).toList();
        return ResponseEntity.ok()
                .contentType(Calendars.TEXT_CALENDAR)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("izek-my-workshops.ics").build().toString())
                .body(new Calendars(portal.publicAddress().toString()).of(workshops, null));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
