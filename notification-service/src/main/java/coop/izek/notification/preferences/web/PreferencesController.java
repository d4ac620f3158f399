package coop.izek.notification.preferences.web;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.notification.messages.Category;
import coop.izek.notification.messages.Channel;
import coop.izek.notification.preferences.PreferenceStore;
import coop.izek.notification.preferences.Preferences;
import coop.izek.support.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/notifications/preferences")
@Validated
class PreferencesController {

    private static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]";

    record QuietHoursRequest(@NotNull @Pattern(regexp = TIME, message = "must be HH:mm") String start,
                             @NotNull @Pattern(regexp = TIME, message = "must be HH:mm") String end) {
    }

    record PreferencesRequest(@NotNull @Pattern(regexp = "tr|en|pl", message = "must be tr, en or pl") String locale,
                              @NotNull Map<@NotNull Channel, @NotNull Boolean> channels,
                              @Valid QuietHoursRequest quietHours,
                              Map<@NotNull Category, @NotNull Map<@NotNull Channel, @NotNull Boolean>> categories,
                              @Pattern(regexp = "\\+[1-9][0-9]{7,14}", message = "must be an international number like +905321234567") String phone) {
    }

    private final PreferenceStore store;

    PreferencesController(PreferenceStore store) {
        this.store = store;
    }

    @GetMapping
    Preferences get(@AuthenticationPrincipal Jwt caller) {
        return store.of(caller.getSubject());
    }

    @PutMapping
    Preferences put(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody PreferencesRequest request) {
        var categories = request.categories() == null ? Map.<Category, Map<Channel, Boolean>>of() : request.categories();
        if (request.channels().containsKey(Channel.WEBHOOK) || categories.values().stream().anyMatch(c -> c.containsKey(Channel.WEBHOOK))) {
            throw ProblemException.ruleViolated("webhook-channel", "Webhooks are set up by partner organisations, not in personal preferences.");
        }
        categories.forEach((category, channels) -> {
            if (category.alwaysGoes() && channels.entrySet().stream().anyMatch(e -> e.getKey() != Channel.SMS && !e.getValue())) {
                throw ProblemException.ruleViolated("always-goes", category + " messages always go by email and in-app.");
            }
        });
        if (Boolean.TRUE.equals(request.channels().get(Channel.SMS)) && request.phone() == null) {
            throw ProblemException.ruleViolated("phone-required", "SMS needs a phone number.");
        }
        var channels = new EnumMap<Channel, Boolean>(Channel.class);
        for (var channel : new Channel[] {Channel.EMAIL, Channel.IN_APP, Channel.SMS}) {
            channels.put(channel, request.channels().getOrDefault(channel, channel != Channel.SMS));
        }
        var quiet = request.quietHours() == null ? null : new Preferences.QuietHours(request.quietHours().start(), request.quietHours().end());
        return store.save(new Preferences(caller.getSubject(), request.locale(), channels,
                quiet == null ? store.of(caller.getSubject()).quietHours() : quiet, Map.copyOf(categories), request.phone()));
    }
}
