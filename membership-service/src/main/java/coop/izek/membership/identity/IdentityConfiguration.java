package coop.izek.membership.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import coop.izek.support.security.ApiAuthorizationRules;
import coop.izek.support.security.TokenProperties;

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

    /** This service checks tokens against its own keys rather than fetching its own JWKS over HTTP. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, TokenProperties properties) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                (selector, context) -> selector.select(keys.all())));
        var decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.issuer())));
        return decoder;
    }

    @Bean
    ApiAuthorizationRules identityEndpoints() {
        return requests -> requests
                .requestMatchers("/api/auth/register", "/api/auth/login").permitAll()
                .requestMatchers("/api/membership/admin/**").hasRole("ADMIN");
    }
}
