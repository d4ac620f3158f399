package coop.izek.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;

/**
 * Prometheus from Debian's package scrapes the running platform with the shipped rules: every target is up, every
 * rule loads and evaluates, every query of every shipped dashboard and rule is answered, and every metric they name is
 * one the platform exposes (so a renamed metric cannot leave a dashboard silently empty).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringIntegrationTest {

    static final Path OBSERVABILITY = Path.of("..", "deploy", "observability").toAbsolutePath().normalize();
    /** Metric families of the platform, as the queries name them once label matchers and groupings are taken out. */
    static final Pattern METRIC = Pattern.compile("\\b((?:izek|http_server|spring_cloud_gateway|spring_kafka|kafka_consumer|resilience4j|tasks_scheduled|jvm)_[a-z0-9_]+|up)\\b");
    static final Pattern LABELS = Pattern.compile("\\{[^}]*}|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

    Platform platform;
    Process prometheus;
    int port;
    Path folder;

    @BeforeAll
    void startPrometheus() throws Exception {
        platform = Platform.shared();
        // The gateway's route timers and circuit breakers exist from a route's first request on.
        for (var path : List.of("/api/workshops", "/api/projects", "/")) {
            platform.send(HttpRequest.newBuilder(platform.gateway(path)).GET().build());
        }
        folder = Files.createTempDirectory("izek-prometheus");
        Files.writeString(folder.resolve("metrics-password"), Platform.METRICS_PASSWORD);
        var config = Files.readString(OBSERVABILITY.resolve("prometheus/prometheus-local.yml"))
                .replace("scrape_interval: 15s", "scrape_interval: 2s")
                .replace("evaluation_interval: 15s", "evaluation_interval: 2s")
                .replace("rules/*.yml", OBSERVABILITY.resolve("prometheus/rules").toString() + "/*.yml");
        for (var service : List.of("GATEWAY:8080", "MEMBERSHIP:8081", "WORKSHOP:8082", "PROJECT:8083", "NOTIFICATION:8084", "PORTAL:8085")) {
            var parts = service.split(":");
            config = config.replace("\"127.0.0.1:" + parts[1] + "\"", "\"127.0.0.1:" + platform.ports.get(parts[0]) + "\"");
        }
        Files.writeString(folder.resolve("prometheus.yml"), config);
        port = Platform.freePort();
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + folder.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + folder.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(folder.resolve("prometheus.log").toFile()).start();
        await().atMost(Duration.ofMinutes(1)).ignoreExceptions()
                .failFast(() -> assertThat(prometheus.isAlive()).as(() -> log()).isTrue())
                .until(() -> query("up").size() == 6 && query("up == 0").isEmpty());
    }

    @AfterAll
    void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldScrapeEveryServiceTheGatewayAndThePortal() {
        var jobs = new TreeSet<String>();
        query("up == 1").forEach(series -> jobs.add(series.get("metric").get("instance").asString()));
        assertThat(jobs).hasSize(6);
        var applications = new TreeSet<String>();
        query("count by (application) (http_server_requests_seconds_bucket)")
                .forEach(series -> applications.add(series.get("metric").get("application").asString()));
        assertThat(applications).containsExactlyInAnyOrder("gateway", "membership-service", "workshop-service", "project-service",
                "notification-service", "portal");
    }

    @Test
    void shouldLoadAndEvaluateEveryShippedAlertRule() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var rules = new ArrayList<JsonNode>();
            api("/api/v1/rules").get("groups").forEach(group -> group.get("rules").forEach(rules::add));
            assertThat(rules).hasSizeGreaterThanOrEqualTo(11);
            assertThat(rules).allSatisfy(rule -> {
                assertThat(rule.get("health").asString()).as(rule.get("name").asString() + ": " + rule.path("lastError").asString()).isEqualTo("ok");
                assertThat(rule.get("annotations").get("runbook").asString()).startsWith("README.md#runbook-");
            });
            // Nothing is wrong with a freshly started demo platform.
            assertThat(rules).filteredOn(rule -> "firing".equals(rule.get("state").asString())).isEmpty();
        });
    }

    @Test
    void shouldAnswerEveryDashboardQueryWithMetricsThePlatformExposes() throws IOException {
        var exposed = new TreeSet<String>();
        api("/api/v1/label/__name__/values").forEach(name -> exposed.add(name.asString()));
        var named = new TreeSet<String>();
        for (var expression : shippedExpressions()) {
            // A query Prometheus cannot parse or evaluate is an error answer, which api() refuses.
            query(expression.replace("$application", "workshop-service"));
            var metrics = METRIC.matcher(LABELS.matcher(expression).replaceAll(""));
            while (metrics.find()) {
                named.add(metrics.group(1));
            }
        }
        assertThat(named).as("metrics the dashboards and rules name").hasSizeGreaterThan(20);
        assertThat(exposed).as("what the platform exposes").containsAll(named);
    }

    @Test
    void shouldReportTheCooperativesFiguresFromTheDemoData() {
        // Counters start at zero with each process, and the resilience suite restarts them all: an event published now.
        platform.register("olcum-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.org", "Olcum-sifresi-42",
                "Ölçüm Kişisi", false);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(value("max(izek_workshop_open)")).isGreaterThan(0);
            assertThat(value("max(izek_workshop_seats{kind=\"paid\",state=\"offered\"})")).isGreaterThan(0);
            assertThat(value("max(izek_membership_members{status=\"active\"})")).isGreaterThan(0);
            assertThat(value("max(izek_membership_share_capital{currency=\"TRY\"})")).isGreaterThan(0);
            assertThat(value("sum(izek_outbox_published_total{type=\"coop.izek.membership.person-registered.v1\"})")).isGreaterThan(0);
        });
    }

    /**
     * Every HTTP health check the compose file and the Kubernetes manifests point at a deployable answers 200 on the
     * running platform (a probe at a path that does not exist would keep a container from ever being healthy).
     */
    @Test
    @SuppressWarnings("unchecked")
    void shouldAnswerEveryHealthCheckAndProbeTheDeploymentsUse() throws Exception {
        var checks = new TreeSet<String>();
        var deploy = OBSERVABILITY.getParent();
        var compose = (Map<String, Object>) new Yaml().load(Files.readString(deploy.resolve("compose/compose.yaml")));
        ((Map<String, Map<String, Object>>) compose.get("services")).forEach((name, service) -> {
            if (PORTS.containsKey(name) && service.get("healthcheck") instanceof Map<?, ?> health) {
                var url = ((List<String>) health.get("test")).stream().filter(word -> word.startsWith("http")).findFirst().orElseThrow();
                checks.add(name + " " + URI.create(url).getPath());
            }
        });
        var kustomize = new ProcessBuilder("kubectl", "kustomize", deploy.resolve("k8s/overlays/production").toString()).start();
        var rendered = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kustomize.waitFor(1, TimeUnit.MINUTES) && kustomize.exitValue() == 0).as("kubectl kustomize").isTrue();
        for (var document : new Yaml().loadAll(rendered)) {
            var object = (Map<String, Object>) document;
            if (!"Deployment".equals(object.get("kind"))) {
                continue;
            }
            var name = (String) ((Map<String, Object>) object.get("metadata")).get("name");
            var pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) object.get("spec"))
                    .get("template")).get("spec");
            var container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
            for (var probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                if (((Map<String, Object>) container.get(probe)).get("httpGet") instanceof Map<?, ?> get) {
                    checks.add(name + " " + get.get("path"));
                }
            }
        }
        assertThat(checks).as("health checks of the six deployables").hasSizeGreaterThanOrEqualTo(11);
        for (var check : checks) {
            var parts = check.split(" ");
            var response = platform.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.ports.get(PORTS.get(parts[0]))
                    + parts[1])).GET().build());
            assertThat(response.statusCode()).as(check + " → " + response.body()).isEqualTo(200);
        }
    }

    static final Map<String, String> PORTS = Map.of("membership-service", "MEMBERSHIP", "workshop-service", "WORKSHOP",
            "project-service", "PROJECT", "notification-service", "NOTIFICATION", "portal", "PORTAL", "gateway", "GATEWAY");

    /** Every expression in the shipped dashboards and alert rules. */
    static List<String> shippedExpressions() throws IOException {
        var expressions = new ArrayList<String>();
        try (var dashboards = Files.list(OBSERVABILITY.resolve("grafana/dashboards"))) {
            for (var file : dashboards.filter(f -> f.toString().endsWith(".json")).toList()) {
                Platform.JSON.readTree(file.toFile()).get("panels")
                        .forEach(panel -> panel.get("targets").forEach(target -> expressions.add(target.get("expr").asString())));
            }
        }
        var rules = Pattern.compile("(?m)^\\s+expr: (?:\\|\\n((?:\\s{10}.*\\n)+)|(.*))").matcher(
                Files.readString(OBSERVABILITY.resolve("prometheus/rules/izek-alerts.yml")));
        while (rules.find()) {
            expressions.add(rules.group(1) != null ? rules.group(1).strip() : rules.group(2).strip());
        }
        return expressions;
    }

    private double value(String expression) {
        var result = query(expression);
        assertThat(result).as(expression).isNotEmpty();
        return Double.parseDouble(result.get(0).get("value").get(1).asString());
    }

    private JsonNode query(String expression) {
        return api("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8)).get("result");
    }

    private JsonNode api(String path) {
        var response = platform.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
        var body = Platform.JSON.readTree(response.body());
        assertThat(body.get("status").asString()).as(path + " → " + response.body()).isEqualTo("success");
        return body.get("data");
    }

    private String log() {
        try {
            return Files.readString(folder.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
