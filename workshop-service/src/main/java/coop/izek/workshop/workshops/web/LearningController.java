package coop.izek.workshop.workshops.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.support.web.ProblemException;
import coop.izek.workshop.workshops.Certificates;
import coop.izek.workshop.workshops.LearningRecords;
import coop.izek.workshop.workshops.Settlements;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;

/** What workshops leave behind: certificates anyone can verify, learning records, educators' settlements. */
@RestController
@Validated
class LearningController {

    private final Certificates certificates;
    private final LearningRecords learningRecords;
    private final Settlements settlements;

    LearningController(Certificates certificates, LearningRecords learningRecords, Settlements settlements) {
        this.certificates = certificates;
        this.learningRecords = learningRecords;
        this.settlements = settlements;
    }

    @SecurityRequirements
    @GetMapping("/api/certificates/{code}")
    Certificates.Verification verify(@PathVariable @Size(max = 40) String code) {
        return certificates.verify(code);
    }

    @GetMapping("/api/learning-record/me")
    LearningRecords.LearningRecord learningRecord(@AuthenticationPrincipal Jwt caller) {
        return learningRecords.of(caller.getSubject());
    }

    @GetMapping("/api/workshops/settlements/mine")
    Settlements.EducatorSettlement mySettlement(@AuthenticationPrincipal Jwt caller, @RequestParam String month) {
        return settlements.forEducator(caller.getSubject(), month(month));
    }

    @GetMapping("/api/workshops/settlements")
    Settlements.MonthlySettlements settlements(@RequestParam String month) {
        return settlements.forMonth(month(month));
    }

    private static YearMonth month(String value) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "validation", "Invalid request", "'month' must be a month (YYYY-MM).",
                    Map.of("errors", List.of(Map.of("field", "month", "message", "must be a month (YYYY-MM)"))));
        }
    }
}
