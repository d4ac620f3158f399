package coop.izek.membership.identity;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import coop.izek.support.security.Caller;
import coop.izek.support.security.TokenProperties;

/**
 * The platform's RS256 access tokens, for {@code /api/auth/login} and (through the authorization server's token
 * customizer) for the OAuth2 flows alike: {@code sub} is the person id, {@code roles} the platform roles, worked out
 * when the token is issued.
 */
@Component
class Tokens {

    private final JwtEncoder encoder;
    private final People people;
    private final List<RoleSource> roleSources;
    private final TokenProperties tokenProperties;
    private final IdentityProperties identity;
    private final Clock clock;

    Tokens(JwtEncoder encoder, People people, List<RoleSource> roleSources, TokenProperties tokenProperties,
           IdentityProperties identity, Clock clock) {
        this.encoder = encoder;
        this.people = people;
        this.roleSources = roleSources;
        this.tokenProperties = tokenProperties;
        this.identity = identity;
        this.clock = clock;
    }

    AccessToken issueFor(Person person) {
        var now = clock.instant();
        var claims = JwtClaimsSet.builder()
                .issuer(tokenProperties.issuer())
                .subject(person.id())
                .issuedAt(now)
                .expiresAt(now.plus(identity.tokenLifetime()));
        personClaims(person).forEach(claims::claim);
        var header = JwsHeader.with(SignatureAlgorithm.RS256).type("JWT").build();
        return new AccessToken(encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue(),
                identity.tokenLifetime());
    }

    /** Claims about a person every token of theirs carries. */
    Map<String, Object> personClaims(Person person) {
        var roles = EnumSet.noneOf(Role.class);
        roles.addAll(person.roles());
        roleSources.forEach(source -> roles.addAll(source.rolesOf(person.id())));
        return Map.of(
                Caller.ROLES_CLAIM, roles.stream().map(Enum::name).toList(),
                "name", person.fullName(),
                "locale", person.locale());
    }

    Map<String, Object> personClaims(String personId) {
        return people.findById(personId).map(this::personClaims).orElse(Map.of(Caller.ROLES_CLAIM, List.of()));
    }
}
