package coop.izek.workshop;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import coop.izek.testsupport.IntegrationTest;
import coop.izek.workshop.directory.Directory;

/** Every workshop endpoint answers malformed input with a 400 problem naming the field, and non-JSON with 415. */
@IntegrationTest
class BadInputIntegrationTest {

    private static final String VALID_WORKSHOP = "{\"title\":{\"tr\":\"Satranç\"},\"category\":\"STEM\",\"targetGroups\":[\"ADULTS\"],"
            + "\"language\":\"tr\",\"venue\":{\"name\":\"Kütüphane\",\"district\":\"Bornova\",\"city\":\"İzmir\"},"
            + "\"sessions\":[{\"start\":\"2030-01-01T10:00:00+03:00\",\"end\":\"2030-01-01T12:00:00+03:00\"}],"
            + "\"capacity\":10,\"price\":\"100.00\",\"memberPrice\":\"80.00\"}";

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    Fixtures fixtures;
    Fixtures.Person educator;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(port, directory);
        educator = fixtures.member("EDUCATOR");
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("POST", "/api/workshops", VALID_WORKSHOP.replace("\"STEM\"", "\"ASTROLOGY\""), "category"),
                Arguments.of("POST", "/api/workshops", VALID_WORKSHOP.replace("\"capacity\":10", "\"capacity\":10,\"learningCityFeatures\":[\"happy-city\"]"),
                        "learningCityFeatures[0]"),
                Arguments.of("POST", "/api/workshops", VALID_WORKSHOP.replace("\"capacity\":10", "\"capacity\":0"), "capacity"),
                Arguments.of("POST", "/api/workshops", VALID_WORKSHOP.replace("\"language\":\"tr\"", "\"language\":\"de\""), "language"),
                Arguments.of("POST", "/api/workshops", VALID_WORKSHOP.replace("2030-01-01T10:00:00+03:00", "next monday"), "sessions[0].start"),
                Arguments.of("POST", "/api/workshops", VALID_WORKSHOP.replace("\"price\":\"100.00\"", "\"price\":\"a lot\""), "price"),
                // Three characters on the wire, three hundred million digits once rescaled to kuruş.
                Arguments.of("POST", "/api/workshops", VALID_WORKSHOP.replace("\"price\":\"100.00\"", "\"price\":\"1E+300000000\""), "price"),
                Arguments.of("POST", "/api/workshops", VALID_WORKSHOP.replace("\"price\":\"100.00\"", "\"price\":1E+300000000"), "price"),
                Arguments.of("POST", "/api/workshops", VALID_WORKSHOP.replace("\"title\":{\"tr\":\"Satranç\"},", ""), "title"),
                Arguments.of("POST", "/api/workshops", VALID_WORKSHOP.replace("\"city\":\"İzmir\"", "\"city\":\"\""), "venue.city"),
                Arguments.of("POST", "/api/workshops/any/enrolments", "{\"participants\":[]}", "participants"),
                Arguments.of("POST", "/api/workshops/any/enrolments", "{\"participants\":[{\"self\":true}],\"seatType\":\"VIP\"}", "seatType"),
                Arguments.of("POST", "/api/workshops/any/enrolments/any/review", "{\"decision\":\"MAYBE\"}", "decision"),
                Arguments.of("POST", "/api/workshops/any/enrolments/any/review", "{}", "decision"),
                Arguments.of("POST", "/api/workshops/any/cancel", "{\"reason\":\"" + "x".repeat(1001) + "\"}", "reason"),
                Arguments.of("PUT", "/api/workshops/any/sessions/any/attendance", "{}", "present"),
                Arguments.of("PUT", "/api/workshops/any/sessions/any/attendance", "{\"present\":[\"\"]}", "present[0]"));
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("malformedBodies")
    void shouldAnswerMalformedBodyWithFieldProblem(String method, String path, String body, String field) {
        var bearer = path.endsWith("/review") ? fixtures.staff().bearer() : educator.bearer();
        fixtures.client().method(HttpMethod.valueOf(method)).uri(path).header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.errors[?(@.field == '" + field + "')]").exists();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformedBodies")
    void shouldRefuseBodiesThatAreNotJson(String method, String path, String body, String field) {
        fixtures.client().method(HttpMethod.valueOf(method)).uri(path).header("Authorization", educator.bearer())
                .contentType(MediaType.TEXT_PLAIN).body(body).exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    static Stream<Arguments> malformedQueries() {
        return Stream.of(
                Arguments.of("/api/workshops?category=ASTROLOGY", "category"),
                Arguments.of("/api/workshops?age=ten", "age"),
                Arguments.of("/api/workshops?age=-1", "age"),
                Arguments.of("/api/workshops?from=yesterday", "from"),
                Arguments.of("/api/workshops?size=1000", "size"),
                Arguments.of("/api/workshops/enrolments/mine?page=-1", "page"),
                Arguments.of("/api/workshops/settlements/mine?month=2027-13", "month"),
                Arguments.of("/api/workshops/settlements/mine", "month"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedQueries")
    void shouldAnswerMalformedQueryWithFieldProblem(String path, String field) {
        fixtures.get(educator, path)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.errors[?(@.field == '" + field + "')]").exists();
    }

    /** Forged, expired and misdirected tokens reach this service's own checks too (behind the gateway, it checks again). */
    @org.junit.jupiter.api.Test
    void shouldRefuseForgedExpiredAndMisdirectedTokens() {
        fixtures.get(educator, "/api/workshops/enrolments/mine").expectStatus().isOk();
        coop.izek.testsupport.TestTokens.attacksOn(educator.id(), "MEMBER", "EDUCATOR").forEach((attack, token) ->
                fixtures.client().get().uri("/api/workshops/enrolments/mine").header("Authorization", "Bearer " + token).exchange()
                        .expectStatus().value(status -> org.assertj.core.api.Assertions.assertThat(status).as(attack).isEqualTo(401)));
    }
}
