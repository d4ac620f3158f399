package coop.izek.membership.identity;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import coop.izek.support.security.Caller;
import coop.izek.support.security.PlatformTokens;
import coop.izek.support.security.TokenProperties;

/**
 * The platform's RS256 access tokens, for {@code /api/auth/login} and (through the authorization server's token
 * customizer) for the OAuth2 flows alike: {@code sub} is the person id, {@code roles} the platform roles, worked out
 * when the token is issued.
 */
@Component
class Tokens {

    /** The {@code client_id} of tokens from the first-party login API (RFC 9068 wants one in every access token). */
    static final String LOGIN_CLIENT = "izek-login";

    private final JwtEncoder encoder;
    private final People people;
    private final List<RoleSource> roleSources;
    private final List<Affiliations> affiliations;
    private final TokenProperties tokenProperties;
    private final IdentityProperties identity;
    private final Clock clock;

    Tokens(JwtEncoder encoder, People people, List<RoleSource> roleSources, List<Affiliations> affiliations,
           TokenProperties tokenProperties, IdentityProperties identity, Clock clock) {
        this.encoder = encoder;
        this.people = people;
        this.roleSources = roleSources;
        this.affiliations = affiliations;
        this.tokenProperties = tokenProperties;
        this.identity = identity;
        this.clock = clock;
    }

    AccessToken issueFor(Person person) {
        var now = clock.instant();
        var claims = JwtClaimsSet.builder()
                .issuer(tokenProperties.issuer())
                .audience(List.of(tokenProperties.audience()))
                .subject(person.id())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(identity.tokenLifetime()))
                .claim("client_id", LOGIN_CLIENT);
        personClaims(person).forEach(claims::claim);
        var header = JwsHeader.with(SignatureAlgorithm.RS256).type(PlatformTokens.ACCESS_TOKEN_TYPE).build();
        return new AccessToken(encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue(),
                identity.tokenLifetime());
    }

    /** Claims about a person every token of theirs carries; an erased person gets no token, whatever session is left. */
    Map<String, Object> personClaims(Person person) {
        if (person.erased()) {
            throw new IllegalStateException("No tokens for an erased person");
        }
        var roles = EnumSet.noneOf(Role.class);
        roles.addAll(person.roles());
        var claims = new java.util.LinkedHashMap<String, Object>();
        if (person.emailVerified()) {
            roleSources.forEach(source -> roles.addAll(source.rolesOf(person.id())));
            affiliations.stream().map(a -> a.organisationOf(person.id())).flatMap(java.util.Optional::stream).findFirst()
                    .ifPresent(organisation -> {
                        roles.add(Role.PARTNER_STAFF);
                        claims.put(Caller.ORGANISATION_CLAIM, organisation);
                    });
        }
        claims.put(Caller.ROLES_CLAIM, roles.stream().map(Enum::name).toList());
        claims.put(Caller.EMAIL_VERIFIED_CLAIM, person.emailVerified());
        claims.put("name", person.fullName());
        claims.put("locale", person.locale());
        return claims;
    }

    Map<String, Object> personClaims(String personId) {
        return personClaims(people.findById(personId).orElseThrow(() -> new IllegalStateException("No such person")));
    }
}
