package coop.izek.project.activity.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.project.activity.LearningCityReport;
import coop.izek.project.activity.ProjectIndicators;
import coop.izek.project.activity.ReportCsv;
import coop.izek.support.security.Caller;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@Validated
class ActivityController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final ProjectIndicators indicators;
    private final LearningCityReport report;

    ActivityController(ProjectIndicators indicators, LearningCityReport report) {
        this.indicators = indicators;
        this.report = report;
    }

    @GetMapping("/api/projects/{id}/indicators")
    ProjectIndicators.Indicators indicators(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return indicators.of(id, Caller.of(caller));
    }

    /** A granted project's figures for anyone (counts only). */
    @SecurityRequirements
    @GetMapping("/api/projects/public/{id}/indicators")
    ProjectIndicators.Indicators publishedIndicators(@PathVariable String id) {
        return indicators.ofPublished(id);
    }

    /**
     * JSON, or the CSV download when asked for by {@code Accept: text/csv} or {@code format=csv}. Staff's, and the same
     * report for the public (figures, workshop titles and granted projects only), as a Learning City publishes it.
     */
    @GetMapping({"/api/projects/reports/learning-city", "/api/projects/public/learning-city"})
    ResponseEntity<?> learningCity(@RequestParam @NotBlank @Size(max = 100) String city,
                                   @RequestParam @Min(2000) @Max(2100) int year,
                                   @RequestParam(required = false) @Pattern(regexp = "json|csv", message = "must be json or csv") String format,
                                   @RequestParam(required = false) @Pattern(regexp = "tr|en|pl", message = "must be tr, en or pl") String lang,
                                   @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        var result = report.of(city, year, lang);
        boolean csv = "csv".equals(format) || (format == null && asksForCsv(accept));
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(result);
        }
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(ReportCsv.fileName(result)).build().toString())
                .body(ReportCsv.of(result));
    }

    private static boolean asksForCsv(String accept) {
        try {
            return accept != null && MediaType.parseMediaTypes(accept).stream().anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(CSV));
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }
}
