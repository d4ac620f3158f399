package coop.izek.workshop.workshops.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.support.idempotency.IdempotentRequests;
import coop.izek.support.security.Caller;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;
import coop.izek.workshop.workshops.Enrolments;
import coop.izek.workshop.workshops.SeatTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@Validated
class EnrolmentController {

    record Enrol(@NotEmpty @Size(max = 10) List<Enrolments.@NotNull ParticipantRequest> participants,
                 SeatTypes.Requested seatType, @Size(max = 1000) String solidarityReason) {
    }

    enum Decision {
        APPROVE, DECLINE
    }

    record Review(@NotNull Decision decision) {
    }

    record Reviewed(String enrolmentId, String status) {
    }

    private final Enrolments enrolments;

    EnrolmentController(Enrolments enrolments) {
        this.enrolments = enrolments;
    }

    @PostMapping("/api/workshops/{id}/enrolments")
    @ResponseStatus(HttpStatus.CREATED)
    Enrolments.Result enrol(@AuthenticationPrincipal Jwt caller, @PathVariable String id, @Valid @RequestBody Enrol request,
                            @RequestAttribute(name = IdempotentRequests.REQUEST_KEY, required = false) String requestKey) {
        return enrolments.enrol(id, caller.getSubject(), request.participants(), SeatTypes.of(request.seatType()),
                request.solidarityReason(), requestKey);
    }

    @DeleteMapping("/api/workshops/{id}/enrolments/{enrolmentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(@AuthenticationPrincipal Jwt caller, @PathVariable String id, @PathVariable String enrolmentId) {
        enrolments.cancel(id, enrolmentId, caller.getSubject(), Caller.of(caller).hasRole("ADMIN"));
    }

    @PostMapping("/api/workshops/{id}/enrolments/{enrolmentId}/review")
    Reviewed review(@AuthenticationPrincipal Jwt caller, @PathVariable String id, @PathVariable String enrolmentId,
                    @Valid @RequestBody Review request) {
        // Checked here rather than in the rules, so that a malformed body is answered as such first.
        if (!Caller.of(caller).hasRole("ADMIN")) {
            throw ProblemException.forbidden("Only staff decide on solidarity seat requests.");
        }
        var status = enrolments.decideSolidarityRequest(id, enrolmentId, request.decision() == Decision.APPROVE, caller.getSubject());
        return new Reviewed(enrolmentId, status);
    }

    @GetMapping("/api/workshops/solidarity-requests")
    PageResponse<Enrolments.SolidarityRequest> solidarityRequests(@RequestParam(defaultValue = "0") @Min(0) int page,
                                                                  @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return enrolments.pendingSolidarityRequests(page, size);
    }

    @GetMapping("/api/workshops/enrolments/mine")
    PageResponse<Enrolments.MyEnrolment> mine(@AuthenticationPrincipal Jwt caller,
                                              @RequestParam(defaultValue = "0") @Min(0) int page,
                                              @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return enrolments.mine(caller.getSubject(), page, size);
    }
}
