package coop.izek.portal.signin;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import coop.izek.portal.PortalProperties;
import coop.izek.portal.api.PlatformApi;

/**
 * The portal as an OpenID client of membership-service (authorization code with PKCE, as the public client
 * {@code izek-portal}) and a backend for the browser: tokens stay in the server-side session, the browser holds only
 * the HttpOnly, SameSite session cookie, and every form carries a CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    static final String SIGN_IN = "/portal/sign-in/" + PlatformApi.REGISTRATION;

    /** Pages that need a signed-in person; everything else is public. */
    private static final String[] PERSONAL = {"/me", "/me/**", "/membership/**", "/educator/**", "/staff/**", "/partner/**"};

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /**
     * The provider's browser-facing endpoints are at the gateway's public address (the issuer); the back channel goes
     * to membership-service directly. Written out instead of discovered, so the portal can start before the gateway.
     */
    @Bean
    ClientRegistrationRepository clientRegistrations(PortalProperties portal) {
        var issuer = portal.publicAddress().toString();
        return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(PlatformApi.REGISTRATION)
                .clientId("izek-portal")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(portal.redirectUri())
                .scope("openid", "profile")
                .issuerUri(issuer)
                .authorizationUri(issuer + "/oauth2/authorize")
                .tokenUri(portal.membership() + "/oauth2/token")
                .jwkSetUri(portal.membership() + "/oauth2/jwks")
                .userNameAttributeName("sub")
                .providerConfigurationMetadata(Map.of("end_session_endpoint", issuer + "/connect/logout"))
                .clientName("İZEK")
                .build());
    }

    @Bean
    OAuth2AuthorizedClientManager authorizedClients(ClientRegistrationRepository registrations, OAuth2AuthorizedClientRepository clients) {
        var manager = new DefaultOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().build());
        return manager;
    }

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http, ClientRegistrationRepository registrations, PlatformPeople people,
                                       PortalProperties portal) throws Exception {
        var signOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signOut.setPostLogoutRedirectUri("{baseUrl}/");
        http.requestCache(cache -> cache.requestCache(new ReturnAfterSignIn(portal.publicAddress())))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PERSONAL).authenticated()
                        .anyRequest().permitAll())
                .oauth2Login(login -> login
                        .loginPage(SIGN_IN)
                        .authorizationEndpoint(endpoint -> endpoint.baseUri("/portal/sign-in"))
                        .redirectionEndpoint(endpoint -> endpoint.baseUri("/portal/callback"))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(people))
                        .failureUrl("/?signInFailed"))
                .logout(logout -> logout.logoutUrl("/portal/sign-out").logoutSuccessHandler(signOut))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
        return http.build();
    }
}
