package coop.izek.gateway;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;

import reactor.core.publisher.Mono;

/**
 * Every bearer token that comes in is checked here (signature against membership-service's keys, issuer, expiry):
 * a bad one is turned away with 401 before it reaches a service. Requests without a token pass on, since which paths
 * are public is each service's business, and each service checks tokens again.
 */
@Configuration(proxyBeanMethods = false)
class TokenCheck {

    static final String ACCESS_TOKEN_TYPE = "at+jwt";

    /**
     * @param issuer    the {@code iss} platform tokens carry
     * @param jwkSetUri membership-service's published keys
     * @param audience  the {@code aud} of access tokens for the platform's API
     */
    @ConfigurationProperties("izek.security")
    record TokenProperties(@DefaultValue("http://localhost:8080") String issuer,
                           @DefaultValue("http://127.0.0.1:8081/oauth2/jwks") URI jwkSetUri,
                           @DefaultValue("izek-api") String audience) {
    }

    /**
     * As every service checks them (service-support's PlatformTokens, which this reactive gateway does not carry):
     * signature, issuer, expiry, an access token ({@code typ: at+jwt}) for the platform's audience. An OpenID ID token
     * signed by the same key is not one.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(TokenProperties properties) {
        var decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).validateType(false).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(properties.issuer()),
                new JwtTypeValidator(ACCESS_TOKEN_TYPE), new JwtAudienceValidator(properties.audience())));
        return decoder;
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http) {
        ServerAuthenticationEntryPoint rejected = (exchange, e) -> {
            exchange.getResponse().getHeaders().set("WWW-Authenticate",
                    "Bearer error=\"invalid_token\", error_description=\"The token is invalid or expired\"");
            return Mono.error(new org.springframework.web.server.ResponseStatusException(HttpStatus.UNAUTHORIZED));
        };
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .headers(headers -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> { }).authenticationEntryPoint(rejected))
                .build();
    }
}
