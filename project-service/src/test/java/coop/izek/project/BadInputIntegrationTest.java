package coop.izek.project;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import coop.izek.project.directory.Directory;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.testsupport.TestTokens;

/** Every project endpoint answers malformed input with a 400 problem naming the field, and non-JSON with 415. */
@IntegrationTest
class BadInputIntegrationTest {

    private static final String PROJECT = "{\"acronym\":\"BADIN\",\"title\":\"T\",\"programme\":\"ERASMUS_PLUS\","
            + "\"coordinatorOrganisationId\":\"izek\",\"startDate\":\"2027-01-01\",\"endDate\":\"2028-01-01\",\"currency\":\"EUR\"}";
    private static final String MOBILITY = "{\"type\":\"TRAINING\",\"title\":\"T\",\"workPackage\":\"WP1\",\"sendingOrganisationId\":\"a\","
            + "\"receivingOrganisationId\":\"b\",\"country\":\"PL\",\"startDate\":\"2027-01-01\",\"endDate\":\"2027-01-02\","
            + "\"participants\":{\"EDUCATORS\":2}}";
    private static final String DELIVERABLE = "{\"code\":\"D1.1\",\"title\":\"T\",\"workPackage\":\"WP1\",\"dueDate\":\"2027-01-01\","
            + "\"responsibleOrganisationId\":\"izek\"}";

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    ProjectFixtures fixtures;
    ProjectFixtures.Caller staff;
    String projectId;

