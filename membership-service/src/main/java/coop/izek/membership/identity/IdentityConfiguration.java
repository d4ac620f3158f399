package coop.izek.membership.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import coop.izek.support.security.ApiAuthorizationRules;
import coop.izek.support.security.PlatformTokens;
import coop.izek.support.security.RevokedTokens;
import coop.izek.support.security.TokenProperties;
import coop.izek.support.security.VerifiedTokens;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    /** bcrypt today, behind the delegating encoder so stored hashes can move to a stronger scheme later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Every active key: the authorization server publishes their public halves at /oauth2/jwks. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return (selector, context) -> selector.select(keys.all());
    }

    /** Signs with the current key only, whoever asks (the login API or the authorization server's token endpoint). */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.current())));
    }

    /**
     * This service checks tokens against its own keys rather than fetching its own JWKS over HTTP, with the same rules
     * as every other service ({@link PlatformTokens}); the type is checked there, so Nimbus lets {@code at+jwt} through.
     */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, TokenProperties properties, RevokedTokens revoked) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                (selector, context) -> selector.select(keys.all())));
        processor.setJWSTypeVerifier((type, context) -> { });
        var validator = PlatformTokens.validator(properties, revoked);
        var decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator);
        return new VerifiedTokens(decoder, validator);
    }

    @Bean
    ApiAuthorizationRules identityEndpoints() {
        return requests -> requests
                .requestMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login", "/api/auth/email-verification",
                        "/api/auth/password-reset", "/api/auth/password-reset/confirm").permitAll()
                .requestMatchers("/api/auth/verification-email", "/api/auth/password").access(ApiAuthorizationRules.signedIn())
                .requestMatchers("/api/membership/admin/**").hasRole("ADMIN");
    }
}
