package coop.izek.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import coop.izek.gateway.DownstreamServices;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ApiDocsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final ApiDocs docs = new ApiDocs(new DownstreamServices(Map.of("membership", URI.create("http://127.0.0.1:1")), java.time.Duration.ofSeconds(2)),
            new ApiDocsProperties("https://izek.example"), JSON);

    @Test
    void shouldKeepTwoServicesDifferentSchemasOfOneNameApartAndPointEachServicesReferencesAtItsOwn() {
        var membership = doc("/api/membership/members/{id}", "View", "{\"type\":\"object\",\"properties\":{\"memberNumber\":{\"type\":\"string\"}}}");
        var workshop = doc("/api/workshops/{id}", "View", "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}}}");

        var combined = docs.combine(List.of(Map.entry("membership", membership), Map.entry("workshop", workshop)), List.of());

        assertThat(combined.at("/components/schemas/View/properties/memberNumber").isMissingNode()).isFalse();
        assertThat(combined.at("/components/schemas/WorkshopView/properties/title").isMissingNode()).isFalse();
        assertThat(ref(combined, "/api/membership/members/{id}")).isEqualTo("#/components/schemas/View");
        assertThat(ref(combined, "/api/workshops/{id}")).isEqualTo("#/components/schemas/WorkshopView");
    }

    @Test
    void shouldKeepASchemaTheServicesShareOnce() {
        var same = "{\"type\":\"object\",\"properties\":{\"type\":{\"type\":\"string\"}}}";

        var combined = docs.combine(List.of(Map.entry("membership", doc("/a", "Problem", same)),
                Map.entry("workshop", doc("/b", "Problem", same))), List.of());

        assertThat(combined.at("/components/schemas").propertyNames()).containsExactly("Problem");
        assertThat(ref(combined, "/b")).isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void shouldAddressTheDocumentAndThePartnersTokenEndpointToTheGateway() {
        var membership = doc("/a", "X", "{\"type\":\"string\"}");
        membership.withObject("/components").withObject("securitySchemes").set("partner", JSON.readTree(
                "{\"type\":\"oauth2\",\"flows\":{\"clientCredentials\":{\"tokenUrl\":\"/oauth2/token\",\"scopes\":{}}}}"));

        var combined = docs.combine(List.of(Map.entry("membership", membership)), List.of());

        assertThat(combined.at("/servers/0/url").asString()).isEqualTo("https://izek.example");
        assertThat(combined.at("/components/securitySchemes/partner/flows/clientCredentials/tokenUrl").asString())
                .isEqualTo("https://izek.example/oauth2/token");
        assertThat(combined.at("/paths/~1actuator~1health/get/responses/200").isMissingNode()).isFalse();
    }

    @Test
    void shouldGiveEveryOperationItsOwnId() {
        var membership = doc("/a", "X", "{\"type\":\"string\"}");
        var workshop = doc("/b", "X", "{\"type\":\"string\"}");
        ((ObjectNode) membership.at("/paths/~1a/get")).put("operationId", "get");
        ((ObjectNode) workshop.at("/paths/~1b/get")).put("operationId", "get");

        var combined = docs.combine(List.of(Map.entry("membership", membership), Map.entry("workshop", workshop)), List.of());

        assertThat(combined.at("/paths/~1a/get/operationId").asString()).isEqualTo("get");
        assertThat(combined.at("/paths/~1b/get/operationId").asString()).isEqualTo("workshopGet");
    }

    @Test
    void shouldSayWhichServicesPartIsMissing() {
        var combined = docs.combine(List.of(Map.entry("membership", doc("/a", "X", "{\"type\":\"string\"}"))), List.of("project"));

        assertThat(combined.at("/info/description").asString()).contains("did not answer: project.");
        assertThat(combined.at("/paths/~1a").isMissingNode()).isFalse();
    }

    private static String ref(ObjectNode doc, String path) {
        return doc.get("paths").get(path).at("/get/responses/200/content/application~1json/schema/$ref").asString();
    }

    private static ObjectNode doc(String path, String schemaName, String schema) {
        return (ObjectNode) JSON.readTree("""
                {"openapi":"3.1.0","info":{"title":"t","version":"v1"},
                 "paths":{"%s":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/%s"}}}}}}}},
                 "components":{"schemas":{"%s":%s}}}
                """.formatted(path, schemaName, schemaName, schema));
    }
}
