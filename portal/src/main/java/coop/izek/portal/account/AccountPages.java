package coop.izek.portal.account;

import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import coop.izek.portal.api.ApiProblem;
import coop.izek.portal.api.PlatformApi;

/**
 * Opening an account and asking for a new password. Both answer the same way whether or not the address is known
 * (the API does too), and the mail does the rest: a verification link, or a link to choose a new password.
 */
@Controller
class AccountPages {

    private final PlatformApi api;

    AccountPages(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/register")
    String registration() {
        return "account/register";
    }

    @PostMapping("/register")
    String register(@RequestParam(defaultValue = "") String fullName, @RequestParam(defaultValue = "") String email,
                    @RequestParam(defaultValue = "") String password, Locale locale, Model model) {
        try {
            api.post("/api/auth/register", Map.of("fullName", fullName.strip(), "email", email.strip(), "password", password,
                    "locale", locale.getLanguage()));
            model.addAttribute("email", email.strip());
            return "account/check-mail";
        } catch (ApiProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            model.addAttribute("refused", refused);
            model.addAttribute("fullName", fullName);
            model.addAttribute("email", email);
            return "account/register";
        }
    }

    @GetMapping("/forgot-password")
    String forgotten() {
        return "account/forgot-password";
    }

    @PostMapping("/forgot-password")
    String forgot(@RequestParam(defaultValue = "") String email, Model model) {
        try {
            api.post("/api/auth/password-reset", Map.of("email", email.strip()));
            model.addAttribute("email", email.strip());
            return "account/check-mail";
        } catch (ApiProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            model.addAttribute("refused", refused);
            model.addAttribute("email", email);
            return "account/forgot-password";
        }
    }
}
