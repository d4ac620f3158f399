package coop.izek.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokensTest {

    final AtomicInteger fullChecks = new AtomicInteger();
    final AtomicBoolean revoked = new AtomicBoolean();
    final OAuth2TokenValidator<Jwt> validator = jwt -> revoked.get()
            ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token was revoked", null))
            : OAuth2TokenValidatorResult.success();
    /** Stands in for the signature check (the real one is in TokenChecksIntegrationTest): only "genuine-…" texts pass. */
    final JwtDecoder signatureCheck = token -> {
        fullChecks.incrementAndGet();
        if (!token.startsWith("genuine-")) {
            throw new BadJwtException("Signed JWT rejected: Invalid signature");
        }
        var result = validator.validate(jwt(token));
        if (result.hasErrors()) {
            throw new JwtValidationException("invalid", result.getErrors());
        }
        return jwt(token);
    };
    final VerifiedTokens tokens = new VerifiedTokens(signatureCheck, validator);

    @Test
    void shouldCheckTheSignatureOfATokenOnlyTheFirstTimeItIsUsed() {
        assertThat(tokens.decode("genuine-1").getSubject()).isEqualTo("p-genuine-1");
        assertThat(tokens.decode("genuine-1").getSubject()).isEqualTo("p-genuine-1");
        assertThat(tokens.decode("genuine-1").getSubject()).isEqualTo("p-genuine-1");

        assertThat(fullChecks).hasValue(1);
    }

    @Test
    void shouldCheckEveryOtherTextInFullEvenWhenItDiffersByOneCharacter() {
        tokens.decode("genuine-1");

        assertThatThrownBy(() -> tokens.decode("Genuine-1")).isInstanceOf(BadJwtException.class);
        tokens.decode("genuine-2");
        assertThat(fullChecks).hasValue(3);
    }

    @Test
    void shouldCheckTheClaimsOfARememberedTokenOnEveryUse() {
        tokens.decode("genuine-1");

        revoked.set(true);
        assertThatThrownBy(() -> tokens.decode("genuine-1")).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("revoked");
        revoked.set(false);
        tokens.decode("genuine-1");
        // A refused token is forgotten, so it was checked in full again.
        assertThat(fullChecks).hasValue(2);
    }

    @Test
    void shouldNotRememberATokenThatFailedItsCheck() {
        assertThatThrownBy(() -> tokens.decode("forged-1")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged-1")).isInstanceOf(BadJwtException.class);

        assertThat(fullChecks).hasValue(2);
    }

    private static Jwt jwt(String token) {
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("p-" + token)
                .issuedAt(Instant.now().minusSeconds(1)).expiresAt(Instant.now().plusSeconds(900)).build();
    }
}
