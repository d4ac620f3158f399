package coop.izek.membership.assemblies.web;

import java.time.LocalDate;
import java.util.List;

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

import coop.izek.membership.assemblies.Assemblies;
import coop.izek.membership.members.Members;
import coop.izek.support.security.Caller;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/membership/assemblies")
@Validated
class AssemblyController {

    record MotionRequest(@NotBlank @Size(max = 300) String title, @NotBlank @Size(max = 10_000) String text) {
    }

    record Convene(@NotBlank @Size(max = 300) String title, @NotNull LocalDate date,
                   @NotEmpty @Size(max = 50) List<@Valid @NotNull MotionRequest> motions) {
    }

    record CastVote(@NotNull Assemblies.Choice choice, @Size(max = 100) String onBehalfOf) {
    }

    /** To whom: the member's id, or the number on their card ({@code IZEK-000123}), which is what members know. */
    record GrantProxy(@Size(max = 100) String proxyMemberId,
                      @Pattern(regexp = "IZEK-[0-9]{6}", message = "must be a member number like IZEK-000123") String proxyMemberNumber) {
    }

    private final Assemblies assemblies;
    private final Members members;

    AssemblyController(Assemblies assemblies, Members members) {
        this.assemblies = assemblies;
        this.members = members;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Assemblies.Convened convene(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody Convene request) {
        return assemblies.convene(request.title(), request.date(),
                request.motions().stream().map(m -> new Assemblies.MotionDraft(m.title(), m.text())).toList(), caller.getSubject());
    }

    @PostMapping("/{id}/motions/{motionId}/votes")
    @ResponseStatus(HttpStatus.CREATED)
    void vote(@AuthenticationPrincipal Jwt caller, @PathVariable String id, @PathVariable String motionId,
              @Valid @RequestBody CastVote request) {
        assemblies.vote(id, motionId, caller.getSubject(), request.choice(), request.onBehalfOf());
    }

    /** A member gives their vote at this assembly to another member (the one who will carry it). */
    @PostMapping("/{id}/proxies")
    @ResponseStatus(HttpStatus.CREATED)
    java.util.Map<String, String> grantProxy(@AuthenticationPrincipal Jwt caller, @PathVariable String id,
                                             @Valid @RequestBody GrantProxy request) {
        if ((request.proxyMemberId() == null || request.proxyMemberId().isBlank()) == (request.proxyMemberNumber() == null)) {
            throw ProblemException.invalidField("proxyMemberId", "give either proxyMemberId or proxyMemberNumber");
        }
        return java.util.Map.of("id", request.proxyMemberNumber() != null
                ? assemblies.grantProxyByNumber(id, caller.getSubject(), request.proxyMemberNumber())
                : assemblies.grantProxy(id, caller.getSubject(), request.proxyMemberId()));
    }

    @DeleteMapping("/{id}/proxies/{proxyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeProxy(@AuthenticationPrincipal Jwt caller, @PathVariable String id, @PathVariable String proxyId) {
        assemblies.revokeProxy(id, proxyId, caller.getSubject());
    }

    /** Staff: who carries whose vote at this assembly. */
    @GetMapping("/{id}/proxies")
    List<Assemblies.ProxyView> proxies(@PathVariable String id) {
        return assemblies.proxies(id);
    }

    /** Assemblies for members (of any standing) and staff, the coming ones first. */
    @GetMapping
    PageResponse<Assemblies.AssemblyView> list(@AuthenticationPrincipal Jwt caller, @RequestParam(defaultValue = "0") @Min(0) int page,
                                               @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        requireMemberOrStaff(caller);
        return assemblies.page(page, size);
    }

    @GetMapping("/{id}")
    Assemblies.AssemblyView get(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        requireMemberOrStaff(caller);
        return assemblies.find(id);
    }

    /** The caller's own standing: on the roll, the proxy given or carried, the votes cast. */
    @GetMapping("/{id}/standing")
    Assemblies.Standing standing(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        requireMemberOrStaff(caller);
        return assemblies.standing(id, caller.getSubject());
    }

    /** Members (of any standing) and staff see results. */
    @GetMapping("/{id}/motions/{motionId}/results")
    Assemblies.Result results(@AuthenticationPrincipal Jwt caller, @PathVariable String id, @PathVariable String motionId) {
        requireMemberOrStaff(caller);
        return assemblies.results(id, motionId);
    }

    private void requireMemberOrStaff(Jwt caller) {
        if (!Caller.of(caller).hasRole("ADMIN") && members.findByPerson(caller.getSubject()).isEmpty()) {
            throw ProblemException.forbidden("Assemblies are for members and staff.");
        }
    }
}
