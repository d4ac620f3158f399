package coop.izek.gateway.security;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import coop.izek.gateway.errors.Problems;
import reactor.core.publisher.Mono;

/**
 * Every bearer token that comes in is checked here (signature against membership-service's keys, issuer, expiry,
 * type, audience): a bad one is turned away with 401 before it reaches a service, and each service checks it again.
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
     * signed by the same key is not one. Each token's signature once, its claims on every use.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(TokenProperties properties) {
        var validator = JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(properties.issuer()),
                new JwtTypeValidator(ACCESS_TOKEN_TYPE), new JwtAudienceValidator(properties.audience()));
        var decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).validateType(false).build();
        decoder.setJwtValidator(validator);
        return new VerifiedTokens(decoder, validator);
    }

    /**
     * Coarse rules by path, before any service: staff-only and partner-only prefixes (the services decide everything
     * finer). Everything else passes on, with or without a token, since which paths are public is each service's
     * business. Security headers go on every answer that does not set its own.
     */
    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, AccessRules rules, CorsConfigurationSource cors,
                                           MetricsScrapeProperties scrape) {
        ServerAuthenticationEntryPoint rejected = (exchange, e) -> {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", exchange.getRequest().getHeaders().containsHeader("Authorization")
                    ? "Bearer error=\"invalid_token\", error_description=\"The token is invalid or expired\"" : "Bearer");
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", exchange.getRequest().getHeaders()
                    .containsHeader("Authorization") ? "The bearer token is invalid or has expired." : "This needs a bearer token.");
        };
        ServerAccessDeniedHandler denied = (exchange, e) -> Problems.write(exchange, HttpStatus.FORBIDDEN, "forbidden",
                "This is not open to your role.");
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .cors(spec -> spec.configurationSource(cors))
                .headers(headers -> headers
                        .cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable)
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .hsts(hsts -> hsts.maxAge(java.time.Duration.ofDays(365)).includeSubdomains(true)))
                .authorizeExchange(exchanges -> exchanges
                        // The gateway's own actuator: health for everyone, metrics and the rest for staff.
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/actuator/prometheus").access(scrapeOrStaff(scrape))
                        .pathMatchers("/actuator/**").hasRole("ADMIN")
                        .pathMatchers(rules.staffOnly().toArray(String[]::new)).hasRole("ADMIN")
                        .pathMatchers(rules.partnerOnly().toArray(String[]::new)).hasRole("PARTNER")
                        .anyExchange().permitAll())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(rejected).accessDeniedHandler(denied))
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(TokenCheck::authentication))
                        .authenticationEntryPoint(rejected).accessDeniedHandler(denied))
                .build();
    }

    /** Prometheus with the scrape password, or a staff token. */
    private static ReactiveAuthorizationManager<AuthorizationContext> scrapeOrStaff(MetricsScrapeProperties scrape) {
        return new ReactiveAuthorizationManager<>() {
            @Override
            public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
                if (scrape.accepts(context.getExchange().getRequest().getHeaders().getFirst("Authorization"))) {
                    return Mono.just(new AuthorizationDecision(true));
                }
                return authentication.map(a -> (AuthorizationResult) new AuthorizationDecision(a.getAuthorities().stream()
                        .anyMatch(granted -> "ROLE_ADMIN".equals(granted.getAuthority())))).defaultIfEmpty(new AuthorizationDecision(false));
            }
        };
    }

    /** For pages served through the gateway that set none of their own: same-origin everything, never framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** The platform's roles claim as Spring Security authorities ({@code ROLE_ADMIN}, {@code ROLE_PARTNER} …). */
    private static Mono<AbstractAuthenticationToken> authentication(Jwt jwt) {
        var roles = jwt.getClaimAsStringList("roles");
        var authorities = (roles == null ? java.util.List.<String>of() : roles).stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }

    @Bean
    CorsConfigurationSource corsConfiguration(CorsProperties properties) {
        var configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(properties.allowedOrigins());
        configuration.setAllowedMethods(java.util.List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        configuration.setAllowedHeaders(java.util.List.of("Authorization", "Content-Type", "Accept", "Accept-Language", "X-Request-Id",
                "Last-Event-ID", "Idempotency-Key"));
        configuration.setExposedHeaders(java.util.List.of("X-Request-Id", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
                "RateLimit-Reset", "Location", "Idempotent-Replayed"));
        configuration.setMaxAge(600L);
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }
}
