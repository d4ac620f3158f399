package coop.izek.portal.projects;

import java.time.LocalDate;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import coop.izek.portal.Cooperative;
import coop.izek.portal.api.PlatformApi;

/**
 * For everyone: the projects the cooperative was granted, each with its consortium and what its workshops reached,
 * and the city's Learning City report by key feature, target group and district (also as CSV).
 */
@Controller
class PublicProjectPages {

    private static final String ID = "[A-Za-z0-9-]{1,64}";
    private static final MediaType CSV = new MediaType("text", "csv");

    private final PlatformApi api;

    PublicProjectPages(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/projects")
    String projects(Model model) {
        model.addAttribute("projects", api.items("/api/projects/public?size=100"));
        return "public/projects";
    }

    @GetMapping("/projects/{id:" + ID + "}")
    String project(@PathVariable String id, Model model) {
        var project = api.get("/api/projects/public/{id}", id);
        model.addAttribute("project", project);
        model.addAttribute("indicators", api.get("/api/projects/public/{id}/indicators", id));
        return "public/project";
    }

    /** The report for a city and year (İzmir and this year unless asked). */
    @GetMapping("/learning-city")
    String learningCity(@RequestParam(defaultValue = "İzmir") String city, @RequestParam(required = false) Integer year, Model model) {
        var shown = year == null ? LocalDate.now(Cooperative.TIME_ZONE).getYear() : year;
        model.addAttribute("report", api.get("/api/projects/public/learning-city?city={city}&year={year}&lang={lang}", city.strip(), shown,
                org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage()));
        model.addAttribute("city", city.strip());
        model.addAttribute("year", shown);
        return "public/learning-city";
    }

    @GetMapping("/learning-city.csv")
    ResponseEntity<byte[]> learningCityCsv(@RequestParam(defaultValue = "İzmir") String city, @RequestParam int year) {
        var csv = api.bytes("/api/projects/public/learning-city?city={city}&year={year}&format=csv&lang={lang}", CSV, city.strip(), year,
                org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage());
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("learning-city-" + year + ".csv").build().toString())
                .body(csv);
    }
}
