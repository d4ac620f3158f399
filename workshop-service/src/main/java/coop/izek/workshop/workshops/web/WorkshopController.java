package coop.izek.workshop.workshops.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.events.LearningCityFeature;
import coop.izek.events.WorkshopCategory;
import coop.izek.support.money.Money;
import coop.izek.support.security.Caller;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;
import coop.izek.workshop.workshops.Catalogue;
import coop.izek.events.TargetGroup;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;

@RestController
@RequestMapping("/api/workshops")
@Validated
class WorkshopController {

    record VenueRequest(@NotBlank @Size(max = 200) String name, @Size(max = 100) String district,
                        @NotBlank @Size(max = 100) String city, @Size(max = 300) String address, Boolean online) {
    }

    record SessionRequest(@NotNull OffsetDateTime start, @NotNull OffsetDateTime end) {
    }

    record CreateWorkshop(
            @NotEmpty @Size(max = 3) Map<String, @Size(max = 200) String> title,
            @Size(max = 3) Map<String, @Size(max = 10_000) String> description,
            @NotNull WorkshopCategory category,
            @NotEmpty Set<@NotNull TargetGroup> targetGroups,
            @Min(0) @Max(120) Integer minAge,
            @Min(0) @Max(120) Integer maxAge,
            @NotNull @Pattern(regexp = "tr|en|pl", message = "must be tr, en or pl") String language,
            @NotNull @Valid VenueRequest venue,
            @NotEmpty @Size(max = 100) List<@NotNull @Valid SessionRequest> sessions,
            @NotNull @Min(1) @Max(1000) Integer capacity,
            Money price,
            Money memberPrice,
            @Min(0) @Max(1000) Integer solidaritySeats,
            @Size(max = 100) String projectId,
            @Size(max = 12) List<@NotNull LearningCityFeature> learningCityFeatures) {
    }

    record Cancel(@Size(max = 1000) String reason) {
    }

    record Assignment(@NotBlank @Size(max = 100) String educatorPersonId) {
    }

    private final Catalogue catalogue;
    private final PublicPages publicPages;

    WorkshopController(Catalogue catalogue, PublicPages publicPages) {
        this.catalogue = catalogue;
        this.publicPages = publicPages;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Catalogue.WorkshopView create(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody CreateWorkshop request) {
        return catalogue.create(caller.getSubject(), Caller.of(caller).hasRole("ADMIN"), draft(request));
    }

    /** A DRAFT described again (the same body as a new one); 409 once it is published. */
    @PutMapping("/{id}")
    Catalogue.WorkshopView update(@AuthenticationPrincipal Jwt caller, @PathVariable String id, @Valid @RequestBody CreateWorkshop request) {
        return catalogue.update(id, caller.getSubject(), Caller.of(caller).hasRole("ADMIN"), draft(request));
    }

    private static Catalogue.Draft draft(CreateWorkshop request) {
        var venue = request.venue();
        return new Catalogue.Draft(request.title(), request.description(), request.category(),
                request.targetGroups(), request.minAge(), request.maxAge(), request.language(),
                new Catalogue.VenueDraft(venue.name(), venue.district(), venue.city(), venue.address(), Boolean.TRUE.equals(venue.online())),
                request.sessions().stream().map(s -> new Catalogue.SessionDraft(s.start(), s.end())).toList(),
                request.capacity(), request.price(), request.memberPrice(),
                request.solidaritySeats() == null ? 0 : request.solidaritySeats(), request.projectId(),
                request.learningCityFeatures() == null ? null : request.learningCityFeatures().stream().map(Enum::name).distinct().toList());
    }

    @PostMapping("/{id}/publish")
    Catalogue.WorkshopView publish(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return catalogue.publish(id, caller.getSubject(), Caller.of(caller).hasRole("ADMIN"));
    }

    @PostMapping("/{id}/cancel")
    Catalogue.WorkshopView cancel(@AuthenticationPrincipal Jwt caller, @PathVariable String id,
                                  @Valid @RequestBody(required = false) Cancel request) {
        return catalogue.cancel(id, caller.getSubject(), Caller.of(caller).hasRole("ADMIN"), request == null ? null : request.reason());
    }

    @SecurityRequirements
    @GetMapping
    ResponseEntity<PageResponse<Catalogue.WorkshopView>> search(@AuthenticationPrincipal Jwt caller,
                                                                @RequestParam(required = false) WorkshopCategory category,
                                                @RequestParam(required = false) TargetGroup targetGroup,
                                                @RequestParam(required = false) @Min(0) @Max(120) Integer age,
                                                @RequestParam(required = false) @Size(max = 100) String district,
                                                @RequestParam(required = false) String from,
                                                @RequestParam(required = false) String to,
                                                @RequestParam(required = false) @Size(max = 200) String q,
                                                @RequestParam(defaultValue = "0") @Min(0) int page,
                                                @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return answer(caller, catalogue.search(new Catalogue.SearchFilter(category, targetGroup, age, district, instant("from", from, false),
                instant("to", to, true), q), page, size));
    }

    /** The caller's own workshops as their educator, drafts included (empty for anyone who runs none). */
    @GetMapping("/mine")
    PageResponse<Catalogue.WorkshopView> mine(@AuthenticationPrincipal Jwt caller, @RequestParam(defaultValue = "0") @Min(0) int page,
                                              @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return catalogue.runBy(caller.getSubject(), page, size);
    }

    /** Staff: workshops whose educator is no longer an ACTIVE educator member, to hand on or cancel. */
    @GetMapping("/needing-educator")
    PageResponse<Catalogue.WorkshopView> needingEducator(@RequestParam(defaultValue = "0") @Min(0) int page,
                                                         @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return catalogue.needingAnEducator(page, size);
    }

    @PostMapping("/{id}/educator")
    Catalogue.WorkshopView assignEducator(@PathVariable String id, @Valid @RequestBody Assignment request) {
        return catalogue.assignEducator(id, request.educatorPersonId());
    }

    @SecurityRequirements
    @GetMapping("/{id}")
    ResponseEntity<Catalogue.WorkshopView> get(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return answer(caller, catalogue.find(id, caller == null ? null : caller.getSubject(), caller != null && Caller.of(caller).hasRole("ADMIN")));
    }

    /**
     * The catalogue as an anonymous visitor sees it is the same for everyone, so it may be kept a moment (the gateway
     * answers a popular page from its cache); what a signed-in caller sees (drafts, for their educator and staff) keeps
     * Spring Security's no-store.
     */
    private <T> ResponseEntity<T> answer(Jwt caller, T body) {
        return caller == null ? ResponseEntity.ok().cacheControl(publicPages.cacheControl()).body(body) : ResponseEntity.ok(body);
    }

    /** A date ({@code 2027-03-01}, a whole day in İzmir) or a date-time with offset. */
    private static Instant instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                var day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(Catalogue.ISTANBUL).toInstant().minusNanos(endOfDay ? 1 : 0);
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                    "'" + name + "' must be a date (YYYY-MM-DD) or a date-time with offset.",
                    Map.of("errors", List.of(Map.of("field", name, "message", "must be a date or a date-time with offset"))));
        }
    }
}
