package coop.izek.membership.identity.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import coop.izek.membership.identity.Accounts;
import coop.izek.membership.identity.ClientAddress;
import coop.izek.support.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.constraints.Size;

@RestController
class AuthController {

    /** Said to everyone who registers or asks for a reset, whether or not the address has an account. */
    static final Notice CHECK_YOUR_MAIL = new Notice("CHECK_YOUR_MAIL",
            "If this address can be used, a message with a link is on its way to it. The link is valid for a while and works once.");

    /** What happened, for people (the same whatever the address, where that must not tell). */
    record Notice(String status, String message) {
    }

    /** An access token, in OAuth2's own shape (RFC 6749 §5.1). */
    record SignedIn(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
                    @JsonProperty("expires_in") long expiresIn) {
    }

    record VerificationStatus(String status) {
    }

    record RegisterRequest(
            @NotBlank @Email(regexp = ".+@.+\\..+", message = "must be a valid email address") @Size(max = 254) String email,
            @NotBlank @Size(max = 128) String password,
            @NotBlank @Size(max = 200) String fullName,
            @Size(min = 2, max = 2) String locale) {
    }

    record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {
    }

    record LinkToken(@NotBlank @Size(max = 1000) String token) {
    }

    record ResetRequest(@NotBlank @Email(regexp = ".+@.+\\..+", message = "must be a valid email address") @Size(max = 254) String email) {
    }

    record NewPassword(@NotBlank @Size(max = 1000) String token, @NotBlank @Size(max = 128) String newPassword) {
    }

    record PasswordChange(@NotBlank @Size(max = 128) String currentPassword, @NotBlank @Size(max = 128) String newPassword) {
    }

    private final Accounts accounts;
    private final ClientAddress clientAddress;

    AuthController(Accounts accounts, ClientAddress clientAddress) {
        this.accounts = accounts;
        this.clientAddress = clientAddress;
    }

    /** 202 whatever the address: an account is created, or its owner is told; a verification link is mailed either way. */
    @SecurityRequirements
    @PostMapping("/api/auth/register")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Notice register(@Valid @RequestBody RegisterRequest request) {
        accounts.register(request.email(), request.password(), request.fullName(), request.locale());
        return CHECK_YOUR_MAIL;
    }

    @SecurityRequirements
    @PostMapping("/api/auth/login")
    SignedIn login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        var token = accounts.login(request.email(), request.password(), clientAddress.of(http));
        return new SignedIn(token.value(), "Bearer", token.lifetime().toSeconds());
    }

    /** The verification link's token, for clients that post it (the mailed link opens a page that does the same). */
    @SecurityRequirements
    @PostMapping("/api/auth/email-verification")
    VerificationStatus verifyEmail(@Valid @RequestBody LinkToken request) {
        var verification = accounts.verifyEmail(request.token());
        return new VerificationStatus(verification.alreadyVerified() ? "ALREADY_VERIFIED" : "VERIFIED");
    }

    /** A signed-in person whose address is not verified yet asks for another link (at most one per two minutes). */
    @PostMapping("/api/auth/verification-email")
    ResponseEntity<Notice> resendVerification(@AuthenticationPrincipal Jwt caller) {
        if (Boolean.TRUE.equals(caller.getClaimAsBoolean("email_verified"))) {
            throw ProblemException.conflict("already-verified", "Your address is verified already.");
        }
        var wait = accounts.sendVerification(caller.getSubject());
        if (wait.isPresent()) {
            throw ProblemException.tooManyRequests("verification-sent-recently", "A link was sent a moment ago; try again in "
                    + Math.max(1, wait.get().toSeconds()) + " seconds.", wait.get());
        }
        return ResponseEntity.accepted().header(HttpHeaders.CACHE_CONTROL, "no-store").body(CHECK_YOUR_MAIL);
    }

    @PostMapping("/api/auth/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody PasswordChange request, HttpServletRequest http) {
        accounts.changePassword(caller.getSubject(), request.currentPassword(), request.newPassword(), clientAddress.of(http));
    }

    /** 202 whatever the address: a verified account's owner gets a reset link, nobody else gets anything. */
    @SecurityRequirements
    @PostMapping("/api/auth/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Notice requestReset(@Valid @RequestBody ResetRequest request) {
        accounts.requestPasswordReset(request.email());
        return CHECK_YOUR_MAIL;
    }

    @SecurityRequirements
    @PostMapping("/api/auth/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset(@Valid @RequestBody NewPassword request) {
        accounts.resetPassword(request.token(), request.newPassword());
    }
}
