package coop.izek.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.mongodb.client.MongoClients;

import coop.izek.testsupport.TokenAttacks;

/**
 * What an attacker sends, through the gateway to the running services: operator injection in bodies, query strings
 * and paths, oversized, deeply nested, malformed and wrongly typed bodies, path traversal and odd encodings, spoofed
 * headers and forged tokens. Every answer is a refusal with a problem body (never a 500 or a trace), and the records
 * the requests aimed at are as they were. Runs first, on the demo data as loaded.
 */
@Order(1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIntegrationTest {

    Platform platform;
    String admin;
    String learner;

    @BeforeAll
    void signIn() {
        platform = Platform.shared();
        admin = platform.admin();
        learner = platform.register("hostile-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.org",
                "Guzel-sifre-42", "Deneme Kişi", true);
    }

    @Test
    void shouldRefuseEveryHostileRequestWithAProblemAndLeaveTheRecordsAsTheyWere() {
        var before = records();
        var refusals = new ArrayList<String>();
        for (var attack : attacks()) {
            var response = platform.send(attack.request());
            var type = response.headers().firstValue("Content-Type").orElse("");
            var body = response.body();
            if (attack.plain() != null && response.statusCode() == 200) {
                // A parameter the API does not know is ignored, never read as an operator: the same answer as without it.
                if (!body.equals(platform.send(attack.plain()).body())) {
                    refusals.add(attack.name() + ": the hostile parameter changed the answer");
                }
                continue;
            }
            if (response.statusCode() < 400 || response.statusCode() >= 500 || !type.startsWith("application/problem+json")
                    || body.contains("Exception") || body.contains("\tat ") || body.contains("Whitelabel")) {
                refusals.add(attack.name() + ": " + response.statusCode() + " " + type + " " + body.substring(0, Math.min(300, body.length())));
            }
        }

        assertThat(refusals).as("answers that were not a clean refusal").isEmpty();
        assertThat(records()).as("the records the attacks aimed at").isEqualTo(before);
    }

    @Test
    void shouldTurnAwayForgedTokensAtTheGatewayAndTheServices() throws Exception {
        var published = com.nimbusds.jose.jwk.JWKSet.parse(platform.get("/oauth2/jwks", null).body());
        var kid = com.nimbusds.jwt.SignedJWT.parse(admin).getHeader().getKeyID();
        for (var attack : TokenAttacks.withoutTheKey(admin, (com.nimbusds.jose.jwk.RSAKey) published.getKeyByKeyId(kid)).entrySet()) {
            for (var path : List.of("/api/membership/members", "/api/workshops/settlements?month=2026-11", "/api/projects/portfolio?currency=EUR",
                    "/api/notifications/deliveries")) {
                var refused = platform.get(path, attack.getValue());
                assertThat(refused.statusCode()).as(attack.getKey() + " at " + path).isEqualTo(401);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
        }
    }

    @Test
    void shouldIgnoreWhatAClientSaysAboutTheHostItReached() {
        var discovery = platform.send(HttpRequest.newBuilder(platform.gateway("/.well-known/openid-configuration"))
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https").header("Forwarded", "host=evil.example")
                .header("X-Forwarded-For", "10.9.8.7").build());

        assertThat(platform.json(discovery).get("token_endpoint").asString())
                .isEqualTo("http://localhost:" + platform.ports.get("GATEWAY") + "/oauth2/token");
    }

    /** @param plain for a hostile query parameter, the same request without it */
    record Attack(String name, HttpRequest request, HttpRequest plain) {
        Attack(String name, HttpRequest request) {
            this(name, request, null);
        }
    }

    private List<Attack> attacks() {
        var attacks = new ArrayList<Attack>();
        // Operator injection in bodies: a sign-in that matches anyone, a registration, an enrolment, a project change.
        attacks.add(json("login with $ne", "POST", "/api/auth/login", null, "{\"email\":{\"$ne\":null},\"password\":{\"$ne\":null}}"));
        attacks.add(json("login with $where", "POST", "/api/auth/login", null, "{\"email\":\"board@izek.test\",\"password\":{\"$where\":\"1==1\"}}"));
        attacks.add(json("login with $regex", "POST", "/api/auth/login", null, "{\"email\":{\"$regex\":\".*\"},\"password\":\"x\"}"));
        attacks.add(json("register with operators", "POST", "/api/auth/register", null,
                "{\"email\":{\"$gt\":\"\"},\"password\":\"Guzel-sifre-42\",\"fullName\":{\"$ne\":null}}"));
        attacks.add(json("enrolment with $where", "POST", "/api/workshops/demo-workshop-01/enrolments", learner,
                "{\"participants\":[{\"$where\":\"sleep(1000)\"}]}"));
        attacks.add(json("workshop change with $set", "POST", "/api/workshops/demo-workshop-01/cancel", learner,
                "{\"reason\":{\"$set\":{\"status\":\"CANCELLED\"}}}"));
        attacks.add(json("deliverable with operators", "PATCH", "/api/projects/demo-project-learncity/deliverables/D3.1", admin,
                "{\"status\":{\"$ne\":\"APPROVED\"}}"));
        // ... in query strings and paths.
        attacks.add(query("query with $ne", "/api/workshops", "q%5B%24ne%5D=x", null));
        attacks.add(query("query with $regex", "/api/workshops?category=STEM", "district%5B%24regex%5D=.*", null));
        attacks.add(query("query with $where", "/api/membership/members?size=50", "status%5B%24where%5D=1", admin));
        attacks.add(get("query with $gt in a typed parameter", "/api/workshops?age%5B%24gt%5D=0&age=abc"));
        attacks.add(get("id that is an operator", "/api/workshops/%7B%22%24ne%22%3Anull%7D"));
        attacks.add(get("certificate code with $regex", "/api/certificates/%7B%22%24regex%22%3A%22.*%22%7D"));
        // Oversized, deeply nested, malformed and wrongly typed bodies.
        attacks.add(json("two megabytes", "POST", "/api/auth/register", null, "{\"fullName\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}"));
        attacks.add(json("nested ten thousand deep", "POST", "/api/auth/login", null, "[".repeat(10_000) + "]".repeat(10_000)));
        attacks.add(json("nested objects", "POST", "/api/workshops", admin, "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
        attacks.add(json("cut short", "POST", "/api/auth/login", null, "{\"email\":\"board@izek.test\",\"pass"));
        attacks.add(json("not json", "POST", "/api/membership/applications", learner, "<xml>hello</xml>"));
        attacks.add(json("wrong types", "POST", "/api/auth/login", null, "{\"email\":123,\"password\":[true]}"));
        attacks.add(json("wrong types in an enrolment", "POST", "/api/workshops/demo-workshop-01/enrolments", learner,
                "{\"participants\":\"everyone\",\"seatType\":42}"));
        attacks.add(json("huge number", "POST", "/api/projects/exchange-rates", admin,
                "{\"from\":\"EUR\",\"to\":\"TRY\",\"rate\":1e999999999,\"validOn\":\"2026-12-01\"}"));
        // Path traversal and odd encodings in ids.
        for (var path : List.of("/api/workshops/..%2F..%2Factuator%2Fenv", "/api/workshops/%2e%2e/%2e%2e/actuator/env",
                "/api/projects/..;/..;/actuator/env", "/api/workshops/%00", "/api/workshops/a%2Fb",
                "/api/workshops/%252e%252e%252factuator", "/api/membership/members/%C0%AE%C0%AE", "/api/workshops/%C3")) {
            attacks.add(get("path " + path, path, admin));
        }
        return attacks;
    }

    private Attack query(String name, String path, String hostile, String token) {
        var withIt = get(name, path + (path.contains("?") ? "&" : "?") + hostile, token).request();
        return new Attack(name, withIt, get(name, path, token).request());
    }

    private Attack get(String name, String path) {
        return get(name, path, null);
    }

    private Attack get(String name, String path, String token) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.ports.get("GATEWAY") + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return new Attack(name, request.build());
    }

    private Attack json(String name, String method, String path, String token, String body) {
        var request = HttpRequest.newBuilder(platform.gateway(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return new Attack(name, request.build());
    }

    /** The records the attacks aim at, read straight from the store. */
    private Map<String, Object> records() {
        try (var mongo = MongoClients.create("mongodb://127.0.0.1:" + platform.ports.get("STORE"))) {
            var records = new LinkedHashMap<String, Object>();
            var membership = mongo.getDatabase("izek-membership");
            records.put("people", membership.getCollection("people").find().into(new ArrayList<>()).toString());
            records.put("workshop", mongo.getDatabase("izek-workshop").getCollection("workshops").find(new Document("_id", "demo-workshop-01")).first());
            records.put("deliverables", mongo.getDatabase("izek-project").getCollection("deliverables").find().into(new ArrayList<>()).toString());
            records.put("rates", mongo.getDatabase("izek-project").getCollection("exchange_rates").countDocuments());
            return records;
        }
    }
}
