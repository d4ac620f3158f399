package coop.izek.project.calls.web;

import java.time.LocalDate;
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

import coop.izek.project.calls.Calls;
import coop.izek.project.calls.Programme;
import coop.izek.support.money.Money;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/projects/calls")
@Validated
class CallController {

    record OpenCall(@NotNull Programme programme, @NotBlank @Size(max = 100) String reference, @NotBlank @Size(max = 300) String title,
                    @NotNull LocalDate deadline, @NotNull Money maxBudget) {
    }

    private final Calls calls;

    CallController(Calls calls) {
        this.calls = calls;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> open(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody OpenCall request) {
        return Map.of("id", calls.open(request.programme(), request.reference(), request.title(), request.deadline(), request.maxBudget(),
                caller.getSubject()));
    }

    @GetMapping
    PageResponse<Calls.CallView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return calls.page(page, size);
    }

    @GetMapping("/{id}")
    Calls.CallView get(@PathVariable String id) {
        return calls.find(id).orElseThrow(() -> ProblemException.notFound("call", id));
    }
}
