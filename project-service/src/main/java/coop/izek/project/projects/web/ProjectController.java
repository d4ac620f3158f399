package coop.izek.project.projects.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

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

import coop.izek.events.LearningCityFeature;
import coop.izek.project.calls.Programme;
import coop.izek.project.projects.ExchangeRates;
import coop.izek.project.projects.PartnerRole;
import coop.izek.project.projects.ProjectStatus;
import coop.izek.project.projects.Projects;
import coop.izek.support.money.Money;
import coop.izek.support.security.Caller;
import coop.izek.support.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/projects")
@Validated
class ProjectController {

    record CreateProject(@NotBlank @Size(max = 20) String acronym, @NotBlank @Size(max = 300) String title, @Size(max = 100) String callId,
                         @NotNull Programme programme, @NotBlank @Size(max = 100) String coordinatorOrganisationId,
                         @NotNull LocalDate startDate, @NotNull LocalDate endDate, @NotBlank @Size(max = 3) String currency,
                         @Size(max = 17) List<@NotNull @Min(1) @Max(17) Integer> sdgs,
                         @Size(max = 12) List<@NotNull LearningCityFeature> learningCityFeatures) {
    }

    record Transition(@NotNull ProjectStatus to) {
    }

    record AddPartner(@NotBlank @Size(max = 100) String organisationId, @NotNull PartnerRole role) {
    }

    record BudgetLine(@NotBlank @Size(max = 100) String organisationId, @NotNull Money amount) {
    }

    record AddWorkPackage(@NotNull @Min(1) @Max(99) Integer number, @NotBlank @Size(max = 300) String title,
                          @NotBlank @Size(max = 100) String leadOrganisationId, @Size(max = 50) List<@NotNull @Valid BudgetLine> budget) {
    }

    record AddMilestone(@NotBlank @Size(max = 12) String code, @NotBlank @Size(max = 300) String title,
                        @NotBlank @Size(max = 6) String workPackage, @NotNull LocalDate dueDate) {
    }

    record MilestoneReached(@NotNull LocalDate on) {
    }

    record AssignEducator(@NotBlank @Size(max = 100) String personId) {
    }

    record SetRate(@NotBlank @Size(max = 3) String from, @NotBlank @Size(max = 3) String to, @NotNull BigDecimal rate,
                   @NotNull LocalDate validFrom) {
    }

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    private final Projects projects;
    private final ExchangeRates rates;
    private final java.time.Clock clock;

    ProjectController(Projects projects, ExchangeRates rates, java.time.Clock clock) {
        this.projects = projects;
        this.rates = rates;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Projects.Summary create(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody CreateProject request) {
        return projects.create(new Projects.Draft(request.acronym(), request.title(), request.callId(), request.programme(),
                request.coordinatorOrganisationId(), request.startDate(), request.endDate(), request.currency(), request.sdgs(),
                request.learningCityFeatures()), caller.getSubject());
    }

    @GetMapping
    PageResponse<Projects.Summary> search(@AuthenticationPrincipal Jwt caller, @RequestParam(required = false) ProjectStatus status,
                                          @RequestParam(required = false) Programme programme,
                                          @RequestParam(required = false) @Size(max = 100) String q,
                                          @RequestParam(defaultValue = "0") @Min(0) int page,
                                          @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return projects.search(status, programme, q, Caller.of(caller), page, size);
    }

    @GetMapping("/{id}")
    Projects.ProjectView get(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return projects.find(id, Caller.of(caller));
    }

    @PostMapping("/{id}/transitions")
    Projects.ProjectView transition(@AuthenticationPrincipal Jwt caller, @PathVariable String id, @Valid @RequestBody Transition request) {
        return projects.transition(id, request.to(), caller.getSubject());
    }

    @PostMapping("/{id}/partners")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> addPartner(@PathVariable String id, @Valid @RequestBody AddPartner request) {
        projects.addPartner(id, request.organisationId(), request.role());
        return Map.of("organisationId", request.organisationId(), "role", request.role().name());
    }

    @PostMapping("/{id}/work-packages")
    @ResponseStatus(HttpStatus.CREATED)
    Projects.WorkPackageView addWorkPackage(@PathVariable String id, @Valid @RequestBody AddWorkPackage request) {
        var budget = request.budget() == null ? List.<Projects.BudgetLineDraft>of()
                : request.budget().stream().map(l -> new Projects.BudgetLineDraft(l.organisationId(), l.amount())).toList();
        return projects.addWorkPackage(id, request.number(), request.title(), request.leadOrganisationId(), budget);
    }

    @GetMapping("/{id}/budget")
    Projects.Budget budget(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return projects.budget(id, Caller.of(caller));
    }

    @PostMapping("/{id}/milestones")
    @ResponseStatus(HttpStatus.CREATED)
    Projects.MilestoneView addMilestone(@PathVariable String id, @Valid @RequestBody AddMilestone request) {
        return projects.addMilestone(id, request.code(), request.title(), request.workPackage(), request.dueDate());
    }

    @PostMapping("/{id}/milestones/{code}/reached")
    Projects.MilestoneView milestoneReached(@PathVariable String id, @PathVariable String code, @Valid @RequestBody MilestoneReached request) {
        return projects.milestoneReached(id, code, request.on());
    }

    @PostMapping("/{id}/educators")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> assignEducator(@PathVariable String id, @Valid @RequestBody AssignEducator request) {
        projects.assignEducator(id, request.personId());
        return Map.of("personId", request.personId());
    }

    /** The projects an educator is assigned to, for linking their workshops. */
    @GetMapping("/assigned-to-me")
    List<Projects.Summary> assignedToMe(@AuthenticationPrincipal Jwt caller) {
        return projects.assignedTo(caller.getSubject());
    }

    @GetMapping("/portfolio")
    ExchangeRates.Portfolio portfolio(@RequestParam @NotBlank @Size(max = 3) String currency, @RequestParam(required = false) LocalDate on) {
        return rates.portfolio(currency, on == null ? LocalDate.now(clock.withZone(ISTANBUL)) : on);
    }

    @PostMapping("/exchange-rates")
    @ResponseStatus(HttpStatus.CREATED)
    ExchangeRates.RateView setRate(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody SetRate request) {
        return rates.set(request.from(), request.to(), request.rate(), request.validFrom(), caller.getSubject());
    }

    @GetMapping("/exchange-rates")
    PageResponse<ExchangeRates.RateView> listRates(@RequestParam(defaultValue = "0") @Min(0) int page,
                                                   @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return rates.list(page, size);
    }
}
