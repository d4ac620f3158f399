package coop.izek.membership.identity;

import java.time.Clock;
import java.time.Duration;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import coop.izek.support.security.Caller;
import coop.izek.support.security.TokenProperties;

/** Issues the platform's RS256 access tokens: {@code sub} is the person id, {@code roles} the platform roles. */
@Component
class Tokens {

    private final NimbusJwtEncoder encoder;
    private final SigningKeys keys;
    private final TokenProperties tokenProperties;
    private final IdentityProperties identity;
    private final Clock clock;

    Tokens(SigningKeys keys, TokenProperties tokenProperties, IdentityProperties identity, Clock clock) {
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(keys.signingKeys()));
        this.keys = keys;
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
                .expiresAt(now.plus(identity.tokenLifetime()))
                .claim(Caller.ROLES_CLAIM, person.roles().stream().map(Enum::name).toList())
                .claim("name", person.fullName())
                .claim("locale", person.locale())
                .build();
        var header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.current().getKeyID()).type("JWT").build();
        return new AccessToken(encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue(), identity.tokenLifetime());
    }
}
