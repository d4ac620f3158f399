package coop.izek.support.security;

import java.util.List;
import java.util.Optional;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, read from the validated token: {@code sub} is the person id (or the client id of a partner
 * organisation's API client), {@code roles} the platform roles, {@code org} the partner's organisation id.
 */
public record Caller(String id, List<String> roles, Optional<String> organisationId, boolean emailVerified) {

    public static final String ROLES_CLAIM = "roles";
    public static final String ORGANISATION_CLAIM = "org";
    /** OpenID's claim: the person proved their address is theirs (absent for partner clients). */
    public static final String EMAIL_VERIFIED_CLAIM = "email_verified";

    public static Caller of(Jwt jwt) {
        var roles = jwt.getClaimAsStringList(ROLES_CLAIM);
        return new Caller(jwt.getSubject(), roles == null ? List.of() : List.copyOf(roles),
                Optional.ofNullable(jwt.getClaimAsString(ORGANISATION_CLAIM)), Boolean.TRUE.equals(jwt.getClaimAsBoolean(EMAIL_VERIFIED_CLAIM)));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
