package coop.izek.support.security;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the platform's tokens come from.
 *
 * @param issuer    the {@code iss} every token must carry: the public address of the platform
 * @param jwkSetUri where the signing keys are published (membership-service's {@code /oauth2/jwks})
 * @param audience  the {@code aud} of access tokens for the platform's API
 * @param revocationWindow how far back revocations are read at start: longer than any token lives (15 min) plus skew
 */
@ConfigurationProperties("izek.security")
public record TokenProperties(
        @DefaultValue("http://localhost:8080") String issuer,
        @DefaultValue("http://127.0.0.1:8081/oauth2/jwks") URI jwkSetUri,
        @DefaultValue("izek-api") String audience,
        @DefaultValue("20m") java.time.Duration revocationWindow) {
}
