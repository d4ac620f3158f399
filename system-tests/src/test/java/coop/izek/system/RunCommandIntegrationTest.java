package coop.izek.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.mongodb.client.MongoClients;

import coop.izek.events.Topics;
import coop.izek.testsupport.TokenAttacks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform started the way a user does ({@code ./izek up}, shared with the other system tests): walks the
 * skeleton flow through the gateway over the real broker and store, then stops it with SIGTERM, which is why this
 * class runs last.
 */
@Order(Integer.MAX_VALUE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunCommandIntegrationTest {

    static final JsonMapper JSON = Platform.JSON;

    Platform platform;
    Map<String, Integer> ports;
    Path data;
    HttpClient http;

    @BeforeAll
    void startPlatform() {
        platform = Platform.shared();
        ports = platform.ports;
        data = platform.data;
        http = platform.http;
    }

    @Test
    @Order(1)
    void shouldReportUpOnTheGatewayOnlyWithEveryServiceBehindIt() throws Exception {
        var health = get("/actuator/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asString()).isEqualTo("UP");
    }

    /**
     * Registration as a person does it: the answer says only "check your mail"; the verification mail arrives at the
     * platform's mail server, and its link (signed by notification-service) opens the page membership-service serves
     * through the gateway. Only then is the person welcomed.
     */
    @Test
    @Order(2)
    void shouldWelcomeARegisteredPersonInTheirInboxOnceTheyFollowTheLinkInTheVerificationMail() throws Exception {
        var email = "elif-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        var registered = post("/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"Guzel-sifre-42\",\"fullName\":\"Elif Şahin\",\"locale\":\"tr\"}");
        assertThat(registered.statusCode()).isEqualTo(202);
        assertThat(registered.body()).doesNotContain("personId");
        var again = post("/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"Baska-sifre-43\",\"fullName\":\"Someone\",\"locale\":\"en\"}");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(registered.body());

        verifyFromTheMail(email);

        var login = post("/api/auth/login", "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"Guzel-sifre-42\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        var token = JSON.readTree(login.body()).get("access_token").asString();

        var inbox = await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get("/api/notifications/inbox", token).body()),
                page -> page.path("total").asInt() == 1);
        JsonNode item = inbox.get("items").get(0);
        assertThat(item.get("kind").asString()).isEqualTo("WELCOME");
        assertThat(item.get("title").asString()).isEqualTo("İZEK'e hoş geldiniz");
        assertThat(item.get("body").asString()).contains("Elif Şahin");
    }

    @Test
    @Order(3)
    void shouldAnswerBadInputAndMissingTokensWithProblems() throws Exception {
        var unknownField = post("/api/auth/register", "{\"email\":\"a@b.org\",\"password\":\"Guzel-sifre-42\",\"fullName\":\"A\",\"shoeSize\":42}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        var noToken = get("/api/notifications/inbox", null);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    @Order(4)
    void shouldBootstrapTheStaffAccountWithAGeneratedPasswordKeptInTheDataFolder() throws Exception {
        var passwordFile = data.resolve("izek-data").resolve("admin-password.txt");
        var password = Files.readString(passwordFile).strip();
        assertThat(Files.readString(platform.output)).contains("board@izek.test / " + password);

        var login = post("/api/auth/login", "{\"email\":\"board@izek.test\",\"password\":\"" + password + "\"}");
        assertThat(login.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void shouldServeIdentityThroughTheGatewayAndTurnAwayTamperedTokens() throws Exception {
        var discovery = JSON.readTree(get("/.well-known/openid-configuration", null).body());
        assertThat(discovery.get("issuer").asString()).isEqualTo("http://localhost:" + ports.get("GATEWAY"));
        assertThat(get("/oauth2/jwks", null).statusCode()).isEqualTo(200);

        var password = Files.readString(data.resolve("izek-data").resolve("admin-password.txt")).strip();
        var admin = JSON.readTree(post("/api/auth/login", "{\"email\":\"board@izek.test\",\"password\":\"" + password + "\"}")
                .body()).get("access_token").asString();
        var published = com.nimbusds.jose.jwk.JWKSet.parse(get("/oauth2/jwks", null).body());
        var kid = com.nimbusds.jwt.SignedJWT.parse(admin).getHeader().getKeyID();
        // Forgeries whose payloads parse: only the signature and algorithm checks can stop them.
        for (var attack : TokenAttacks.withoutTheKey(admin, (com.nimbusds.jose.jwk.RSAKey) published.getKeyByKeyId(kid)).entrySet()) {
            var refused = get("/api/membership/applications", attack.getValue());
            assertThat(refused.statusCode()).as(attack.getKey()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(get("/api/membership/applications", admin).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void shouldTakeAnApplicantToActiveMembershipThroughTheGateway() throws Exception {
        var email = "ali-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"Guzel-sifre-42\",\"fullName\":\"Ali Öğretmen\"}");
        verifyFromTheMail(email);
        var applicant = JSON.readTree(post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"Guzel-sifre-42\"}")
                .body()).get("access_token").asString();
        var version = JSON.readTree(get("/api/membership/principles/current", null).body()).get("version").asInt();
        var application = send("POST", "/api/membership/applications", applicant, "{\"memberType\":\"EDUCATOR\",\"expertise\":[\"STEM\"],"
                + "\"motivation\":\"Robotik\",\"acceptedPrinciplesVersion\":" + version + ",\"dataProcessingConsent\":true}");
        assertThat(application.statusCode()).isEqualTo(201);
        var applicationId = JSON.readTree(application.body()).get("id").asString();
        var password = Files.readString(data.resolve("izek-data").resolve("admin-password.txt")).strip();
        var admin = JSON.readTree(post("/api/auth/login", "{\"email\":\"board@izek.test\",\"password\":\"" + password + "\"}")
                .body()).get("access_token").asString();
        // The applicant's browser listens for news through the gateway while staff decide.
        var stream = http.send(HttpRequest.newBuilder(gateway("/api/notifications/stream")).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + applicant).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        var streamed = new java.util.concurrent.CopyOnWriteArrayList<String>();
        Thread.ofVirtual().start(() -> {
            try {
                stream.body().forEach(streamed::add);
            } catch (java.io.UncheckedIOException closed) {
                // the test is over
            }
        });
        await().until(() -> streamed.contains(":connected"));

        var decision = JSON.readTree(send("POST", "/api/membership/applications/" + applicationId + "/decision", admin,
                "{\"decision\":\"APPROVE\"}").body());
        assertThat(decision.get("memberNumber").asString()).matches("IZEK-\\d{6}");
        var paid = send("POST", "/api/membership/members/" + decision.get("memberId").asString() + "/share-payments", admin,
                "{\"shares\":1,\"amount\":{\"amount\":\"100.00\",\"currency\":\"TRY\"},\"paidOn\":\""
                        + java.time.LocalDate.now().minusDays(1) + "\",\"reference\":\"DEKONT-" + UUID.randomUUID() + "\"}");
        assertThat(paid.statusCode()).isEqualTo(201);

        var me = JSON.readTree(get("/api/membership/members/me", applicant).body());
        assertThat(me.get("status").asString()).isEqualTo("ACTIVE");
        await().atMost(Duration.ofSeconds(30)).until(() -> streamed.stream().anyMatch(line -> line.startsWith("data:")
                && line.contains("APPLICATION_APPROVED")) && streamed.stream().anyMatch(line -> line.contains("MEMBER_ACTIVATED")));
        stream.body().close();
    }

    @Test
    @Order(7)
    void shouldCreateThePlatformTopicsAndKeepServiceDataInTheStore() throws Exception {
        var properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports.get("KAFKA"));
        try (var admin = Admin.create(properties)) {
            var topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (var topic : Topics.ALL) {
                assertThat(topics).contains(topic, Topics.deadLetter(topic));
            }
        }
        try (var mongo = MongoClients.create("mongodb://127.0.0.1:" + ports.get("STORE"))) {
            var hello = mongo.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.getInteger("maxWireVersion")).isGreaterThanOrEqualTo(9);
            assertThat(mongo.getDatabase("izek-membership").listCollectionNames().into(new ArrayList<>())).contains("people");
            assertThat(mongo.getDatabase("izek-notification").listCollectionNames().into(new ArrayList<>())).contains("inbox");
            // Whoever reads the store alone cannot sign a token: the signing keys are there only encrypted.
            for (var key : mongo.getDatabase("izek-membership").getCollection("signing_keys").find()) {
                assertThat(key.getString("jwk")).startsWith("enc:v1:").doesNotContain("\"d\"");
            }
        }
        var folder = data.resolve("izek-data");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        for (var secret : List.of(folder.resolve("admin-password.txt"), folder.resolve("keys").resolve("master.key"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as(secret.toString()).isEqualTo("rw-------");
        }
    }

    @Test
    @Order(8)
    void shouldStopEverythingItStartedOnSigterm() throws Exception {
        platform.process.destroy();

        // The first stop after a build also writes what each service recorded and assembles the six AOT caches from it
        // (unless the benchmark's restart stopped it once before).
        assertThat(platform.process.waitFor(300, TimeUnit.SECONDS)).as("launcher stopped").isTrue();
        var output = Files.readString(platform.output);
        assertThat(output.substring(output.lastIndexOf("izek-platform is up"))).contains("Stopped.");
        for (var port : ports.values()) {
            assertThat(listening(port)).as("port %d closed", port).isFalse();
        }
        // Each JVM ran from its extracted jar and, having stopped on the signal, left its AOT cache for the next start.
        var repository = Path.of("..").toAbsolutePath().normalize();
        for (var module : List.of("membership-service", "workshop-service", "project-service", "notification-service", "portal", "gateway")) {
            try (var files = Files.list(repository.resolve(module).resolve("target").resolve("aot"))) {
                assertThat(files.map(p -> p.getFileName().toString())).as(module).anyMatch(name -> name.endsWith(".aot"));
            }
        }
    }

    /**
     * The logs of the whole run (services, gateway, portal, broker, store and mail server) hold none of the personal
     * data and secrets the tests used: no email address at all, no name, password or token the tests sent, nor the
     * generated staff and demo passwords. (The launcher's terminal shows the demo accounts' sign-in on purpose.)
     */
    @Test
    @Order(9)
    void shouldKeepPersonalDataAndSecretsOutOfEveryLogLine() throws Exception {
        var secrets = new TreeSet<>(platform.personalData);
        secrets.add(platform.adminPassword());
        secrets.add(platform.demoPassword());
        secrets.addAll(List.of("Ali Öğretmen", "Guzel-sifre-42", "Deniz Yıldız", "Ayşe Demir", "Katarzyna Nowak"));
        var email = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
        var jwt = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}");
        var logs = new ArrayList<Path>();
        try (var files = Files.list(data.resolve("izek-data").resolve("logs"))) {
            files.forEach(logs::add);
        }
        assertThat(logs).hasSizeGreaterThan(8);
        var found = new ArrayList<String>();
        for (var log : logs) {
            int number = 0;
            // Decoded leniently: a broken byte in a log must not hide the lines around it.
            for (var line : new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList()) {
                number++;
                var where = log.getFileName() + ":" + number + ": ";
                if (email.matcher(line).find() || jwt.matcher(line).find()) {
                    found.add(where + line);
                }
                for (var secret : secrets) {
                    if (line.contains(secret)) {
                        found.add(where + "(" + secret.substring(0, 3) + "…) " + line);
                    }
                }
            }
        }
        assertThat(secrets).hasSizeGreaterThan(10);
        assertThat(found).as("log lines with personal data or secrets").isEmpty();
    }

    private void verifyFromTheMail(String email) {
        platform.verifyFromTheMail(email);
    }

    private HttpResponse<String> get(String path, String token) {
        return platform.get(path, token);
    }

    private HttpResponse<String> post(String path, String json) {
        return platform.post(path, json);
    }

    private HttpResponse<String> send(String method, String path, String token, String json) {
        return platform.send(method, path, token, json);
    }

    private URI gateway(String path) {
        return platform.gateway(path);
    }

    private static boolean listening(int port) {
        try (var socket = new Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
