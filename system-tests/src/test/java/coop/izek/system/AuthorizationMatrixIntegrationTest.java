package coop.izek.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may do what, through the gateway against the running services: every documented operation (the gateway's
 * OpenAPI document, itself checked against the route table) is called as each kind of caller, and must answer
 * exactly the status {@code authorization-matrix.txt} gives. An operation the matrix does not list, or lists but no
 * longer exists, fails the test too, so new endpoints cannot go unchecked.
 * <p>
 * Rows run in file order, callers left to right, against the demo data, so a row's later callers see what its earlier
 * ones changed (the owner cancels the workshop, then staff find it cancelled). Bodies default to {@code {}}: for
 * those allowed in, that is a validation problem (400), which proves they got past the access checks.
 * <p>
 * With {@code -Dizek.matrix.record=true} each row's answers are printed in the file's own format (in the failsafe
 * report's output), to review line by line when the API changes; with {@code -Dizek.system.attach=...} (see
 * {@link Platform}) against a platform already running.
 */
// After the resilience suite, which enrols in the demo educator's workshops; this erases the demo people.
@Order(3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIntegrationTest {

    static final List<String> CALLERS = List.of("anonymous", "unverified", "learner", "parent", "member", "educator-owning",
            "educator-other", "staff", "partner-own", "partner-other");
    static final Pattern FIXTURE = Pattern.compile("\\$\\{([a-z-]+)}");

    Platform platform;
    final Map<String, String> tokens = new LinkedHashMap<>();
    final Map<String, String> fixtures = new LinkedHashMap<>();

    @BeforeAll
    void signInEveryKindOfCaller() throws java.text.ParseException {
        platform = Platform.shared();
        var demo = platform.demoPassword();
        var suffix = UUID.randomUUID().toString().substring(0, 8);
        var admin = platform.admin();
        // A staff account of the test's own, made by the first: the matrix ends with everyone erasing themselves.
        var colleague = platform.register("staff-" + suffix + "@example.org", "Guzel-sifre-42", "Kurul Üyesi", true);
        var colleagueId = com.nimbusds.jwt.SignedJWT.parse(colleague).getJWTClaimsSet().getSubject();
        assertThat(platform.send("POST", "/api/membership/admin/staff", admin, "{\"personId\":\"" + colleagueId + "\"}").statusCode())
                .isEqualTo(204);
        var staff = platform.signIn("staff-" + suffix + "@example.org", "Guzel-sifre-42");
        tokens.put("anonymous", null);
        tokens.put("unverified", platform.register("unverified-" + suffix + "@example.org", "Guzel-sifre-42", "Henüz Doğrulanmadı", false));
        tokens.put("learner", platform.register("learner-" + suffix + "@example.org", "Guzel-sifre-42", "Öğrenci Kişi", true));
        tokens.put("parent", platform.signIn("deniz.yildiz@demo.izek.coop", demo));
        tokens.put("member", platform.signIn("hasan.celik@demo.izek.coop", demo));
        tokens.put("educator-owning", platform.signIn("ayse.demir@demo.izek.coop", demo));
        tokens.put("educator-other", platform.signIn("selin.aydin@demo.izek.coop", demo));
        tokens.put("staff", staff);
        tokens.put("partner-own", platform.partner("demo-org-glokal"));
        var outsider = platform.json(platform.send("POST", "/api/membership/organisations", staff,
                "{\"name\":\"Dış Kurum " + suffix + "\",\"type\":\"NGO\",\"country\":\"TR\",\"contactEmail\":\"info-" + suffix
                        + "@example.org\"}"));
        tokens.put("partner-other", platform.partner(outsider.get("organisationId").asString()));
        fixtures.put("workshop", "demo-workshop-01");
        fixtures.put("workshop-to-cancel", "demo-workshop-12");
        fixtures.put("project", "demo-project-learncity");
        fixtures.put("organisation", "demo-org-glokal");
        fixtures.put("member", platform.json(platform.get("/api/membership/members/me", tokens.get("member"))).get("id").asString());
        fixtures.put("session", platform.json(platform.get("/api/workshops/demo-workshop-01", null)).get("sessions").get(0).get("id").asString());
    }

    @Test
    void shouldAnswerEveryOperationForEveryKindOfCallerExactlyAsTheMatrixSays() {
        var rows = rows();
        var documented = documentedOperations();
        assertThat(new TreeSet<>(rows.stream().map(Row::operation).toList())).as("operations in the matrix")
                .isEqualTo(documented);

        var differences = new ArrayList<String>();
        var record = Boolean.getBoolean("izek.matrix.record");
        for (var row : rows) {
            var actual = new ArrayList<String>();
            for (int i = 0; i < CALLERS.size(); i++) {
                var response = row.path().endsWith("/stream") ? platform.openStream(row.path(), tokens.get(CALLERS.get(i)))
                        : platform.send(row.method(), resolve(row.path()), tokens.get(CALLERS.get(i)), row.body());
                var status = Integer.toString(response.statusCode());
                actual.add(status);
                var type = response.headers().firstValue("Content-Type").orElse("");
                if (response.statusCode() >= 500 || response.statusCode() >= 400 && row.path().startsWith("/api/")
                        && !type.startsWith("application/problem+json")) {
                    differences.add(row.operation() + " as " + CALLERS.get(i) + ": " + status + " " + type + " is not a problem response");
                }
                if (!status.equals(row.expected().get(i))) {
                    differences.add(row.operation() + " as " + CALLERS.get(i) + ": expected " + row.expected().get(i) + ", got " + status
                            + " " + response.body().substring(0, Math.min(200, response.body().length())));
                }
            }
            if (record) {
                System.out.println("recorded: " + row.line(actual));
            }
        }
        assertThat(differences).isEmpty();
    }

    private String resolve(String path) {
        var matcher = FIXTURE.matcher(path);
        var resolved = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(resolved, Objects.requireNonNull(fixtures.get(matcher.group(1)), matcher.group()));
        }
        return matcher.appendTail(resolved).toString();
    }

    private TreeSet<String> documentedOperations() {
        var operations = new TreeSet<String>();
        platform.json(platform.get("/v3/api-docs", null)).get("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> {
                    if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
                        operations.add(method.toUpperCase() + " " + path.getKey());
                    }
                }));
        return operations;
    }

    /** {@code METHOD TEMPLATE | statuses per caller | concrete path (default: the template) | body (default: {} to write)} */
    record Row(String method, String template, List<String> expected, String path, String body) {
        String operation() {
            return method + " " + template;
        }

        String line(List<String> statuses) {
            var line = operation() + " | " + String.join(" ", statuses);
            if (!path.equals(template) || body != null && !"{}".equals(body)) {
                line += " | " + path;
            }
            if (body != null && !"{}".equals(body) || body == null && List.of("POST", "PUT", "PATCH").contains(method)) {
                line += " | " + (body == null ? "-" : body);
            }
            return line;
        }
    }

    static List<Row> rows() {
        try (var in = AuthorizationMatrixIntegrationTest.class.getResourceAsStream("/authorization-matrix.txt")) {
            var rows = new ArrayList<Row>();
            for (var line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                var parts = Arrays.stream(line.split("\\|")).map(String::strip).toList();
                var operation = parts.get(0).split(" ");
                var statuses = List.of(parts.get(1).split("\\s+"));
                assertThat(statuses).as(line).hasSize(CALLERS.size());
                var path = parts.size() > 2 ? parts.get(2) : operation[1];
                var writes = List.of("POST", "PUT", "PATCH").contains(operation[0]);
                var body = parts.size() > 3 ? ("-".equals(parts.get(3)) ? null : parts.get(3)) : writes ? "{}" : null;
                rows.add(new Row(operation[0], operation[1], statuses, path, body));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
