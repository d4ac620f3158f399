package coop.izek.support.apidocs;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import coop.izek.support.security.ApiAuthorizationRules;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Each service's OpenAPI document (springdoc, at {@code /v3/api-docs} on the service's own port), written the same way
 * everywhere so the gateway can join them into one: the platform's two ways in (a person's bearer token, a partner's
 * client-credentials token), and the problem responses every operation can give.
 * <p>
 * An operation is secured unless its handler says otherwise with an empty {@code @SecurityRequirements}: what the
 * security chain lets anonymous callers do, the document says is public (the gateway's authorization matrix test
 * holds the two together).
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocsAutoConfiguration {

    public static final String PERSON = "person";
    public static final String PARTNER = "partner";
    public static final String PROBLEM = "Problem";

    @Bean
    ApiAuthorizationRules apiDocsArePublic() {
        return requests -> requests.requestMatchers(ApiAuthorizationRules.read("/v3/api-docs", "/v3/api-docs/**")).permitAll();
    }

    @Bean
    OpenApiCustomizer platformApiDocs(Environment environment) {
        var service = environment.getProperty("spring.application.name", "service");
        return openApi -> {
            openApi.info(new Info().title("izek-platform " + service).version("v1"));
            openApi.servers(null);
            var components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.components(components
                    .addSecuritySchemes(PERSON, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                            .description("A person's access token: sign in with POST /api/auth/login, or the portal's "
                                    + "authorization code flow with PKCE."))
                    .addSecuritySchemes(PARTNER, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                            .description("A partner organisation's API client (issued by the cooperative's staff).")
                            .flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl("/oauth2/token").scopes(new Scopes()))))
                    .addSchemas(PROBLEM, problemSchema()));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().values().forEach(path -> path.readOperationsMap().forEach((method, operation) -> {
                document(operation);
                if (WRITES.contains(method) && !operation.getSecurity().isEmpty()) {
                    operation.addParametersItem(idempotencyKey());
                }
            }));
        };
    }

    private static final java.util.Set<PathItem.HttpMethod> WRITES = java.util.Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    /** Every signed-in write takes one (service-support's idempotency filter). */
    private static Parameter idempotencyKey() {
        return new HeaderParameter().name("Idempotency-Key").required(false)
                .description("Makes a retry safe: the same key with the same request gets the first answer again (marked "
                        + "`Idempotent-Replayed: true`) instead of acting twice; the same key with another request is refused "
                        + "with 422, and a retry while the first is still handled gets 409. Keys are kept for 24 hours.")
                .schema(new StringSchema().minLength(1).maxLength(255).example("\"8e03978e-40d5-43e8-bc93-6894a57f9324\""));
    }

    private static void document(Operation operation) {
        var responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (operation.getSecurity() == null) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(PERSON), new SecurityRequirement().addList(PARTNER)));
            responses.putIfAbsent("403", problem("The token's holder may not do this."));
        }
        if (!operation.getSecurity().isEmpty()) {
            responses.putIfAbsent("401", problem("No valid credentials."));
        }
        responses.putIfAbsent("400", problem("The request is malformed or invalid; `errors` names each offending field."));
        responses.putIfAbsent("429", problem("Too many requests; `Retry-After` says when to try again."));
        responses.putIfAbsent("4XX", problem("Any other refusal (not found, a conflict with the current state …)."));
        responses.putIfAbsent("503", problem("The service is unavailable for now; `Retry-After` says when to try again."));
        operation.setResponses(responses);
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    /** RFC 9457, as every service and the gateway write it. */
    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        var error = new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
        return new ObjectSchema().description("A problem (RFC 9457).")
                .addProperty("type", new StringSchema().format("uri-reference").example("/problems/validation"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema().format("int32"))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("errors", new ArraySchema().items(error).description("For validation problems: one per offending field."))
                .required(List.of("type", "title", "status"));
    }
}
