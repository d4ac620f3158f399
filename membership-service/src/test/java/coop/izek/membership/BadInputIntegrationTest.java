package coop.izek.membership;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/** Every membership endpoint that takes a body answers malformed input with a 400 problem naming the field. */
@MembershipIntegrationTest
class BadInputIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    org.springframework.context.ApplicationContext context;

    Api api;
    String admin;

    @BeforeEach
    void setUp() {
        api = new Api(port, context);
        admin = "Bearer " + api.adminToken();
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("/api/auth/register", "{\"email\":\"a@b.org\",\"password\":\"Long-enough-1\"}", "fullName"),
                Arguments.of("/api/auth/login", "{\"email\":\"a@b.org\"}", "password"),
                Arguments.of("/api/membership/applications", "{\"memberType\":\"EDUCATOR\",\"motivation\":\"x\","
                        + "\"acceptedPrinciplesVersion\":\"one\",\"dataProcessingConsent\":true}", "acceptedPrinciplesVersion"),
                Arguments.of("/api/membership/applications/any/decision", "{\"decision\":\"MAYBE\"}", "decision"),
                Arguments.of("/api/membership/members/any/share-payments",
                        "{\"shares\":0,\"amount\":\"100.00\",\"paidOn\":\"2026-01-01\",\"reference\":\"r\"}", "shares"),
                Arguments.of("/api/membership/members/any/share-payments",
                        "{\"shares\":1,\"amount\":{\"amount\":\"abc\",\"currency\":\"TRY\"},\"paidOn\":\"2026-01-01\",\"reference\":\"r\"}", "amount"),
                Arguments.of("/api/membership/members/any/share-payments",
                        "{\"shares\":1,\"amount\":\"100.00\",\"paidOn\":\"yesterday\",\"reference\":\"r\"}", "paidOn"),
                Arguments.of("/api/membership/members/any/status", "{\"status\":\"RETIRED\",\"reason\":\"x\"}", "status"),
                Arguments.of("/api/membership/share-transfers", "{\"fromMemberId\":\"a\",\"toMemberId\":\"b\",\"on\":\"2026-01-01\"}", "shares"),
                Arguments.of("/api/membership/people/me/dependants", "{\"fullName\":\"Ada\",\"birthDate\":\"2020-13-45\"}", "birthDate"),
                Arguments.of("/api/membership/organisations", "{\"name\":\"X\",\"country\":\"TR\",\"type\":\"NGO\"}", "contactEmail"),
                Arguments.of("/api/membership/organisations/any/people", "{\"email\":\"not-an-address\"}", "email"),
                Arguments.of("/api/membership/organisations/any/people", "{\"email\":\"a@b.org\",\"role\":\"boss\"}", "role"),
                Arguments.of("/api/membership/assemblies/any/motions/any/votes", "{\"choice\":\"PERHAPS\"}", "choice"),
                Arguments.of("/api/membership/principles", "{\"text\":{}}", "text"),
                Arguments.of("/api/membership/organisations", "{\"name\":\"X\",\"country\":\"TR\",\"type\":\"NGO\","
                        + "\"contactEmail\":\"a@b.org\",\"founded\":1999}", "founded"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("malformedRequests")
    void shouldAnswerMalformedBodyWithFieldProblem(String path, String body, String field) {
        var bearer = path.contains("/people/me/") || path.contains("/votes") || path.endsWith("/applications")
                ? api.newPerson("Careless Caller").bearer() : admin;
        api.client().post().uri(path).header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.errors[?(@.field == '" + field + "')]").exists();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void shouldRefuseBodiesThatAreNotJson(String path, String body, String field) {
        api.client().post().uri(path).header("Authorization", admin).contentType(MediaType.TEXT_PLAIN).body(body)
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
