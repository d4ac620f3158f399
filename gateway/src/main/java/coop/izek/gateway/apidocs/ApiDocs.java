package coop.izek.gateway.apidocs;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import coop.izek.gateway.DownstreamServices;
import coop.izek.gateway.routing.Routes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The platform's one OpenAPI document: each service's own (springdoc, on its loopback port) joined into one, addressed
 * to the gateway. A schema two services name alike but define differently is kept twice, the second renamed after its
 * service. A complete document is kept for a while; a service that does not answer leaves its part out (and the
 * description says so) until it does.
 */
@Component
class ApiDocs {

    /** A service writes its document on first request, which takes a while on a busy machine. */
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration KEEP_FOR = Duration.ofMinutes(1);
    private static final String SCHEMA_REF = "#/components/schemas/";

    private final DownstreamServices downstream;
    private final ApiDocsProperties properties;
    private final JsonMapper json;
    private final WebClient client = WebClient.builder().codecs(c -> c.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build();
    private volatile Kept kept;

    ApiDocs(DownstreamServices downstream, ApiDocsProperties properties, JsonMapper json) {
        this.downstream = downstream;
        this.properties = properties;
        this.json = json;
    }

    Mono<ObjectNode> document() {
        var kept = this.kept;
        if (kept != null && kept.at().plus(KEEP_FOR).isAfter(Instant.now())) {
            return Mono.just(kept.document());
        }
        return Flux.fromIterable(Routes.TABLE)
                .flatMapSequential(route -> fetch(route.service()).map(doc -> Map.entry(route.service(), doc))
                        .defaultIfEmpty(Map.entry(route.service(), json.createObjectNode())))
                .collectList()
                .map(parts -> {
                    var missing = parts.stream().filter(part -> part.getValue().isEmpty()).map(Map.Entry::getKey).toList();
                    var combined = combine(parts.stream().filter(part -> !part.getValue().isEmpty()).toList(), missing);
                    if (missing.isEmpty()) {
                        this.kept = new Kept(combined, Instant.now());
                    }
                    return combined;
                });
    }

    private record Kept(ObjectNode document, Instant at) {
    }

    private Mono<ObjectNode> fetch(String service) {
        URI base = downstream.services().get(service);
        return client.get().uri(base.resolve("/v3/api-docs")).retrieve().bodyToMono(String.class)
                .timeout(FETCH_TIMEOUT)
                .map(body -> (ObjectNode) json.readTree(body))
                .onErrorResume(e -> Mono.empty());
    }

    ObjectNode combine(List<Map.Entry<String, ObjectNode>> parts, List<String> missing) {
        var root = json.createObjectNode();
        root.put("openapi", parts.isEmpty() ? "3.1.0" : parts.getFirst().getValue().path("openapi").asString("3.1.0"));
        var info = root.putObject("info").put("title", "izek-platform API").put("version", "v1")
                .put("description", description(missing));
        info.putObject("license").put("name", "Apache-2.0").put("identifier", "Apache-2.0");
        root.putArray("servers").addObject().put("url", properties.serverUrl()).put("description", "The gateway");
        var tags = root.putArray("tags");
        var paths = root.putObject("paths");
        var components = root.putObject("components");
        var schemas = components.putObject("schemas");
        var securitySchemes = components.putObject("securitySchemes");
        var seenTags = new ArrayList<String>();
        var operationIds = new java.util.HashSet<String>();
        for (var part : parts) {
            var doc = part.getValue();
            var renames = new LinkedHashMap<String, String>();
            doc.path("components").path("schemas").properties().forEach(schema -> {
                var existing = schemas.get(schema.getKey());
                if (existing != null && !existing.equals(schema.getValue())) {
                    renames.put(schema.getKey(), capitalised(part.getKey()) + schema.getKey());
                }
            });
            if (!renames.isEmpty()) {
                rename(doc, renames);
            }
            doc.path("components").path("schemas").properties().forEach(schema -> schemas.set(
                    renames.getOrDefault(schema.getKey(), schema.getKey()), schema.getValue()));
            doc.path("components").path("securitySchemes").properties().forEach(scheme -> securitySchemes.set(scheme.getKey(), scheme.getValue()));
            doc.path("paths").properties().forEach(path -> {
                uniqueOperationIds(part.getKey(), path.getValue(), operationIds);
                paths.set(path.getKey(), path.getValue());
            });
            for (var tag : doc.path("tags")) {
                if (!seenTags.contains(tag.path("name").asString())) {
                    seenTags.add(tag.path("name").asString());
                    tags.add(tag);
                }
            }
        }
        if (securitySchemes.get("partner") instanceof ObjectNode partner
                && partner.path("flows").path("clientCredentials") instanceof ObjectNode flow) {
            flow.put("tokenUrl", properties.serverUrl() + "/oauth2/token");
        }
        gatewayHealth(paths);
        // What the gateway routes where, so the document can be checked against it (every route documented).
        var routes = root.putObject("x-gateway-routes");
        Routes.TABLE.forEach(route -> route.paths().forEach(routes.withArray(route.service())::add));
        routes.putArray("gateway").add("/actuator/health");
        return root;
    }

    private static String description(List<String> missing) {
        var text = "The cooperative's API behind one gateway. People use a bearer token (`person`); partner organisations "
                + "an OAuth2 client-credentials token (`partner`). Every error is a problem (RFC 9457, application/problem+json).";
        return missing.isEmpty() ? text : text + "\n\nNot shown now, because they did not answer: " + String.join(", ", missing) + ".";
    }

    /** The gateway's own path: the platform's health (UP only when every service is). */
    private void gatewayHealth(ObjectNode paths) {
        var get = paths.putObject("/actuator/health").putObject("get");
        get.putArray("tags").add("platform");
        get.put("summary", "Whether the platform is up: UP only when every service behind the gateway is.");
        get.put("operationId", "platformHealth");
        get.putArray("security");
        var schema = get.putObject("responses").putObject("200").put("description", "The platform's status")
                .putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        schema.putObject("properties").putObject("status").put("type", "string").putArray("enum").add("UP").add("DOWN");
        schema.putArray("required").add("status");
        var responses = (ObjectNode) get.get("responses");
        responses.putObject("503").put("description", "Some service is down")
                .putObject("content").putObject("application/json").set("schema", schema.deepCopy());
        for (var status : List.of("429", "4XX")) {
            responses.putObject(status).put("description", "429".equals(status) ? "Too many requests; see Retry-After" : "Refused")
                    .putObject("content").putObject("application/problem+json").putObject("schema").put("$ref", SCHEMA_REF + "Problem");
        }
    }

    /** Operation ids are unique in one document: a later service's id that is taken gets the service's name in front. */
    private static void uniqueOperationIds(String service, JsonNode pathItem, java.util.Set<String> taken) {
        for (var operation : pathItem) {
            if (operation instanceof ObjectNode op && op.get("operationId") != null) {
                var id = op.get("operationId").asString();
                if (!taken.add(id)) {
                    id = service + Character.toUpperCase(id.charAt(0)) + id.substring(1);
                    op.put("operationId", id);
                    taken.add(id);
                }
            }
        }
    }

    /** Points every {@code $ref} of one service's document at the renamed schemas. */
    private static void rename(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            var ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith(SCHEMA_REF)) {
                var name = ref.asString().substring(SCHEMA_REF.length());
                if (renames.containsKey(name)) {
                    object.set("$ref", StringNode.valueOf(SCHEMA_REF + renames.get(name)));
                }
            }
            object.values().forEach(child -> rename(child, renames));
        } else if (node.isArray()) {
            node.values().forEach(child -> rename(child, renames));
        }
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
