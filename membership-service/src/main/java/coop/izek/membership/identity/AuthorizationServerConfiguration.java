package coop.izek.membership.identity;

import java.util.List;
import java.util.Map;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
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
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import coop.izek.support.security.Caller;
import coop.izek.support.security.PlatformTokens;
import coop.izek.support.security.TokenProperties;
import coop.izek.support.web.ProblemException;

/**
 * membership-service as the platform's OpenID Connect provider (Spring Security's authorization server):
 * discovery, JWKS, the token endpoint (client credentials for partner organisations' API clients, authorization
 * code with PKCE for the portal), introspection that tells the truth, and a sign-in page for the browser step of the
 * code flow. Discovery advertises what works and nothing else: no refresh tokens, token exchange, device flow,
 * pushed requests, DPoP or token revocation (staff revoke a partner's API client instead, which ends its tokens).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    static final String ORGANISATION_SETTING = "izek.organisation-id";
    private static final List<String> GRANTS = List.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
            AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());
    private static final List<String> CLIENT_AUTHENTICATION = List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
            ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, PartnerClients clients, ExpiringAuthorizations authorizations,
                                                 JwtDecoder decoder, TokenProperties properties) throws Exception {
        var authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server
                        .registeredClientRepository(clients)
                        .authorizationService(authorizations)
                        .tokenIntrospectionEndpoint(endpoint -> endpoint.authenticationProviders(providers -> {
                            providers.clear();
                            providers.add(new TokenIntrospection(decoder));
                        }))
                        .tokenRevocationEndpoint(endpoint -> endpoint.authenticationProviders(providers -> {
                            providers.clear();
                            providers.add(revocationRefused());
                        }))
                        .authorizationServerMetadataEndpoint(endpoint -> endpoint.authorizationServerMetadataCustomizer(
                                metadata -> metadata.claims(AuthorizationServerConfiguration::advertiseWhatWorks)))
                        .oidc(oidc -> oidc.providerConfigurationEndpoint(endpoint -> endpoint.providerConfigurationCustomizer(
                                metadata -> metadata.claims(AuthorizationServerConfiguration::advertiseWhatWorks)))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(properties.issuer() + "/login"),
                        browsers()));
        return http.build();
    }

    /**
     * Only a browser (which asks for HTML by name) is sent to the sign-in page; an API client that states no preference
     * is answered 401, as RFC 6749 has it, not redirected to a page it cannot use.
     */
    private static MediaTypeRequestMatcher browsers() {
        var html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        return html;
    }

    /**
     * The browser pages: sign-in for the authorization code flow, and the pages mailed links open. They keep a session
     * only for that, with CSRF protection on their forms.
     */
    @Bean
    @Order(2)
    SecurityFilterChain signInPageChain(HttpSecurity http, Accounts accounts, ClientAddress clientAddress) throws Exception {
        http.securityMatcher("/login", "/logout", "/account/**")
                .authenticationProvider(personAuthentication(accounts))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .formLogin(form -> form.loginPage("/login").authenticationDetailsSource(clientAddress::of))
                .logout(Customizer.withDefaults());
        return http.build();
    }

    /** Addresses built for browsers come from the issuer, not from the Host header (see {@link IssuerAddressFilter}). */
    @Bean
    FilterRegistrationBean<IssuerAddressFilter> issuerAddressFilter(TokenProperties properties) {
        var registration = new FilterRegistrationBean<>(new IssuerAddressFilter(properties.issuer()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(TokenProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    /**
     * Access tokens from the OAuth2 flows are the platform's access tokens, like the login API's: {@code typ: at+jwt},
     * the platform's audience, a {@code client_id}, and the person's claims or the partner client's organisation.
     * ID tokens stay ID tokens, which no API accepts.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> platformClaims(Tokens tokens, TokenProperties properties) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            context.getJwsHeader().type(PlatformTokens.ACCESS_TOKEN_TYPE);
            context.getClaims().audience(List.of(properties.audience()))
                    .claim("client_id", context.getRegisteredClient().getClientId());
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                String organisation = context.getRegisteredClient().getClientSettings().getSetting(ORGANISATION_SETTING);
                context.getClaims().claim(Caller.ROLES_CLAIM, List.of(Role.PARTNER.name()));
                if (organisation != null) {
                    context.getClaims().claim(Caller.ORGANISATION_CLAIM, organisation);
                }
            } else {
                Map<String, Object> claims;
                try {
                    claims = tokens.personClaims(context.getPrincipal().getName());
                } catch (IllegalStateException erasedOrGone) {
                    throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
                }
                claims.forEach(context.getClaims()::claim);
            }
        };
    }

    /** Only grants and client authentications that work for the clients there are, and no revocation endpoint. */
    static void advertiseWhatWorks(Map<String, Object> metadata) {
        metadata.put("grant_types_supported", GRANTS);
        metadata.put("token_endpoint_auth_methods_supported", concat(CLIENT_AUTHENTICATION, ClientAuthenticationMethod.NONE.getValue()));
        metadata.put("introspection_endpoint_auth_methods_supported", CLIENT_AUTHENTICATION);
        for (var unsupported : List.of("revocation_endpoint", "revocation_endpoint_auth_methods_supported",
                "device_authorization_endpoint", "pushed_authorization_request_endpoint", "dpop_signing_alg_values_supported",
                "tls_client_certificate_bound_access_tokens", "registration_endpoint")) {
            metadata.remove(unsupported);
        }
    }

    private static List<String> concat(List<String> list, String more) {
        var all = new java.util.ArrayList<>(list);
        all.add(more);
        return List.copyOf(all);
    }

    /** RFC 7009's answer for a server that cannot revoke a token of this kind; partners' tokens end with their client. */
    private static AuthenticationProvider revocationRefused() {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                throw new OAuth2AuthenticationException(new OAuth2Error("unsupported_token_type",
                        "Platform tokens are not revoked one by one; they expire within 15 minutes, and staff revoke an API client.", null));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return OAuth2TokenRevocationAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    /** The sign-in page checks passwords the same way the login API does, throttling included; the principal is the person id. */
    static AuthenticationProvider personAuthentication(Accounts accounts) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                try {
                    var address = authentication.getDetails() instanceof String a ? a : null;
                    var person = accounts.authenticate(authentication.getName(), String.valueOf(authentication.getCredentials()), address);
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
