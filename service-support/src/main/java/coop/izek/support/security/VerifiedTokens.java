package coop.izek.support.security;

import java.time.Duration;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Checks each token's signature once. A client sends the same token with every call for as long as it lives, and
 * parsing it and checking its RSA signature was the largest part of the security cost per request; so a token that
 * passed is remembered by its exact text, and only its claims are checked again on each later use (expiry, revocation,
 * issuer, audience, type). Any other text, a tampered copy included, goes through the full check.
 */
public final class VerifiedTokens implements JwtDecoder {

    /** Past the longest token life (15 min), after which a remembered token would fail its expiry check anyway. */
    private static final Duration REMEMBERED_FOR = Duration.ofMinutes(20);
    private static final long MOST_REMEMBERED = 20_000;

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(MOST_REMEMBERED).expireAfterWrite(REMEMBERED_FOR).build();

    /**
     * @param decoder   the full check: signature and {@code validator}
     * @param validator the claims check the decoder runs, run again on every use of a remembered token
     */
    public VerifiedTokens(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        this.decoder = decoder;
        this.validator = validator;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        var known = verified.getIfPresent(token);
        if (known == null) {
            var jwt = decoder.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        var result = validator.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return known;
    }
}
