package coop.izek.membership.identity.web;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.configuration.SpringDocSecurityOAuth2Customizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import coop.izek.support.apidocs.ApiDocsAutoConfiguration;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The authorization server's endpoints as they are served through the gateway (springdoc describes Spring
 * Authorization Server's generically): who may call each, the sign-out endpoints it leaves out, and none of the
 * per-tenant variants, which this single-issuer platform does not serve.
 */
@Configuration(proxyBeanMethods = false)
class IdentityApiDocs {

    static final String CLIENT = "client";
    static final String TAG = "authorization-server-endpoints";

    /**
     * Springdoc's description of the authorization server (its own customizer, run here rather than on its own so that
     * the changes below come after it), then the platform's customizer, which secures with a bearer token whatever
     * no one said is otherwise.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    OpenApiCustomizer authorizationServerDocs(ApplicationContext context) {
        var generated = new SpringDocSecurityOAuth2Customizer();
        generated.setApplicationContext(context);
        return openApi -> {
            generated.customise(openApi);
            var paths = openApi.getPaths();
            paths.keySet().removeIf(path -> path.contains("{subpath}"));
            openApi.getComponents().addSecuritySchemes(CLIENT, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                    .description("An API client's id and secret (client_secret_basic)."));
            for (var path : List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke")) {
                operations(paths.get(path)).forEach(op -> op.setSecurity(List.of(new SecurityRequirement().addList(CLIENT))));
            }
            for (var path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server", "/oauth2/jwks",
                    "/oauth2/authorize")) {
                operations(paths.get(path)).forEach(op -> op.setSecurity(List.of()));
            }
            operations(paths.get("/userinfo")).forEach(op -> op.setSecurity(List.of(new SecurityRequirement()
                    .addList(ApiDocsAutoConfiguration.PERSON))));
            paths.values().forEach(item -> operations(item).forEach(op -> {
                if (op.getResponses() != null) {
                    // Errors are answered, never left to the server: see the problem responses the platform adds.
                    op.getResponses().remove("500");
                }
            }));
            var authorize = paths.get("/oauth2/authorize");
            if (authorize != null && authorize.getPost() != null) {
                authorize.setGet(new Operation().operationId("authorize").addTagsItem(TAG).security(List.of())
                        .summary("Authorization code flow with PKCE: the browser is sent here, signs in, and returns with a code.")
                        .parameters(List.of(query("response_type"), query("client_id"), query("redirect_uri"), query("scope"),
                                query("state"), query("code_challenge"), query("code_challenge_method")))
                        .responses(new ApiResponses().addApiResponse("302", new ApiResponse()
                                .description("To the sign-in page, or back to the client with a code"))));
            }
            var html = new Content().addMediaType("text/html", new MediaType().schema(new StringSchema()));
            paths.addPathItem("/connect/logout", new PathItem()
                    .get(page("oidcLogout", "OpenID Connect RP-initiated logout: ends the portal's session at the platform.", html))
                    .post(page("oidcLogoutForm", "The same, with the parameters in a form.", html)));
            var form = new ObjectSchema().addProperty("username", new StringSchema().description("The person's email address"))
                    .addProperty("password", new StringSchema().format("password")).addProperty("_csrf", new StringSchema());
            paths.addPathItem("/login", new PathItem()
                    .get(page("signInPage", "The sign-in page of the authorization code flow.", html))
                    .post(page("signIn", "Signs in from that page (a form with its CSRF token); on to the authorization request.", html)
                            .requestBody(new RequestBody().content(new Content().addMediaType("application/x-www-form-urlencoded",
                                    new MediaType().schema(form))))));
            paths.addPathItem("/logout", new PathItem()
                    .post(page("signOut", "Ends the sign-in page's session (a form with its CSRF token).", html)));
        };
    }

    private static Operation page(String id, String summary, Content html) {
        return new Operation().operationId(id).addTagsItem(TAG).summary(summary).security(List.of())
                .responses(new ApiResponses().addApiResponse("302", new ApiResponse().description("Signed out; on to the next page"))
                        .addApiResponse("200", new ApiResponse().description("A page").content(html)));
    }

    private static QueryParameter query(String name) {
        return (QueryParameter) new QueryParameter().name(name).schema(new StringSchema());
    }

    private static List<Operation> operations(PathItem item) {
        return item == null ? List.of() : item.readOperations();
    }
}
