package coop.izek.membership.identity.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

import coop.izek.membership.identity.Accounts;
import coop.izek.support.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;

/**
 * The pages the mailed links open: verifying an address, and choosing a new password. Plain, accessible HTML in the
 * person's language (tr, en, pl); the form carries a CSRF token like the sign-in page, and the link's own signed
 * token says whose password it is.
 */
@RestController
class AccountPages {

    private static final Map<String, Map<String, String>> TEXT = Map.of(
            "tr", Map.of("verified", "E-posta adresiniz doğrulandı. Artık oturum açabilirsiniz.",
                    "invalid", "Bu bağlantı geçerli değil: süresi dolmuş, kullanılmış ya da yenisi gönderilmiş olabilir. Yeni bir bağlantı isteyin.",
                    "choose", "Yeni parolanızı seçin", "password", "Yeni parola", "save", "Kaydet",
                    "saved", "Parolanız değiştirildi. Yeni parolanızla oturum açabilirsiniz.",
                    "rules", "En az 10 karakter, harf ve rakam içermeli."),
            "en", Map.of("verified", "Your email address is verified. You can sign in now.",
                    "invalid", "This link is not valid: it expired, was used, or a newer one was sent. Ask for a new one.",
                    "choose", "Choose a new password", "password", "New password", "save", "Save",
                    "saved", "Your password was changed. Sign in with your new password.",
                    "rules", "At least 10 characters, with letters and digits."),
            "pl", Map.of("verified", "Twój adres e-mail został potwierdzony. Możesz się teraz zalogować.",
                    "invalid", "Ten link jest nieważny: wygasł, został użyty albo wysłano nowszy. Poproś o nowy.",
                    "choose", "Wybierz nowe hasło", "password", "Nowe hasło", "save", "Zapisz",
                    "saved", "Hasło zostało zmienione. Zaloguj się nowym hasłem.",
                    "rules", "Co najmniej 10 znaków, litery i cyfry."));

    private final Accounts accounts;

    AccountPages(Accounts accounts) {
        this.accounts = accounts;
    }

    @SecurityRequirements
    @GetMapping("/account/verify-email")
    ResponseEntity<String> verify(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "tr") String lang) {
        try {
            var verification = accounts.verifyEmail(token);
            return page(HttpStatus.OK, verification.locale(), "verified", "<p>" + text(verification.locale(), "verified") + "</p>");
        } catch (ProblemException invalid) {
            return page(HttpStatus.BAD_REQUEST, lang, "invalid", "<p>" + text(lang, "invalid") + "</p>");
        }
    }

    @SecurityRequirements
    @GetMapping("/account/reset-password")
    ResponseEntity<String> resetForm(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "tr") String lang,
                                     HttpServletRequest request) {
        return page(HttpStatus.OK, lang, "choose", form(token, lang, request, null));
    }

    @SecurityRequirements
    @PostMapping(value = "/account/reset-password", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> reset(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String newPassword,
                                 @RequestParam(defaultValue = "tr") String lang, HttpServletRequest request) {
        try {
            accounts.resetPassword(token, newPassword);
            return page(HttpStatus.OK, lang, "saved", "<p>" + text(lang, "saved") + "</p>");
        } catch (ProblemException refused) {
            if ("/problems/link-invalid".equals(refused.type().toString())) {
                return page(HttpStatus.BAD_REQUEST, lang, "invalid", "<p>" + text(lang, "invalid") + "</p>");
            }
            return page(HttpStatus.UNPROCESSABLE_CONTENT, lang, "choose", form(token, lang, request, refused.getMessage()));
        }
    }

    private static String form(String token, String lang, HttpServletRequest request, String error) {
        var csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return (error == null ? "" : "<p role=\"alert\" class=\"error\">" + escape(error) + "</p>")
                + "<form method=\"post\" action=\"/account/reset-password\">"
                + "<input type=\"hidden\" name=\"token\" value=\"" + escape(token) + "\">"
                + "<input type=\"hidden\" name=\"lang\" value=\"" + escape(language(lang)) + "\">"
                + (csrf == null ? "" : "<input type=\"hidden\" name=\"" + escape(csrf.getParameterName()) + "\" value=\""
                        + escape(csrf.getToken()) + "\">")
                + "<p><label for=\"newPassword\">" + text(lang, "password") + "</label><br>"
                + "<input id=\"newPassword\" name=\"newPassword\" type=\"password\" autocomplete=\"new-password\" required"
                + " minlength=\"10\" aria-describedby=\"rules\"></p><p id=\"rules\">" + text(lang, "rules") + "</p>"
                + "<p><button type=\"submit\">" + text(lang, "save") + "</button></p></form>";
    }

    private static ResponseEntity<String> page(HttpStatus status, String lang, String title, String body) {
        var language = language(lang);
        var html = "<!doctype html><html lang=\"" + language + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>İZEK – " + text(language, title)
                + "</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}"
                + ".error{color:#a00000}input,button{font-size:1rem;padding:.5rem}</style></head><body><main><h1>İZEK</h1>"
                + body + "</main></body></html>";
        return ResponseEntity.status(status).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").body(html);
    }

    private static String text(String lang, String key) {
        var messages = TEXT.get(language(lang));
        return messages.getOrDefault(key, TEXT.get("en").getOrDefault(key, key));
    }

    private static String language(String lang) {
        return TEXT.containsKey(lang) ? lang : "tr";
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value == null ? "" : value);
    }
}
