package coop.izek.support.deadletters;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.support.security.Caller;
import coop.izek.support.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Staff's view of the records this service's consumers gave up on: list, read, fix, replay, discard. */
@RestController
@RequestMapping("${izek.dead-letters.path}")
@Validated
class DeadLetterController {

    record FixRequest(@Size(max = 50) Map<@NotBlank @Size(max = 200) String, @Size(max = 2_000) String> headers,
                      String value) {
    }

    record DiscardRequest(@NotBlank @Size(max = 2_000) String reason) {
    }

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    PageResponse<DeadLetters.View> list(@RequestParam(required = false) DeadLetters.Status status,
                                        @RequestParam(required = false) @Size(max = 200) String topic,
                                        @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                                        @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return deadLetters.list(status, topic, page, size);
    }

    @GetMapping("/{id}")
    DeadLetters.View get(@PathVariable String id) {
        return deadLetters.find(id);
    }

    @PatchMapping("/{id}")
    DeadLetters.View fix(@AuthenticationPrincipal Jwt caller, @PathVariable String id, @Valid @RequestBody FixRequest request) {
        return deadLetters.fix(id, new DeadLetters.Fix(request.headers(), request.value()), Caller.of(caller));
    }

    @PostMapping("/{id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeadLetters.View replay(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return deadLetters.replay(id, Caller.of(caller));
    }

    @PostMapping("/{id}/discard")
    DeadLetters.View discard(@AuthenticationPrincipal Jwt caller, @PathVariable String id, @Valid @RequestBody DiscardRequest request) {
        return deadLetters.discard(id, request.reason(), Caller.of(caller));
    }
}
