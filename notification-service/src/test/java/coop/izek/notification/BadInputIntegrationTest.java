package coop.izek.notification;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.events.ProjectEvents;
import coop.izek.testsupport.TestTokens;

/**
 * Every notification endpoint answers malformed input with a 400 problem naming the field, non-JSON with 415, and
 * well-formed requests that break a rule with 422; never a 500.
 */
@NotificationIntegrationTest
class BadInputIntegrationTest {

    static final String PREFERENCES = "{\"locale\":\"tr\",\"channels\":{\"EMAIL\":true,\"IN_APP\":true},"
            + "\"quietHours\":{\"start\":\"22:00\",\"end\":\"08:00\"},\"categories\":{\"WORKSHOPS\":{\"EMAIL\":true}}}";
    static final String WEBHOOK = "{\"url\":\"http://127.0.0.1:9/hooks\",\"eventTypes\":[\"" + ProjectEvents.PARTNER_ADDED.name() + "\"]}";

    static final String PERSON = "Bearer " + TestTokens.forPerson("bad-input-person");
    static final String PARTNER = "Bearer " + TestTokens.forPartner("bad-input-client", "bad-input-organisation");
    static final String STAFF = "Bearer " + TestTokens.forPerson("bad-input-staff", "ADMIN");

    @LocalServerPort
    int port;

    RestTestClient client;

