package coop.izek.support.sample;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

@RestController
@Validated
class SampleController {

    record CreateSample(@NotBlank String name, @NotNull @Email String email, @Min(1) int seats, java.math.BigDecimal ratio,
                        coop.izek.support.money.Money fee) {
    }

    private final coop.izek.support.outbox.Outbox outbox;

    SampleController(coop.izek.support.outbox.Outbox outbox) {
        this.outbox = outbox;
    }

    /** A state change with an event, stored through the outbox as services do. */
    @PostMapping("/samples/public/{id}/happened")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void happened(@PathVariable String id) {
        outbox.insert(new Sample(id, "traced"), List.of(Sample.SAMPLE_HAPPENED.of(id, new Sample.SampleHappened(id, 1, false))));
    }

    @PostMapping("/samples/public")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@Valid @RequestBody CreateSample request) {
        // Rescaling is what made a huge exponent costly: done here, it would hang the request if bounds failed.
        return Map.of("name", request.name(), "fee", request.fee() == null ? "none" : request.fee().normalised().toString(),
                "ratio", request.ratio() == null ? "none" : request.ratio().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
    }

    @GetMapping("/samples/public")
    PageResponse<String> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                              @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return new PageResponse<>(List.of(), page, size, 0);
    }

    @GetMapping("/samples/public/{outcome}")
    Map<String, Object> fail(@PathVariable String outcome) {
        switch (outcome) {
            case "conflict" -> throw ProblemException.conflict("sample-taken", "That sample is taken.");
            case "rule" -> throw ProblemException.ruleViolated("sample-rule", "Samples need a name.");
            case "missing" -> throw ProblemException.notFound("sample", "s-404");
            case "boom" -> throw new IllegalStateException("secret internals");
            case "store-down" -> throw new org.springframework.dao.DataAccessResourceFailureException("Timed out after 30000 ms",
                    new com.mongodb.MongoTimeoutException("Timed out while waiting for a server at 127.0.0.1:27017"));
            default -> {
                return Map.of("outcome", outcome);
            }
        }
    }

    @GetMapping("/samples/mine")
    Map<String, Object> mine() {
        return Map.of("ok", true);
    }

    @GetMapping({"/samples/people/me", "/samples/accounts/me"})
    Map<String, Object> me(@org.springframework.security.core.annotation.AuthenticationPrincipal
                           org.springframework.security.oauth2.jwt.Jwt caller) {
        return Map.of("id", caller.getSubject());
    }

    @GetMapping("/samples/admin/report")
    Map<String, Object> report() {
        return Map.of("ok", true);
    }
}
