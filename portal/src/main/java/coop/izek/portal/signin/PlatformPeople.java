package coop.izek.portal.signin;

import java.text.ParseException;
import java.util.HashMap;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

import com.nimbusds.jwt.JWTParser;

/**
 * The signed-in person as the platform knows them: name, locale and roles come from the access token the token
 * endpoint just handed the portal over its back channel (the ID token, already verified by Spring Security, says who).
 */
@Component
class PlatformPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        try {
            var claims = JWTParser.parse(request.getAccessToken().getTokenValue()).getJWTClaimsSet();
            if (!request.getIdToken().getSubject().equals(claims.getSubject())) {
                throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token", "The tokens name different people", null));
            }
            var roles = claims.getStringListClaim("roles");
            List<GrantedAuthority> authorities = (roles == null ? List.<String>of() : roles).stream()
                    .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
            var info = new HashMap<String, Object>();
            info.put("sub", claims.getSubject());
            putIfPresent(info, "name", claims.getStringClaim("name"));
            putIfPresent(info, "locale", claims.getStringClaim("locale"));
            putIfPresent(info, "org", claims.getStringClaim("org"));
            info.put("email_verified", Boolean.TRUE.equals(claims.getBooleanClaim("email_verified")));
            return new DefaultOidcUser(authorities, request.getIdToken(), new OidcUserInfo(info), "sub");
        } catch (ParseException e) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token", "The access token is not a JWT", null), e);
        }
    }

    private static void putIfPresent(java.util.Map<String, Object> info, String name, Object value) {
        if (value != null) {
            info.put(name, value);
        }
    }
}
