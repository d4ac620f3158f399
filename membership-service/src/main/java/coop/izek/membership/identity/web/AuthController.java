package coop.izek.membership.identity.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import coop.izek.membership.identity.Accounts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
class AuthController {

    record RegisterRequest(
            @NotBlank @Email(regexp = ".+@.+\\..+", message = "must be a valid email address") @Size(max = 254) String email,
            @NotBlank @Size(max = 128) String password,
            @NotBlank @Size(max = 200) String fullName,
            @Size(min = 2, max = 2) String locale) {
    }

    record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {
    }

    private final Accounts identity;

    AuthController(Accounts identity) {
        this.identity = identity;
    }

    @PostMapping("/api/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> register(@Valid @RequestBody RegisterRequest request) {
        return Map.of("personId", identity.register(request.email(), request.password(), request.fullName(), request.locale(), List.of()));
    }

    @PostMapping("/api/auth/login")
    Map<String, Object> login(@Valid @RequestBody LoginRequest request) {
        var token = identity.login(request.email(), request.password());
        return Map.of("access_token", token.value(), "token_type", "Bearer", "expires_in", token.lifetime().toSeconds());
    }
}
