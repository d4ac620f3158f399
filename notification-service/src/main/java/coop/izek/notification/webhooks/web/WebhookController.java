package coop.izek.notification.webhooks.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

import coop.izek.notification.webhooks.Webhooks;
import coop.izek.support.security.Caller;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** A partner organisation's own webhooks; another organisation's do not exist for it. */
@RestController
@RequestMapping("/api/notifications/webhooks")
@Validated
class WebhookController {

    record Registration(@NotBlank @Size(max = 2000) String url, @NotEmpty @Size(max = 20) List<@NotBlank String> eventTypes) {
    }

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping
    ResponseEntity<Webhooks.Registered> register(@AuthenticationPrincipal Jwt token, @Valid @RequestBody Registration registration) {
        var caller = Caller.of(token);
        var registered = webhooks.register(organisation(caller), caller.id(), registration.url(), registration.eventTypes());
        return ResponseEntity.created(URI.create("/api/notifications/webhooks/" + registered.id())).body(registered);
    }

    @GetMapping
    List<Webhooks.View> list(@AuthenticationPrincipal Jwt token) {
        return webhooks.list(organisation(Caller.of(token)));
    }

    @GetMapping("/{id}")
    Webhooks.View get(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return webhooks.get(organisation(Caller.of(token)), id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        webhooks.remove(organisation(Caller.of(token)), id);
    }

    @PostMapping("/{id}/enable")
    Webhooks.View enable(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return webhooks.enable(organisation(Caller.of(token)), id);
    }

    /** A new signing secret, shown once; the old one keeps signing beside it for the grace period. */
    @PostMapping("/{id}/secret/rotation")
    Webhooks.Rotated rotateSecret(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return webhooks.rotateSecret(organisation(Caller.of(token)), id);
    }

    /** The delivery log: every attempt, newest first, with the receiver's answer or the error. */
    @GetMapping("/{id}/deliveries")
    PageResponse<Webhooks.Attempt> deliveries(@AuthenticationPrincipal Jwt token, @PathVariable String id,
                                              @RequestParam(defaultValue = "0") @Min(0) int page,
                                              @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return webhooks.attempts(organisation(Caller.of(token)), id, page, size);
    }

    private static String organisation(Caller caller) {
        return caller.organisationId().orElseThrow(() -> ProblemException.forbidden("Webhooks belong to a partner organisation's API client."));
    }
}
