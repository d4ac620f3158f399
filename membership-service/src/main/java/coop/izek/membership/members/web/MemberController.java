package coop.izek.membership.members.web;

import java.time.LocalDate;
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

import coop.izek.membership.members.MemberStatus;
import coop.izek.membership.members.Members;
import coop.izek.membership.members.ShareRegister;
import coop.izek.support.money.Money;
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
@RequestMapping("/api/membership")
@Validated
class MemberController {

    record SharePayment(@NotNull @Min(1) @Max(10_000) Integer shares, @NotNull Money amount, @NotNull LocalDate paidOn,
                        @NotBlank @Size(max = 100) String reference) {
    }

    record PaymentRecorded(long entryNumber, String memberId, MemberStatus status, int shares) {
    }

    record StatusChange(@NotNull MemberStatus status, @NotBlank @Size(max = 2000) String reason) {
    }

    record Resignation(@Size(max = 2000) String reason) {
    }

    record Transfer(@NotBlank @Size(max = 100) String fromMemberId, @NotBlank @Size(max = 100) String toMemberId,
                    @NotNull @Min(1) @Max(10_000) Integer shares, @NotNull LocalDate on) {
    }

    record Holding(String memberId, String memberNumber, ShareRegister.Totals totals, List<ShareRegister.Line> lines) {
    }

    private final Members members;
    private final ShareRegister register;

    MemberController(Members members, ShareRegister register) {
        this.members = members;
        this.register = register;
    }

    @GetMapping("/members/me")
    Members.MemberView me(@AuthenticationPrincipal Jwt caller) {
        return members.findByPerson(caller.getSubject()).orElseThrow(() -> ProblemException.notFound("membership of", "you"));
    }

    @GetMapping("/members/{id}")
    Members.MemberView get(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return visible(caller, id);
    }

    @GetMapping("/members")
    PageResponse<Members.MemberView> list(@RequestParam(required = false) MemberStatus status,
                                          @RequestParam(defaultValue = "0") @Min(0) int page,
                                          @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return members.page(status, page, size);
    }

    @PostMapping("/members/{id}/share-payments")
    @ResponseStatus(HttpStatus.CREATED)
    PaymentRecorded recordPayment(@AuthenticationPrincipal Jwt caller, @PathVariable String id,
                                  @Valid @RequestBody SharePayment request) {
        long entry = members.recordPayment(id, request.shares(), request.amount(), request.paidOn(), request.reference(),
                caller.getSubject());
        var member = members.find(id);
        return new PaymentRecorded(entry, id, member.status(), member.shares());
    }

    @PostMapping("/members/{id}/status")
    Members.MemberView changeStatus(@AuthenticationPrincipal Jwt caller, @PathVariable String id,
                                    @Valid @RequestBody StatusChange request) {
        return members.changeStatus(id, request.status(), request.reason(), caller.getSubject());
    }

    @PostMapping("/members/me/resignation")
    Members.MemberView resign(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody(required = false) Resignation request) {
        var reason = request == null || request.reason() == null || request.reason().isBlank() ? "resigned" : request.reason();
        return members.resign(caller.getSubject(), reason);
    }

    @GetMapping("/members/{id}/shares")
    Holding holding(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        var member = visible(caller, id);
        return new Holding(member.id(), member.memberNumber(), register.totals(id), register.linesOf(id));
    }

    @PostMapping("/share-transfers")
    @ResponseStatus(HttpStatus.CREATED)
    java.util.Map<String, Long> transfer(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody Transfer request) {
        return java.util.Map.of("entryNumber", members.transfer(request.fromMemberId(), request.toMemberId(), request.shares(),
                request.on(), caller.getSubject()));
    }

    @GetMapping("/share-register")
    ShareRegister.Page shareRegister(@RequestParam(defaultValue = "0") @Min(0) int page,
                                     @RequestParam(defaultValue = "50") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return register.page(page, size);
    }

    /** Staff see every member; a person only their own membership (others do not exist for them). */
    private Members.MemberView visible(Jwt caller, String id) {
        var member = members.find(id);
        if (!Caller.of(caller).hasRole("ADMIN") && !member.personId().equals(caller.getSubject())) {
            throw ProblemException.notFound("member", id);
        }
        return member;
    }
}
