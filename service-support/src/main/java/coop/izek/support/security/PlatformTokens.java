package coop.izek.support.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * What makes a platform access token acceptable, wherever it is checked: a known signature (checked by the decoder),
 * the platform's issuer, not expired, an access token ({@code typ: at+jwt}, RFC 9068) for the platform's API
 * ({@code aud}), so an OpenID ID token signed by the same key is not taken for one; and not revoked.
 */
public final class PlatformTokens {

    /** The JOSE type of every platform access token. */
    public static final String ACCESS_TOKEN_TYPE = "at+jwt";

    private PlatformTokens() {
    }

    public static OAuth2TokenValidator<Jwt> validator(TokenProperties properties, RevokedTokens revoked) {
        // With a type validator given, the defaults (expiry, not-before) are added without their "typ: JWT" one.
        return JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(properties.issuer()),
                new JwtTypeValidator(ACCESS_TOKEN_TYPE),
                new JwtAudienceValidator(properties.audience()),
                notRevoked(revoked));
    }

    /**
     * The full check of a token: its signature against the platform's published keys, then {@code validator}. The type
     * is left to {@link #validator}, which wants {@code at+jwt} rather than Nimbus's plain JWT.
     */
    public static NimbusJwtDecoder fullCheck(TokenProperties properties, OAuth2TokenValidator<Jwt> validator) {
        var decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).validateType(false).build();
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> notRevoked(RevokedTokens revoked) {
        var error = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token was revoked", null);
        return jwt -> revoked.accepts(jwt.getSubject(), jwt.getIssuedAt())
                ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(error);
    }
}
