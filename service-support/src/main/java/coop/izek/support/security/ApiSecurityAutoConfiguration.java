package coop.izek.support.security;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

import coop.izek.support.web.ProblemWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service is an OAuth2 resource server for the platform's tokens: stateless, bearer tokens only, roles from
 * the {@code roles} claim as {@code ROLE_*} authorities, and 401/403 as problems.
 */
@AutoConfiguration
@EnableConfigurationProperties(TokenProperties.class)
public class ApiSecurityAutoConfiguration {

    /** On the system clock, as token expiry is checked: how long a revocation matters depends on how long tokens live. */
    @Bean
    RevokedTokens revokedTokens(KafkaProperties kafka, TokenProperties properties, JsonMapper json) {
        return new RevokedTokens(kafka.buildConsumerProperties(), properties.revocationWindow(), Clock.systemUTC(), json);
    }

    /** Each token's signature once, its claims on every use. */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(TokenProperties properties, RevokedTokens revoked) {
        var validator = PlatformTokens.validator(properties, revoked);
        return new VerifiedTokens(PlatformTokens.fullCheck(properties, validator), validator);
    }

    /**
     * The last chain: services may put their own chains before it (membership-service's authorization server does),
     * for paths this one should not see.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    @ConditionalOnMissingBean(name = "apiSecurity")
    SecurityFilterChain apiSecurity(HttpSecurity http, List<ApiAuthorizationRules> rules, ProblemWriter problems) throws Exception {
        var handlers = new ProblemSecurityHandlers(problems);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> { })
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/info",
                            "/actuator/prometheus").permitAll();
                    rules.forEach(rule -> rule.configure(requests));
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim()))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
        return http.build();
    }

    static Converter<Jwt, AbstractAuthenticationToken> rolesFromClaim() {
        return jwt -> {
            var roles = jwt.getClaimAsStringList(Caller.ROLES_CLAIM);
            var authorities = (roles == null ? List.<String>of() : roles).stream()
                    .map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        };
    }
}
