package coop.izek.membership.identity;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import coop.izek.support.security.Caller;
import coop.izek.support.security.TokenProperties;
import coop.izek.support.web.ProblemException;

/**
 * membership-service as the platform's OpenID Connect provider (Spring Security's authorization server):
 * discovery, JWKS, the token endpoint (client credentials for partner organisations' API clients, authorization
 * code with PKCE for the portal) and a sign-in page for the browser step of the code flow.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    static final String ORGANISATION_SETTING = "izek.organisation-id";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, PartnerClients clients,
                                                 ExpiringAuthorizations authorizations) throws Exception {
        var authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server
                        .registeredClientRepository(clients)
                        .authorizationService(authorizations)
                        .oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** The browser sign-in page of the authorization code flow; it keeps a session only for that flow. */
    @Bean
    @Order(2)
    SecurityFilterChain signInPageChain(HttpSecurity http, Accounts accounts) throws Exception {
        http.securityMatcher("/login", "/logout")
                .authenticationProvider(personAuthentication(accounts))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(TokenProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    /** Tokens from the OAuth2 flows carry the same claims as the login API's; partner clients' carry their organisation. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> platformClaims(Tokens tokens) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                String organisation = context.getRegisteredClient().getClientSettings().getSetting(ORGANISATION_SETTING);
                context.getClaims().claim(Caller.ROLES_CLAIM, List.of(Role.PARTNER.name()));
                if (organisation != null) {
                    context.getClaims().claim(Caller.ORGANISATION_CLAIM, organisation);
                }
            } else {
                tokens.personClaims(context.getPrincipal().getName()).forEach(context.getClaims()::claim);
            }
        };
    }

    /** The sign-in page checks passwords the same way the login API does, throttling included; the principal is the person id. */
    static AuthenticationProvider personAuthentication(Accounts accounts) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                try {
                    var person = accounts.authenticate(authentication.getName(), String.valueOf(authentication.getCredentials()));
                    // The password factor with its time: the ID token's auth_time comes from it.
                    return UsernamePasswordAuthenticationToken.authenticated(person.id(), null,
                            List.of(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)));
                } catch (ProblemException refused) {
                    throw new BadCredentialsException(refused.getMessage());
                }
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
