package coop.izek.membership.identity.web;

import static java.util.Map.entry;

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
 * The sign-in page of the authorization code flow, and the pages the mailed links open: verifying an address, and
 * choosing a new password. Plain, accessible HTML in the
 * person's language (tr, en, pl); the form carries a CSRF token like the sign-in page, and the link's own signed
 * token says whose password it is.
 */
@RestController
class AccountPages {

    private static final Map<String, Map<String, String>> TEXT = Map.of(
            "tr", Map.ofEntries(entry("verified", "E-posta adresiniz doğrulandı. Artık oturum açabilirsiniz."),
                    entry("invalid", "Bu bağlantı geçerli değil: süresi dolmuş, kullanılmış ya da yenisi gönderilmiş olabilir. Yeni bir bağlantı isteyin."),
                    entry("choose", "Yeni parolanızı seçin"), entry("password", "Yeni parola"), entry("save", "Kaydet"),
                    entry("saved", "Parolanız değiştirildi. Yeni parolanızla oturum açabilirsiniz."),
                    entry("rules", "En az 10 karakter, harf ve rakam içermeli."),
                    entry("signIn", "Oturum aç"), entry("email", "E-posta adresi"), entry("currentPassword", "Parola"),
                    entry("failed", "E-posta adresi ya da parola yanlış, ya da çok sayıda deneme yapıldı. Biraz sonra yeniden deneyin."),
                    entry("signedOut", "Oturumunuz kapatıldı."), entry("register", "Hesabınız yok mu? Kayıt olun"),
                    entry("forgot", "Parolanızı mı unuttunuz?")),
            "en", Map.ofEntries(entry("verified", "Your email address is verified. You can sign in now."),
                    entry("invalid", "This link is not valid: it expired, was used, or a newer one was sent. Ask for a new one."),
                    entry("choose", "Choose a new password"), entry("password", "New password"), entry("save", "Save"),
                    entry("saved", "Your password was changed. Sign in with your new password."),
                    entry("rules", "At least 10 characters, with letters and digits."),
                    entry("signIn", "Sign in"), entry("email", "Email address"), entry("currentPassword", "Password"),
                    entry("failed", "The email address or password is wrong, or there were too many attempts. Try again a little later."),
                    entry("signedOut", "You are signed out."), entry("register", "No account yet? Register"),
                    entry("forgot", "Forgot your password?")),
            "pl", Map.ofEntries(entry("verified", "Twój adres e-mail został potwierdzony. Możesz się teraz zalogować."),
                    entry("invalid", "Ten link jest nieważny: wygasł, został użyty albo wysłano nowszy. Poproś o nowy."),
                    entry("choose", "Wybierz nowe hasło"), entry("password", "Nowe hasło"), entry("save", "Zapisz"),
                    entry("saved", "Hasło zostało zmienione. Zaloguj się nowym hasłem."),
                    entry("rules", "Co najmniej 10 znaków, litery i cyfry."),
                    entry("signIn", "Zaloguj się"), entry("email", "Adres e-mail"), entry("currentPassword", "Hasło"),
                    entry("failed", "Nieprawidłowy adres e-mail lub hasło albo zbyt wiele prób. Spróbuj ponownie za chwilę."),
                    entry("signedOut", "Wylogowano."), entry("register", "Nie masz konta? Zarejestruj się"),
                    entry("forgot", "Nie pamiętasz hasła?")));

    /** The language the portal's reader chose (its cookie, on the same site), else the browser's, else Turkish. */
    private static final String LANGUAGE_COOKIE = "IZEK_LANG";

    private final Accounts accounts;

    AccountPages(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The sign-in page of the authorization code flow: the portal sends people here, and here they come back to it. */
    @SecurityRequirements
    @GetMapping("/login")
    ResponseEntity<String> signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                                  HttpServletRequest request) {
        var lang = chosenLanguage(request);
        var csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        var body = (error != null ? "<p role=\"alert\" class=\"error\">" + text(lang, "failed") + "</p>" : "")
                + (logout != null ? "<p role=\"status\">" + text(lang, "signedOut") + "</p>" : "")
                + "<h2>" + text(lang, "signIn") + "</h2>"
                + "<form method=\"post\" action=\"/login\">"
                + (csrf == null ? "" : "<input type=\"hidden\" name=\"" + escape(csrf.getParameterName()) + "\" value=\""
                        + escape(csrf.getToken()) + "\">")
                + "<p><label for=\"username\">" + text(lang, "email") + "</label><br>"
                + "<input id=\"username\" name=\"username\" type=\"email\" autocomplete=\"username\" required autofocus></p>"
                + "<p><label for=\"password\">" + text(lang, "currentPassword") + "</label><br>"
                + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>"
                + "<p><button type=\"submit\">" + text(lang, "signIn") + "</button></p></form>"
                + "<p><a href=\"/register\">" + text(lang, "register") + "</a></p>"
                + "<p><a href=\"/forgot-password\">" + text(lang, "forgot") + "</a></p>";
        return page(HttpStatus.OK, lang, "signIn", body);
    }

    private static String chosenLanguage(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (var cookie : request.getCookies()) {
                if (LANGUAGE_COOKIE.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().length() >= 2) {
                    return language(cookie.getValue().substring(0, 2).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return request.getHeader("Accept-Language") == null ? "tr" : language(request.getLocale().getLanguage());
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
                + ".error{color:#a00000}input,button{font-size:1rem;padding:.5rem;min-height:44px}input{width:100%;box-sizing:border-box}"
                + "a{color:#0b5a6b}</style></head><body><main><h1>İZEK</h1>"
                + body + "</main></body></html>";
        return ResponseEntity.status(status).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                // same-origin: a link's token never leaves in a Referer, yet the forms' POSTs keep their Origin (with
                // no-referrer a browser sends Origin: null, which the gateway refuses as a cross-site request).
                .header("Cache-Control", "no-store").header("Referrer-Policy", "same-origin").body(html);
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
