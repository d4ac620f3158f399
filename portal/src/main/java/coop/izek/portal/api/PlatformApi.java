package coop.izek.portal.api;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import coop.izek.portal.PortalProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's APIs, called through the gateway with the signed-in person's access token (kept in their session,
 * never sent to the browser). An expired token starts a new sign-in, which the provider's own session usually
 * answers at once; an API's problem response becomes an {@link ApiProblem} for the page to show.
 */
@Component
public class PlatformApi {

    public static final String REGISTRATION = "izek";
    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };

    private final RestClient http;
    private final OAuth2AuthorizedClientManager clients;
    private final OAuth2AuthorizedClientRepository authorizedClients;
    private final JsonMapper json;

    PlatformApi(RestClient.Builder builder, PortalProperties portal, OAuth2AuthorizedClientManager clients,
                OAuth2AuthorizedClientRepository authorizedClients, JsonMapper json) {
        // HTTP/1.1 as the gateway speaks it: no h2c upgrade attempt on every new connection.
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build());
        factory.setReadTimeout(Duration.ofSeconds(15));
        this.http = builder.baseUrl(portal.gateway().toString()).requestFactory(factory)
                .defaultStatusHandler(status -> status.isError(), (request, response) -> {
                    if (response.getStatusCode().value() == 401 && request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                        // The token was refused (revoked keys, an erased person): sign in again rather than show an error.
                        forgetToken();
                        throw new ClientAuthorizationRequiredException(REGISTRATION);
                    }
                    throw problem(response.getStatusCode().value(), response.getBody().readAllBytes());
                })
                .build();
        this.clients = clients;
        this.authorizedClients = authorizedClients;
        this.json = json;
    }

    public Map<String, Object> get(String uri, Object... variables) {
        return call(() -> http.get().uri(uri, variables).headers(this::identify).retrieve().body(OBJECT));
    }

    public <T> T get(Class<T> type, String uri, Object... variables) {
        return call(() -> http.get().uri(uri, variables).headers(this::identify).retrieve().body(type));
    }

    /** A page of items as the APIs answer lists: {@code {items, page, size, total}}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items(String uri, Object... variables) {
        var page = get(uri, variables);
        return page == null ? List.of() : (List<Map<String, Object>>) page.getOrDefault("items", List.of());
    }

    /** The raw body, for what the portal passes on as it is (calendars, CSV). */
    public byte[] bytes(String uri, MediaType accept, Object... variables) {
        return call(() -> http.get().uri(uri, variables).headers(this::identify).accept(accept).retrieve().body(byte[].class));
    }

    public Map<String, Object> post(String uri, Object body, Object... variables) {
        return call(() -> http.post().uri(uri, variables).headers(this::identify).contentType(MediaType.APPLICATION_JSON)
                .body(body == null ? Map.of() : body).retrieve().body(OBJECT));
    }

    public Map<String, Object> put(String uri, Object body, Object... variables) {
        return call(() -> http.put().uri(uri, variables).headers(this::identify).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(OBJECT));
    }

    public Map<String, Object> patch(String uri, Object body, Object... variables) {
        return call(() -> http.patch().uri(uri, variables).headers(this::identify).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(OBJECT));
    }

    public void delete(String uri, Object... variables) {
        call(() -> http.delete().uri(uri, variables).headers(this::identify).retrieve().toBodilessEntity());
    }

    /** The signed-in person's access token, if anyone is signed in. */
    public Optional<String> accessToken() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken signedIn)) {
            return Optional.empty();
        }
        var request = currentRequest();
        var authorize = OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(signedIn)
                .attribute(HttpServletRequest.class.getName(), request.getRequest())
                .attribute(HttpServletResponse.class.getName(), request.getResponse())
                .build();
        var client = clients.authorize(authorize);
        if (client == null) {
            throw new ClientAuthorizationRequiredException(REGISTRATION);
        }
        var expiresAt = client.getAccessToken().getExpiresAt();
        if (expiresAt != null && expiresAt.isBefore(Instant.now().plusSeconds(20))) {
            // No refresh tokens for a public client: sign in again (silently, while the provider's session lasts).
            forgetToken();
            throw new ClientAuthorizationRequiredException(REGISTRATION);
        }
        return Optional.of(client.getAccessToken().getTokenValue());
    }

    private void forgetToken() {
        var request = currentRequest();
        authorizedClients.removeAuthorizedClient(REGISTRATION, SecurityContextHolder.getContext().getAuthentication(),
                request.getRequest(), request.getResponse());
    }

    private void identify(HttpHeaders headers) {
        accessToken().ifPresent(headers::setBearerAuth);
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, LocaleContextHolder.getLocale().toLanguageTag());
        var request = currentRequestOrNull();
        if (request != null) {
            // The browser's address, for the gateway's per-address limits (the gateway trusts it only from loopback).
            headers.set("X-Forwarded-For", request.getRequest().getRemoteAddr());
            var requestId = request.getRequest().getHeader("X-Request-Id");
            if (requestId != null) {
                headers.set("X-Request-Id", requestId);
            }
        }
    }

    private <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceAccessException unreachable) {
            throw ApiProblem.unreachable();
        }
    }

    @SuppressWarnings("unchecked")
    private ApiProblem problem(int status, byte[] body) {
        try {
            Map<String, Object> problem = json.readValue(body, Map.class);
            var errors = problem.get("errors") instanceof List<?> list ? (List<Map<String, Object>>) list : List.<Map<String, Object>>of();
            return new ApiProblem(status, String.valueOf(problem.getOrDefault("type", "about:blank")),
                    (String) problem.get("title"), (String) problem.get("detail"), errors);
        } catch (RuntimeException notAProblem) {
            return new ApiProblem(status, "about:blank", null, null, List.of());
        }
    }

    private static ServletRequestAttributes currentRequest() {
        var request = currentRequestOrNull();
        if (request == null) {
            throw new IllegalStateException("The platform's APIs are called on behalf of a browser's request");
        }
        return request;
    }

    private static ServletRequestAttributes currentRequestOrNull() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes ? attributes : null;
    }
}
