package coop.izek.portal.account;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import coop.izek.portal.api.PlatformApi;
import coop.izek.portal.api.Refusals;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A person's settings: how they hear from the cooperative (language, channels, quiet hours, per kind of message),
 * taking a copy of their data, and having it erased (after saying, on the form, that they understand it is final).
 */
@Controller
class SettingsPages {

    /** The kinds of message a person can choose about; security and cancellation messages always go. */
    enum Category {
        ACCOUNT, MEMBERSHIP, WORKSHOPS, REMINDERS, PROJECTS, SECURITY, CANCELLATIONS;

        public boolean alwaysGoes() {
            return this == SECURITY || this == CANCELLATIONS;
        }
    }

    static final List<String> CHANNELS = List.of("EMAIL", "IN_APP", "SMS");

    private final PlatformApi api;

    SettingsPages(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/me/settings")
    String settings(Model model) {
        var preferences = api.get("/api/notifications/preferences");
        model.addAttribute("preferences", preferences);
        model.addAttribute("wanted", wanted(preferences));
        model.addAttribute("categories", EnumSet.allOf(Category.class));
        model.addAttribute("channels", CHANNELS);
        return "me/settings";
    }

    /** For each kind of message and channel, whether the box is ticked: what the person chose, else yes. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Boolean>> wanted(Map<String, Object> preferences) {
        var chosen = preferences.get("categories") instanceof Map<?, ?> map ? (Map<String, Map<String, Object>>) map : Map.<String, Map<String, Object>>of();
        var wanted = new LinkedHashMap<String, Map<String, Boolean>>();
        for (var category : Category.values()) {
            var channels = new LinkedHashMap<String, Boolean>();
            for (var channel : CHANNELS) {
                channels.put(channel, category.alwaysGoes() ? !"SMS".equals(channel)
                        : !Boolean.FALSE.equals(chosen.getOrDefault(category.name(), Map.of()).get(channel)));
            }
            wanted.put(category.name(), channels);
        }
        return wanted;
    }

    /**
     * The form sends {@code channel=EMAIL}, … for the channels on and {@code EMAIL-WORKSHOPS}, … for each kind of
     * message wanted on a channel; what is not sent is off.
     */
    @PostMapping("/me/settings/preferences")
    String savePreferences(@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        var chosen = form.getOrDefault("channel", List.of());
        var channels = new LinkedHashMap<String, Boolean>();
        CHANNELS.forEach(channel -> channels.put(channel, chosen.contains(channel)));
        var categories = new LinkedHashMap<String, Map<String, Boolean>>();
        for (var category : Category.values()) {
            if (!category.alwaysGoes()) {
                var wanted = new LinkedHashMap<String, Boolean>();
                CHANNELS.forEach(channel -> wanted.put(channel, form.containsKey(channel + "-" + category)));
                categories.put(category.name(), wanted);
            }
        }
        var request = new LinkedHashMap<String, Object>();
        request.put("locale", form.getFirst("locale"));
        request.put("channels", channels);
        request.put("quietHours", Map.of("start", String.valueOf(form.getFirst("quietStart")), "end", String.valueOf(form.getFirst("quietEnd"))));
        request.put("categories", categories);
        var phone = form.getFirst("phone");
        if (phone != null && !phone.isBlank()) {
            request.put("phone", phone.replace(" ", ""));
        }
        Refusals.kept(redirect, "refused", () -> {
            api.put("/api/notifications/preferences", request);
            redirect.addFlashAttribute("saved", true);
        });
        return "redirect:/me/settings";
    }

    /** Everything the platform holds about the person, as the API gives it, to keep. */
    @GetMapping("/me/settings/my-data.json")
    ResponseEntity<byte[]> export() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("izek-my-data.json").build().toString())
                .body(api.bytes("/api/membership/people/me/export", MediaType.APPLICATION_JSON));
    }

    @PostMapping("/me/settings/erasure")
    String erase(@RequestParam(defaultValue = "false") boolean understood, HttpServletRequest request, RedirectAttributes redirect)
            throws ServletException {
        if (!understood) {
            redirect.addFlashAttribute("erasureNotConfirmed", true);
            return "redirect:/me/settings#erasure";
        }
        api.post("/api/membership/people/me/erasure", null);
        // The account is gone: so is this session.
        request.logout();
        request.getSession().invalidate();
        return "redirect:/?erased";
    }
}
