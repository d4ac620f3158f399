package coop.izek.membership.identity;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

import coop.izek.support.security.Caller;

/**
 * RFC 7662 introspection that tells the truth about the platform's self-contained tokens: a token is active exactly
 * when every API would accept it (signature, issuer, expiry, type, audience, not revoked), checked by the same
 * decoder the APIs use. A client learns about its own tokens only; anything else is simply inactive.
 */
class TokenIntrospection implements AuthenticationProvider {

    private final JwtDecoder decoder;

    TokenIntrospection(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var request = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
        if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()
                || client.getRegisteredClient() == null) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
        }
        var inactive = new OAuth2TokenIntrospectionAuthenticationToken(request.getToken(), client, OAuth2TokenIntrospection.builder().build());
        Jwt jwt;
        try {
            jwt = decoder.decode(request.getToken());
        } catch (JwtException notAcceptable) {
            return inactive;
        }
        var clientId = client.getRegisteredClient().getClientId();
        if (!clientId.equals(jwt.getSubject()) && !clientId.equals(jwt.getClaimAsString("client_id"))) {
            return inactive;
        }
        var claims = OAuth2TokenIntrospection.builder(true)
                .issuer(jwt.getClaimAsString("iss"))
                .subject(jwt.getSubject())
                .audiences(audience -> audience.addAll(jwt.getAudience() == null ? List.of() : jwt.getAudience()))
                .clientId(jwt.getClaimAsString("client_id") == null ? clientId : jwt.getClaimAsString("client_id"))
                .tokenType("Bearer")
                .issuedAt(jwt.getIssuedAt())
                .expiresAt(jwt.getExpiresAt());
        if (jwt.getId() != null) {
            claims.id(jwt.getId());
        }
        if (jwt.getClaimAsString("scope") != null) {
            claims.scope(jwt.getClaimAsString("scope"));
        }
        var roles = jwt.getClaimAsStringList(Caller.ROLES_CLAIM);
        if (roles != null) {
            claims.claim(Caller.ROLES_CLAIM, roles);
        }
        if (jwt.getClaimAsString(Caller.ORGANISATION_CLAIM) != null) {
            claims.claim(Caller.ORGANISATION_CLAIM, jwt.getClaimAsString(Caller.ORGANISATION_CLAIM));
        }
        return new OAuth2TokenIntrospectionAuthenticationToken(request.getToken(), client, claims.build());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
