package coop.izek.deploy.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped operations files, checked by the tools that will read them: Prometheus's promtool for the scrape
 * configurations, alert rules and their unit tests; the Compose Specification's JSON schema for the compose file;
 * kustomize (kubectl's) and the Kubernetes API models of a pinned Kubernetes version for every rendered object.
 */
class OperationsFilesIntegrationTest {

    static final Path DEPLOY = Path.of("").toAbsolutePath();
    static final Path PROMETHEUS = DEPLOY.resolve("observability/prometheus");
    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The Compose Specification's schema (compose-spec/compose-spec, schema/compose-spec.json) as the Docker Compose
     * linter dclint ships it in its npm package; the package's digest is pinned, so the schema cannot change unseen.
     */
    static final String COMPOSE_SCHEMA_PACKAGE = "dclint@3.1.0";
    static final String COMPOSE_SCHEMA_PACKAGE_SHA512 = "afTGdzRFUXK4yCpIiEW/LOR+9TOMEDhNldDp56VCWzn7JDmD451PcUi640GGlMHgbHKJ10rDBm4PtpcBbjqlXw==";
    /** The Kubernetes API the manifests are checked against: client-java 25 is generated from Kubernetes 1.34's. */
    static final Map<String, String> API_VERSIONS = Map.of("Deployment", "apps/v1", "Service", "v1", "ConfigMap", "v1",
            "HorizontalPodAutoscaler", "autoscaling/v2", "PodDisruptionBudget", "policy/v1", "Ingress", "networking.k8s.io/v1",
            "NetworkPolicy", "networking.k8s.io/v1");
    static final List<String> DEPLOYABLES = List.of("membership-service", "workshop-service", "project-service",
            "notification-service", "portal", "gateway");

    @Test
    void shouldPassPromtoolsChecksOfTheScrapeConfigurationsAndRules() throws Exception {
        for (var config : List.of("prometheus.yml", "prometheus-local.yml")) {
            assertThat(run(PROMETHEUS, "promtool", "check", "config", config)).contains("SUCCESS: " + config + " is valid");
        }
        assertThat(run(PROMETHEUS, "promtool", "check", "rules", "rules/izek-alerts.yml")).contains("SUCCESS: 11 rules found");
    }

    @Test
    void shouldProveWithPromtoolThatEveryAlertFiresOnSampleSeries() throws Exception {
        assertThat(run(PROMETHEUS, "promtool", "test", "rules", "tests/izek-alerts-test.yml")).contains("SUCCESS");
        var alerts = names("(?m)^\\s+- alert: (\\S+)", PROMETHEUS.resolve("rules/izek-alerts.yml"));
        var tested = names("(?m)^\\s+alertname: (\\S+)", PROMETHEUS.resolve("tests/izek-alerts-test.yml"));
        assertThat(alerts).hasSize(11);
        assertThat(tested).containsExactlyInAnyOrderElementsOf(alerts);
    }

    @Test
    void shouldProvisionEveryDashboardForTheProvisionedDataSource() throws IOException {
        var datasource = (Map<?, ?>) ((List<?>) yaml(DEPLOY.resolve("observability/grafana/provisioning/datasources/prometheus.yml"))
                .get("datasources")).get(0);
        var uids = new TreeSet<String>();
        try (var files = Files.list(DEPLOY.resolve("observability/grafana/dashboards"))) {
            for (var file : files.sorted().toList()) {
                var dashboard = JSON.readTree(file.toFile());
                uids.add(dashboard.get("uid").asString());
                assertThat(dashboard.get("title").asString()).isNotBlank();
                assertThat(dashboard.get("panels")).isNotEmpty().allSatisfy(panel -> {
                    assertThat(panel.get("datasource").get("uid").asString()).isEqualTo(datasource.get("uid"));
                    assertThat(panel.get("targets")).isNotEmpty();
                });
            }
        }
        assertThat(uids).containsExactlyInAnyOrder("izek-overview", "izek-service-red", "izek-kafka-outbox", "izek-notifications",
                "izek-cooperative");
    }

    @Test
    void shouldKeepTheComposeFileToTheComposeSpecification() throws Exception {
        var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                // Its relative $id is resolved against where the specification publishes it; the text is the package's.
                .getSchema(SchemaLocation.of("https://raw.githubusercontent.com/compose-spec/compose-spec/main/schema/compose-spec.json"),
                        composeSchema(), InputFormat.JSON);
        var compose = yaml(DEPLOY.resolve("compose/compose.yaml"));
        assertThat(schema.validate(JSON.writeValueAsString(compose), InputFormat.JSON)).isEmpty();

        // The schema has teeth: a misspelt key is refused.
        var misspelt = yaml(DEPLOY.resolve("compose/compose.yaml"));
        service(misspelt, "redis").put("mem_limt", "128m");
        assertThat(schema.validate(JSON.writeValueAsString(misspelt), InputFormat.JSON))
                .anySatisfy(error -> assertThat(error.getMessage()).contains("mem_limt"));
    }

    @Test
    void shouldRunEveryPartOfThePlatformInComposeWithHealthLimitsAndPinnedImages() throws Exception {
        var compose = yaml(DEPLOY.resolve("compose/compose.yaml"));
        @SuppressWarnings("unchecked")
        var services = (Map<String, Object>) compose.get("services");
        assertThat(services.keySet()).containsAll(DEPLOYABLES)
                .contains("mongo", "kafka", "redis", "prometheus", "grafana", "mailpit", "otel-collector");
        // The collector and Jaeger images hold no shell or client to probe them with; what needs them waits for their start.
        var withoutHealthCheck = List.of("otel-collector", "jaeger");
        services.forEach((name, definition) -> {
            var service = (Map<?, ?>) definition;
            assertThat(service.get("mem_limit")).as(name + " memory limit").isNotNull();
            assertThat((String) service.get("image")).as(name + " image").matches("[a-z0-9./_-]+:v?[0-9][0-9a-z._-]*");
            if (!withoutHealthCheck.contains(name)) {
                assertThat(service.get("healthcheck")).as(name + " health check").isNotNull();
            }
            if (service.get("depends_on") instanceof Map<?, ?> dependencies) {
                dependencies.forEach((dependency, condition) -> assertThat(((Map<?, ?>) condition).get("condition"))
                        .as(name + " waits for " + dependency)
                        .isEqualTo(withoutHealthCheck.contains(dependency) ? "service_started" : "service_healthy"));
            }
        });
        for (var deployable : DEPLOYABLES) {
            assertThat(((Map<?, ?>) service(compose, deployable).get("build")).get("args")).isEqualTo(Map.of("MODULE", deployable));
        }
        assertThat(service(compose, "mongo").get("command").toString()).contains("--replSet");
        assertThat(((Map<?, ?>) service(compose, "kafka").get("environment")).get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
    }

    @Test
    void shouldRenderEachOverlayIntoObjectsTheKubernetesApiAccepts() throws Exception {
        for (var overlay : List.of("staging", "production")) {
            var objects = kustomize("k8s/overlays/" + overlay);
            var kinds = new HashMap<String, List<String>>();
            for (var object : objects) {
                var kind = (String) object.get("kind");
                var name = (String) ((Map<?, ?>) object.get("metadata")).get("name");
                assertThat(object.get("apiVersion")).as(overlay + " " + kind).isEqualTo(API_VERSIONS.get(kind));
                validate(object);
                kinds.computeIfAbsent(kind, k -> new ArrayList<>()).add(name);
            }
            assertThat(kinds.get("Deployment")).containsExactlyInAnyOrderElementsOf(DEPLOYABLES);
            assertThat(kinds.get("HorizontalPodAutoscaler")).containsExactlyInAnyOrderElementsOf(DEPLOYABLES);
            assertThat(kinds.get("PodDisruptionBudget")).containsExactlyInAnyOrderElementsOf(DEPLOYABLES);
            assertThat(kinds.get("Service")).containsExactlyInAnyOrderElementsOf(DEPLOYABLES);
            assertThat(kinds.get("Ingress")).containsExactly("gateway");
            assertThat(kinds.get("NetworkPolicy")).contains("default-deny-ingress");
            assertEveryDeploymentIsProbedSizedAndConfigured(objects);
        }
    }

    @Test
    void shouldRefuseAnObjectTheKubernetesApiWouldNot() throws Exception {
        var deployment = kustomize("k8s/overlays/production").stream().filter(o -> "Deployment".equals(o.get("kind"))).findFirst().orElseThrow();
        var container = container(deployment);
        container.put("readinesProbe", container.remove("readinessProbe"));
        assertThatThrownBy(() -> validate(deployment)).hasMessageContaining("readinesProbe");
    }

    @SuppressWarnings("unchecked")
    private static void assertEveryDeploymentIsProbedSizedAndConfigured(List<Map<String, Object>> objects) {
        var configMaps = new HashMap<String, Map<String, Object>>();
        objects.stream().filter(o -> "ConfigMap".equals(o.get("kind")))
                .forEach(o -> configMaps.put((String) ((Map<?, ?>) o.get("metadata")).get("name"), (Map<String, Object>) o.get("data")));
        objects.stream().filter(o -> "Deployment".equals(o.get("kind"))).forEach(deployment -> {
            var container = container(deployment);
            assertThat(container).containsKeys("startupProbe", "readinessProbe", "livenessProbe");
            assertThat((Map<String, Object>) ((Map<?, ?>) container.get("resources")).get("limits")).containsKey("memory");
            // Every configuration value a container reads exists in the ConfigMap kustomize named it after.
            for (var env : (List<Map<String, Object>>) container.get("env")) {
                if (env.get("valueFrom") instanceof Map<?, ?> from && from.get("configMapKeyRef") instanceof Map<?, ?> ref) {
                    assertThat(configMaps.get((String) ref.get("name"))).as(env.get("name") + "").containsKey((String) ref.get("key"));
                }
                if (env.get("valueFrom") instanceof Map<?, ?> from && from.get("secretKeyRef") instanceof Map<?, ?> ref) {
                    assertThat(ref.get("name")).isEqualTo("izek-secrets");
                }
            }
            for (var from : (List<Map<String, Map<String, Object>>>) container.get("envFrom")) {
                assertThat(configMaps).containsKey((String) from.get("configMapRef").get("name"));
            }
        });
    }

    /** Validated as the generated model of its kind validates what the API server would return for it. */
    private static void validate(Map<String, Object> object) throws Exception {
        var version = ((String) object.get("apiVersion")).replaceAll(".*/", "");
        var model = Class.forName("io.kubernetes.client.openapi.models.V" + version.substring(1) + object.get("kind"));
        JsonElement json = JsonParser.parseString(JSON.writeValueAsString(object));
        try {
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new AssertionError(object.get("kind") + " " + ((Map<?, ?>) object.get("metadata")).get("name") + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> deployment) {
        var template = (Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("template");
        return ((List<Map<String, Object>>) ((Map<String, Object>) template.get("spec")).get("containers")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> kustomize(String directory) throws Exception {
        var objects = new ArrayList<Map<String, Object>>();
        for (var document : new Yaml().loadAll(run(DEPLOY, "kubectl", "kustomize", directory))) {
            objects.add((Map<String, Object>) document);
        }
        assertThat(objects).isNotEmpty();
        return objects;
    }

    /** The schema file out of the pinned npm package (fetched once into target/). */
    private static String composeSchema() throws Exception {
        var folder = DEPLOY.resolve("target/compose-schema");
        var tarball = folder.resolve("dclint-3.1.0.tgz");
        if (!Files.exists(tarball)) {
            Files.createDirectories(folder);
            run(folder, "npm", "pack", COMPOSE_SCHEMA_PACKAGE, "--pack-destination", ".", "--silent");
        }
        var digest = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(tarball)));
        assertThat(digest).as("digest of " + tarball).isEqualTo(COMPOSE_SCHEMA_PACKAGE_SHA512);
        var schema = run(folder, "tar", "-xzOf", tarball.getFileName().toString(), "package/schemas/compose.schema.json");
        assertThat(schema).contains("\"title\": \"Compose Specification\"");
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        // SnakeYAML resolves the anchors, aliases and merge keys the compose file uses, as Compose does.
        return (Map<String, Object>) new Yaml().load(Files.readString(file));
    }

    private static List<String> names(String pattern, Path file) throws IOException {
        var names = new ArrayList<String>();
        var matcher = Pattern.compile(pattern).matcher(Files.readString(file));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names.stream().distinct().toList();
    }

    /** Runs a tool, failing with its output unless it succeeds; returns what it printed. */
    private static String run(Path directory, String... command) throws Exception {
        var process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }
}