    @BeforeEach
    void setUp() {
        fixtures = new ProjectFixtures(port, directory);
        staff = fixtures.staff();
        projectId = fixtures.project(staff, ProjectFixtures.COOPERATIVE);
        fixtures.workPackage(staff, projectId, 1, ProjectFixtures.COOPERATIVE);
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("POST", "/api/projects/calls", "{\"programme\":\"LOTTERY\",\"reference\":\"R\",\"title\":\"T\","
                        + "\"deadline\":\"2027-01-01\",\"maxBudget\":{\"amount\":\"1\",\"currency\":\"EUR\"}}", "programme"),
                Arguments.of("POST", "/api/projects/calls", "{\"programme\":\"ERASMUS_PLUS\",\"reference\":\"R\",\"title\":\"T\","
                        + "\"deadline\":\"soon\",\"maxBudget\":{\"amount\":\"1\",\"currency\":\"EUR\"}}", "deadline"),
                Arguments.of("POST", "/api/projects/calls", "{\"programme\":\"ERASMUS_PLUS\",\"reference\":\"R\",\"title\":\"T\","
                        + "\"deadline\":\"2027-01-01\",\"maxBudget\":{\"amount\":\"1E+300000000\",\"currency\":\"EUR\"}}", "maxBudget"),
                Arguments.of("POST", "/api/projects", PROJECT.replace("\"ERASMUS_PLUS\"", "\"LOTTERY\""), "programme"),
                Arguments.of("POST", "/api/projects", PROJECT.replace("\"acronym\":\"BADIN\",", ""), "acronym"),
                Arguments.of("POST", "/api/projects", PROJECT.replace("\"BADIN\"", "\"no spaces allowed\""), "acronym"),
                Arguments.of("POST", "/api/projects", PROJECT.replace("\"EUR\"", "\"EURO\""), "currency"),
                Arguments.of("POST", "/api/projects", PROJECT.replace("\"EUR\"", "\"XYZ\""), "currency"),
                Arguments.of("POST", "/api/projects", PROJECT.replace("\"startDate\":\"2027-01-01\"", "\"startDate\":\"2027-13-01\""), "startDate"),
                Arguments.of("POST", "/api/projects", PROJECT.replace("}", ",\"sdgs\":[18]}"), "sdgs[0]"),
                Arguments.of("POST", "/api/projects", PROJECT.replace("}", ",\"learningCityFeatures\":[\"HAPPY_CITY\"]}"),
                        "learningCityFeatures[0]"),
                Arguments.of("POST", "/api/projects/{id}/transitions", "{\"to\":\"FINISHED\"}", "to"),
                Arguments.of("POST", "/api/projects/{id}/transitions", "{}", "to"),
                Arguments.of("POST", "/api/projects/{id}/partners", "{\"organisationId\":\"x\",\"role\":\"SPONSOR\"}", "role"),
                Arguments.of("POST", "/api/projects/{id}/partners", "{\"role\":\"PARTNER\"}", "organisationId"),
                Arguments.of("POST", "/api/projects/{id}/work-packages", "{\"number\":0,\"title\":\"T\",\"leadOrganisationId\":\"izek\"}", "number"),
                Arguments.of("POST", "/api/projects/{id}/work-packages", "{\"number\":\"two\",\"title\":\"T\",\"leadOrganisationId\":\"izek\"}", "number"),
                Arguments.of("POST", "/api/projects/{id}/work-packages", "{\"number\":2,\"title\":\"T\",\"leadOrganisationId\":\"izek\","
                        + "\"budget\":[{\"organisationId\":\"izek\",\"amount\":{\"amount\":\"much\",\"currency\":\"EUR\"}}]}", "budget[0].amount"),
                Arguments.of("POST", "/api/projects/{id}/work-packages", "{\"number\":2,\"title\":\"T\",\"leadOrganisationId\":\"izek\","
                        + "\"budget\":[{\"organisationId\":\"izek\"}]}", "budget[0].amount"),
                Arguments.of("POST", "/api/projects/{id}/deliverables", DELIVERABLE.replace("\"D1.1\"", "\"Deliverable one\""), "code"),
                Arguments.of("POST", "/api/projects/{id}/deliverables", DELIVERABLE.replace("\"WP1\"", "\"first\""), "workPackage"),
                Arguments.of("POST", "/api/projects/{id}/deliverables", DELIVERABLE.replace("\"dueDate\":\"2027-01-01\",", ""), "dueDate"),
                Arguments.of("PATCH", "/api/projects/{id}/deliverables/D1.1", "{\"status\":\"DONE\"}", "status"),
                Arguments.of("PATCH", "/api/projects/{id}/deliverables/D1.1", "{}", "status"),
                Arguments.of("PATCH", "/api/projects/{id}/deliverables/D1.1", "{\"dueDate\":\"tomorrow\"}", "dueDate"),
                Arguments.of("POST", "/api/projects/{id}/milestones", "{\"code\":\"Milestone\",\"title\":\"T\",\"workPackage\":\"WP1\","
                        + "\"dueDate\":\"2027-01-01\"}", "code"),
                Arguments.of("POST", "/api/projects/{id}/milestones/M1/reached", "{}", "on"),
                Arguments.of("POST", "/api/projects/{id}/educators", "{\"personId\":\"\"}", "personId"),
                Arguments.of("POST", "/api/projects/{id}/mobilities", MOBILITY.replace("\"TRAINING\"", "\"HOLIDAY\""), "type"),
                Arguments.of("POST", "/api/projects/{id}/mobilities", MOBILITY.replace("\"PL\"", "\"Poland\""), "country"),
                Arguments.of("POST", "/api/projects/{id}/mobilities", MOBILITY.replace("\"PL\"", "\"XX\""), "country"),
                Arguments.of("POST", "/api/projects/{id}/mobilities", MOBILITY.replace("{\"EDUCATORS\":2}", "{\"PETS\":2}"), "participants"),
                Arguments.of("POST", "/api/projects/{id}/mobilities", MOBILITY.replace("{\"EDUCATORS\":2}", "{\"EDUCATORS\":-2}"), "participants"),
                Arguments.of("POST", "/api/projects/{id}/mobilities", MOBILITY.replace("{\"EDUCATORS\":2}", "{}"), "participants"),
                Arguments.of("POST", "/api/projects/{id}/mobilities", MOBILITY.replace("\"WP1\"", "\"WP one\""), "workPackage"),
                Arguments.of("POST", "/api/projects/{id}/mobilities/any/realised", "{\"participants\":{\"EDUCATORS\":\"many\"}}", "participants.EDUCATORS"),
                Arguments.of("POST", "/api/projects/exchange-rates", "{\"from\":\"EUR\",\"to\":\"TRY\",\"rate\":\"-1\",\"validFrom\":\"2027-01-01\"}", "rate"),
                Arguments.of("POST", "/api/projects/exchange-rates", "{\"from\":\"EUR\",\"to\":\"TRY\",\"rate\":\"1E+300000000\",\"validFrom\":\"2027-01-01\"}", "rate"),
                Arguments.of("POST", "/api/projects/exchange-rates", "{\"from\":\"EUROS\",\"to\":\"TRY\",\"rate\":\"1\",\"validFrom\":\"2027-01-01\"}", "from"));
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("malformedBodies")
    void shouldAnswerMalformedBodyWithFieldProblem(String method, String path, String body, String field) {
        fixtures.client().method(HttpMethod.valueOf(method)).uri(path, projectId).header("Authorization", staff.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.errors[?(@.field == '" + field + "')]").exists();
        fixtures.get(staff, "/api/projects/{id}", projectId).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("IDEA").jsonPath("$.workPackages.length()").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformedBodies")
    void shouldRefuseBodiesThatAreNotJson(String method, String path, String body, String field) {
        fixtures.client().method(HttpMethod.valueOf(method)).uri(path, projectId).header("Authorization", staff.bearer())
                .contentType(MediaType.TEXT_PLAIN).body(body).exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    static Stream<Arguments> malformedQueries() {
        return Stream.of(
                Arguments.of("/api/projects?status=DREAMING", "status"),
                Arguments.of("/api/projects?programme=LOTTERY", "programme"),
                Arguments.of("/api/projects?size=1000", "size"),
                Arguments.of("/api/projects?page=-1", "page"),
                Arguments.of("/api/projects?q=" + "x".repeat(101), "q"),
                Arguments.of("/api/projects/calls?size=0", "size"),
                Arguments.of("/api/projects/exchange-rates?page=x", "page"),
                Arguments.of("/api/projects/portfolio", "currency"),
                Arguments.of("/api/projects/portfolio?currency=EUR&on=someday", "on"),
                Arguments.of("/api/projects/portfolio?currency=EURO", "currency"),
                Arguments.of("/api/projects/{id}/deliverables?status=LOST", "status"),
                Arguments.of("/api/projects/reports/learning-city?city=İzmir&year=1800", "year"),
                Arguments.of("/api/projects/reports/learning-city?city=İzmir&year=2027&format=xlsx", "format"),
                Arguments.of("/api/projects/reports/learning-city?city=İzmir&year=2027&lang=de", "lang"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedQueries")
    void shouldAnswerMalformedQueryWithFieldProblem(String path, String field) {
        fixtures.get(staff, path, projectId)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.errors[?(@.field == '" + field + "')]").exists();
    }

    @Test
    void shouldRefuseForgedExpiredAndMisdirectedTokens() {
        fixtures.get(staff, "/api/projects").expectStatus().isOk();
        var id = java.util.UUID.randomUUID().toString();
        fixtures.get(new ProjectFixtures.Caller(id, "Bearer " + TestTokens.forPerson(id, "ADMIN")), "/api/projects").expectStatus().isOk();
        TestTokens.attacksOn(id, "ADMIN").forEach((attack, token) ->
                fixtures.client().get().uri("/api/projects").header("Authorization", "Bearer " + token).exchange()
                        .expectStatus().value(status -> org.assertj.core.api.Assertions.assertThat(status).as(attack).isEqualTo(401)));
        fixtures.client().get().uri("/api/projects").exchange().expectStatus().isUnauthorized();
        fixtures.post(staff, "/api/projects/{id}/transitions", Map.of("to", "DRAFTING"), projectId).expectStatus().isOk();
    }
}