    @BeforeEach
    void setUp() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("PUT", "/api/notifications/preferences", PREFERENCES.replace("\"tr\"", "\"de\""), "locale"),
                Arguments.of("PUT", "/api/notifications/preferences", PREFERENCES.replace("\"channels\":{\"EMAIL\":true,\"IN_APP\":true},", ""), "channels"),
                Arguments.of("PUT", "/api/notifications/preferences", PREFERENCES.replace("\"22:00\"", "\"25:00\""), "quietHours.start"),
                Arguments.of("PUT", "/api/notifications/preferences", PREFERENCES.replace("\"EMAIL\":true,", "\"FAX\":true,"), "channels"),
                Arguments.of("PUT", "/api/notifications/preferences", PREFERENCES.replace("\"WORKSHOPS\"", "\"GOSSIP\""), "categories"),
                Arguments.of("PUT", "/api/notifications/preferences", PREFERENCES.replace("}}}", "}},\"phone\":\"0532\"}"), "phone"),
                Arguments.of("POST", "/api/notifications/webhooks", WEBHOOK.replace("\"url\":\"http://127.0.0.1:9/hooks\",", ""), "url"),
                Arguments.of("POST", "/api/notifications/webhooks", WEBHOOK.replace("http://127.0.0.1:9/hooks", "https://x.example/" + "a".repeat(2000)), "url"),
                Arguments.of("POST", "/api/notifications/webhooks", "{\"url\":\"http://127.0.0.1:9/hooks\",\"eventTypes\":[]}", "eventTypes"),
                Arguments.of("POST", "/api/notifications/webhooks", "{\"url\":\"http://127.0.0.1:9/hooks\",\"eventTypes\":[\"\"]}", "eventTypes[0]"),
                Arguments.of("POST", "/api/notifications/webhooks", "{\"url\":\"http://127.0.0.1:9/hooks\",\"eventTypes\":\"all\"}", "eventTypes"));
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("malformedBodies")
    void shouldAnswerMalformedBodyWithFieldProblem(String method, String path, String body, String field) {
        client.method(HttpMethod.valueOf(method)).uri(path).header("Authorization", bearerFor(path))
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.errors[?(@.field == '" + field + "')]").exists();
    }

    @Test
    void shouldAnswerTruncatedJsonWithUnreadableBodyProblem() {
        client.put().uri("/api/notifications/preferences").header("Authorization", PERSON).contentType(MediaType.APPLICATION_JSON)
                .body("{\"locale\":").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unreadable-body");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformedBodies")
    void shouldRefuseBodiesThatAreNotJson(String method, String path, String body, String field) {
        client.method(HttpMethod.valueOf(method)).uri(path).header("Authorization", bearerFor(path))
                .contentType(MediaType.TEXT_PLAIN).body(body).exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    static Stream<Arguments> malformedQueries() {
        return Stream.of(
                Arguments.of(PERSON, "/api/notifications/inbox?size=0", "size"),
                Arguments.of(PERSON, "/api/notifications/inbox?page=-1", "page"),
                Arguments.of(PERSON, "/api/notifications/inbox?unread=maybe", "unread"),
                Arguments.of(STAFF, "/api/notifications/deliveries?channel=FAX", "channel"),
                Arguments.of(STAFF, "/api/notifications/deliveries?status=LOST", "status"),
                Arguments.of(STAFF, "/api/notifications/failures?size=1000", "size"),
                Arguments.of(PARTNER, "/api/notifications/webhooks/any/deliveries?size=1000", "size"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedQueries")
    void shouldAnswerMalformedQueryWithFieldProblem(String bearer, String path, String field) {
        client.get().uri(path).header("Authorization", bearer).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.errors[?(@.field == '" + field + "')]").exists();
    }

    static Stream<Arguments> refusedWebhooks() {
        return Stream.of(
                Arguments.of(Map.of("url", "not a url", "eventTypes", List.of(ProjectEvents.PARTNER_ADDED.name())), "receiver-refused"),
                Arguments.of(Map.of("url", "ftp://127.0.0.1/hooks", "eventTypes", List.of(ProjectEvents.PARTNER_ADDED.name())), "receiver-refused"),
                Arguments.of(Map.of("url", "/relative/hooks", "eventTypes", List.of(ProjectEvents.PARTNER_ADDED.name())), "receiver-refused"),
                Arguments.of(Map.of("url", "http://127.0.0.1:9/hooks", "eventTypes", List.of("coop.izek.membership.person-registered.v1")),
                        "unknown-event-type"),
                // Which educators a project assigned is about people, not for partners' systems.
                Arguments.of(Map.of("url", "http://127.0.0.1:9/hooks", "eventTypes", List.of(ProjectEvents.EDUCATOR_ASSIGNED.name())),
                        "unknown-event-type"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("refusedWebhooks")
    void shouldRefuseWebhooksThePlatformWillNotCall(Map<String, Object> body, String problem) {
        client.post().uri("/api/notifications/webhooks").header("Authorization", PARTNER)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/" + problem);
    }

    @Test
    void shouldRequirePhoneNumberForSms() {
        client.put().uri("/api/notifications/preferences").header("Authorization", PERSON).contentType(MediaType.APPLICATION_JSON)
                .body(PREFERENCES.replace("\"IN_APP\":true", "\"IN_APP\":true,\"SMS\":true")).exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/phone-required");
    }

    @Test
    void shouldAnswerUnknownThingsWithNotFoundProblems() {
        client.post().uri("/api/notifications/inbox/nope/read").header("Authorization", PERSON).exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.post().uri("/api/notifications/failures/nope/replay").header("Authorization", STAFF).exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.post().uri("/api/notifications/webhooks/nope/enable").header("Authorization", PARTNER).exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/api/notifications/nothing-here").header("Authorization", PERSON).exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldKeepStaffLogsFromEveryoneElse() {
        client.get().uri("/api/notifications/deliveries").header("Authorization", PERSON).exchange().expectStatus().isForbidden();
        client.get().uri("/api/notifications/deliveries").header("Authorization", PARTNER).exchange().expectStatus().isForbidden();
        client.get().uri("/api/notifications/webhooks").header("Authorization", PERSON).exchange().expectStatus().isForbidden();
    }

    private static String bearerFor(String path) {
        return path.contains("webhooks") ? PARTNER : PERSON;
    }

    /** Forged, expired and misdirected tokens reach this service's own checks too (behind the gateway, it checks again). */
    @Test
    void shouldRefuseForgedExpiredAndMisdirectedTokens() {
        client.get().uri("/api/notifications/inbox").header("Authorization", PERSON).exchange().expectStatus().isOk();
        TestTokens.attacksOn("bad-input-person").forEach((attack, token) ->
                client.get().uri("/api/notifications/inbox").header("Authorization", "Bearer " + token).exchange()
                        .expectStatus().value(status -> org.assertj.core.api.Assertions.assertThat(status).as(attack).isEqualTo(401)));
    }
}
