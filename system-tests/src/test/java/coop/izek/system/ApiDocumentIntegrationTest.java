package coop.izek.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.core.models.ParseOptions;
import tools.jackson.databind.JsonNode;

/**
 * The platform's one OpenAPI document, as the gateway serves it from the running services: valid OpenAPI to a
 * validator that is not springdoc, and in step with the gateway's route table in both directions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocumentIntegrationTest {

    Platform platform;
    String body;
    JsonNode document;

    @BeforeAll
    void fetchTheDocument() {
        platform = Platform.shared();
        var response = platform.get("/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);
        body = response.body();
        document = platform.json(response);
    }

    @Test
    void shouldServeAValidOpenApiDocumentWithEveryServicesPart() {
        var options = new ParseOptions();
        options.setResolve(true);

        var result = new OpenAPIParser().readContents(body, null, options);

        assertThat(result.getMessages()).as("validator messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getInfo().getDescription()).doesNotContain("did not answer");
        assertThat(api.getServers()).extracting(server -> server.getUrl()).containsExactly("http://localhost:" + platform.ports.get("GATEWAY"));
        assertThat(api.getComponents().getSecuritySchemes()).containsKeys("person", "partner", "client");
        assertThat(api.getComponents().getSecuritySchemes().get("partner").getFlows().getClientCredentials().getTokenUrl())
                .isEqualTo("http://localhost:" + platform.ports.get("GATEWAY") + "/oauth2/token");
    }

    @Test
    void shouldDocumentEveryRouteTheGatewayServesAndNothingItDoesNot() {
        var routes = new ArrayList<Pattern>();
        var unDocumentedRoutes = new ArrayList<String>();
        var paths = new ArrayList<String>();
        document.get("paths").propertyNames().forEach(path -> paths.add(path.replaceAll("\\{[^}]+}", "x")));
        document.get("x-gateway-routes").properties().forEach(service -> service.getValue().values().forEach(route -> {
            var pattern = pattern(route.asString());
            routes.add(pattern);
            if (paths.stream().noneMatch(path -> pattern.matcher(path).matches())) {
                unDocumentedRoutes.add(service.getKey() + " " + route.asString());
            }
        }));

        assertThat(unDocumentedRoutes).as("routes with no documented path").isEmpty();
        assertThat(paths).as("documented paths the gateway does not route").allMatch(path -> routes.stream()
                .anyMatch(route -> route.matcher(path).matches()));
    }

    @Test
    void shouldGiveEveryOperationItsProblemResponsesAndSayWhoMayCallIt() {
        var api = new OpenAPIParser().readContents(body, null, new ParseOptions()).getOpenAPI();
        var incomplete = new ArrayList<String>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (!complete(operation)) {
                incomplete.add(method + " " + path);
            }
        }));

        assertThat(incomplete).isEmpty();
        assertThat(api.getPaths().get("/api/auth/login").getPost().getSecurity()).isEmpty();
        assertThat(api.getPaths().get("/api/workshops/{id}/enrolments").getPost().getSecurity())
                .extracting(requirement -> requirement.keySet()).containsExactly(java.util.Set.of("person"), java.util.Set.of("partner"));
        assertThat(api.getPaths().get("/oauth2/token").getPost().getSecurity()).extracting(Map::keySet)
                .containsExactly(java.util.Set.of("client"));
    }

    @Test
    void shouldServeSwaggerUiForTheDocument() {
        var page = platform.get("/swagger-ui/index.html", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        var initializer = platform.get("/swagger-ui/swagger-initializer.js", null).body();
        var configUrl = Pattern.compile("\"configUrl\"\\s*:\\s*\"([^\"]+)\"").matcher(initializer);
        assertThat(configUrl.find()).as(initializer).isTrue();
        var config = platform.get(configUrl.group(1), null);
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(platform.json(config).get("url").asString()).isEqualTo("/v3/api-docs");
    }

    /** A documented response for each refusal a caller can meet: rate limits, any 4xx, unavailability, and for secured ones 401. */
    private static boolean complete(Operation operation) {
        var responses = operation.getResponses();
        if (responses == null || !responses.containsKey("4XX") || !responses.containsKey("429") || !responses.containsKey("503")) {
            return false;
        }
        var secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        return !secured || responses.containsKey("401");
    }

    /** A route's path pattern ({@code /api/workshops/**} or an exact path) as a regular expression over concrete paths. */
    static Pattern pattern(String route) {
        return route.endsWith("/**") ? Pattern.compile(Pattern.quote(route.substring(0, route.length() - 3)) + "(/.*)?")
                : Pattern.compile(Pattern.quote(route));
    }
}
