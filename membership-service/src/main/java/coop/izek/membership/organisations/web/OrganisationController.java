package coop.izek.membership.organisations.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.membership.organisations.OrganisationType;
import coop.izek.membership.organisations.Organisations;
import coop.izek.support.security.Caller;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/membership/organisations")
@Validated
class OrganisationController {

    record RegisterOrganisation(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter country code") String country,
            @NotNull OrganisationType type,
            @Pattern(regexp = "E[0-9]{8}", message = "must be an Erasmus+ OID: E and eight digits") String oid,
            @Pattern(regexp = "[0-9]{9}", message = "must be a nine-digit EU PIC") String pic,
            @NotBlank @Email(regexp = ".+@.+\\..+", message = "must be a valid email address") @Size(max = 254) String contactEmail) {
    }

    record LinkStaff(@NotBlank @Email(regexp = ".+@.+\\..+", message = "must be a valid email address") @Size(max = 254) String email) {
    }

    private final Organisations organisations;

    OrganisationController(Organisations organisations) {
        this.organisations = organisations;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> register(@Valid @RequestBody RegisterOrganisation request) {
        return Map.of("organisationId", organisations.register(request.name(), request.country(), request.type(),
                request.oid(), request.pic(), request.contactEmail()));
    }

    @GetMapping
    PageResponse<Organisations.OrganisationView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                                      @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return organisations.page(page, size);
    }

    /** Staff see every organisation; a partner only its own (others do not exist for it). */
    @GetMapping("/{id}")
    Organisations.OrganisationView get(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        var caller = Caller.of(token);
        if (!caller.hasRole("ADMIN") && !caller.organisationId().filter(id::equals).isPresent()) {
            throw ProblemException.notFound("organisation", id);
        }
        return organisations.find(id);
    }

    @PostMapping("/{id}/api-clients")
    @ResponseStatus(HttpStatus.CREATED)
    Organisations.IssuedCredentials issueApiClient(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return organisations.issueApiClient(id, caller.getSubject());
    }

    /** The organisation's API clients, active and revoked, without their secrets. */
    @GetMapping("/{id}/api-clients")
    java.util.List<Organisations.ApiClientListing> apiClients(@PathVariable String id) {
        return organisations.apiClients(id);
    }

    @DeleteMapping("/{id}/api-clients/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeApiClient(@AuthenticationPrincipal Jwt caller, @PathVariable String id, @PathVariable String clientId) {
        organisations.revokeApiClient(id, clientId, caller.getSubject());
    }

    /** People who work for the organisation: signed in, they see its projects and deliverables in the portal. */
    @PostMapping("/{id}/people")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> linkStaff(@AuthenticationPrincipal Jwt caller, @PathVariable String id, @Valid @RequestBody LinkStaff request) {
        return Map.of("personId", organisations.linkStaff(id, request.email(), caller.getSubject()), "organisationId", id);
    }

    @GetMapping("/{id}/people")
    java.util.List<Organisations.StaffMember> staff(@PathVariable String id) {
        return organisations.staff(id);
    }

    @DeleteMapping("/{id}/people/{personId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlinkStaff(@PathVariable String id, @PathVariable String personId) {
        organisations.unlinkStaff(id, personId);
    }
}
