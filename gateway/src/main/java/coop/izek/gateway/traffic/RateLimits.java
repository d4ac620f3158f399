package coop.izek.gateway.traffic;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests a caller may make, counted in fixed windows. A request with a valid token counts against its
 * client (the token's subject: a person or a partner's API client); one without against its address. Sign-in,
 * registration, password reset and the token endpoint also count against a stricter budget per address.
 *
 * @param store      {@code memory} for a single gateway, {@code redis} for several sharing one budget
 *                   ({@code spring.data.redis.*})
 * @param perClient  budget per client
 * @param perAddress budget per address for requests without a token
 * @param sensitive  budget per address on {@code sensitivePaths} (the gateway's application.yml sets it lower)
 */
@ConfigurationProperties("izek.gateway.rate-limits")
public record RateLimits(@DefaultValue("true") boolean enabled,
                         @DefaultValue("memory") String store,
                         @DefaultValue Limit perClient,
                         @DefaultValue Limit perAddress,
                         @DefaultValue Limit sensitive,
                         @DefaultValue({"/api/auth/login", "/api/auth/register", "/api/auth/password-reset", "/api/auth/password-reset/**",
                                 "/api/auth/verification-email", "/oauth2/token"}) List<String> sensitivePaths) {

    /** {@code requests} per {@code window}. */
    public record Limit(@DefaultValue("300") long requests, @DefaultValue("1m") Duration window) {
    }
}
