package coop.izek.membership.applications.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import coop.izek.events.WorkshopCategory;
import coop.izek.membership.applications.ApplicationStatus;
import coop.izek.membership.applications.Applications;
import coop.izek.membership.members.MemberType;
import coop.izek.support.security.Caller;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/membership/applications")
@Validated
class ApplicationController {

    record Apply(
            @NotNull MemberType memberType,
            @Size(max = 8) List<@NotNull WorkshopCategory> expertise,
            @NotBlank @Size(max = 4000) String motivation,
            @NotNull @Min(1) Integer acceptedPrinciplesVersion,
            @NotNull Boolean dataProcessingConsent) {
    }

    record Decide(@NotNull Applications.Verdict decision, @Size(max = 2000) String reason) {
    }

    record Submitted(String id, ApplicationStatus status) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Decided(ApplicationStatus status, String memberId, String memberNumber) {
    }

    private final Applications applications;

    ApplicationController(Applications applications) {
        this.applications = applications;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Submitted apply(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody Apply request) {
        var application = applications.submit(caller.getSubject(), request.memberType(),
                request.expertise() == null ? List.of() : request.expertise(), request.motivation(),
                request.acceptedPrinciplesVersion(), request.dataProcessingConsent());
        return new Submitted(application.id(), application.status());
    }

    @GetMapping
    PageResponse<Applications.ApplicationView> list(@RequestParam(required = false) ApplicationStatus status,
                                                    @RequestParam(defaultValue = "0") @Min(0) int page,
                                                    @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return applications.page(status, page, size);
    }

    @GetMapping("/mine")
    List<Applications.ApplicationView> mine(@AuthenticationPrincipal Jwt caller) {
        return applications.ofPerson(caller.getSubject());
    }

    /** Staff see any application; an applicant only their own (others do not exist for them). */
    @GetMapping("/{id}")
    Applications.ApplicationView get(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        var application = applications.find(id);
        if (!Caller.of(caller).hasRole("ADMIN") && !application.personId().equals(caller.getSubject())) {
            throw ProblemException.notFound("application", id);
        }
        return application;
    }

    @PostMapping("/{id}/decision")
    Decided decide(@AuthenticationPrincipal Jwt caller, @PathVariable String id, @Valid @RequestBody Decide request) {
        var decision = applications.decide(id, request.decision(), request.reason(), caller.getSubject());
        return new Decided(decision.status(), decision.memberId(), decision.memberNumber());
    }
}
