package coop.izek.workshop.workshops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import coop.izek.events.Topics;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.workshop.Fixtures;
import coop.izek.workshop.Fixtures.Person;
import coop.izek.workshop.directory.Directory;

@IntegrationTest
class SolidarityReviewIntegrationTest {

    private static final String REASON = "Annem işsiz, ücreti ödeyemiyoruz.";

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    Fixtures fixtures;
    Person educator;
    Person staff;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(port, directory);
        educator = fixtures.member("EDUCATOR");
        staff = fixtures.staff();
    }

    @Test
    void shouldConfirmApprovedRequestFromTheSolidarityQuotaWithoutRevealingTheReason() {
        var workshopId = fixtures.published(educator, Fixtures.forAdults(Map.of("capacity", 3, "solidaritySeats", 1)));
        enrolSelf(fixtures.person(), workshopId);
        enrolSelf(fixtures.person(), workshopId);
        var learner = fixtures.person("Deniz Kaya");
        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            // Every event from the request on is read: none of them may carry the reason.
            var requestId = request(learner, workshopId);
            fixtures.get(staff, "/api/workshops/solidarity-requests?size=100").expectStatus().isOk().expectBody()
                    .jsonPath("$.items[?(@.enrolmentId == '" + requestId + "')].reason").isEqualTo(REASON)
                    .jsonPath("$.items[?(@.enrolmentId == '" + requestId + "')].enrolleeName").isEqualTo("Deniz Kaya");

            review(staff, workshopId, requestId, "APPROVE").expectStatus().isOk().expectBody()
                    .jsonPath("$.status").isEqualTo("CONFIRMED");

            var confirmed = probe.await(e -> e.type().endsWith("enrolment-confirmed.v1") && e.body().contains(requestId));
            assertThat(confirmed.body()).contains("\"seatType\":\"SOLIDARITY\"", "\"price\":\"0.00\"");
            assertThat(probe.received()).isNotEmpty().allSatisfy(e -> assertThat(e.body()).doesNotContain(REASON));
            // Decided, the reason has served its purpose: it is not kept.
            assertThat(mongo.findById(workshopId, Workshop.class).enrolments.stream().filter(e -> e.id().equals(requestId))
                    .findFirst().orElseThrow().solidarityReason()).isNull();
            // The educator's register does not tell which participant holds a solidarity seat; staff's does.
            fixtures.get(educator, "/api/workshops/{id}/roster", workshopId).expectStatus().isOk().expectBody(String.class)
                    .value(roster -> assertThat(roster).doesNotContain("SOLIDARITY").doesNotContain("seatType"));
            fixtures.get(staff, "/api/workshops/{id}/roster", workshopId).expectStatus().isOk().expectBody()
                    .jsonPath("$.participants[?(@.seatType == 'SOLIDARITY')]").exists();
        }
        fixtures.get(learner, "/api/workshops/enrolments/mine").expectBody()
                .jsonPath("$.items[0].status").isEqualTo("CONFIRMED")
                .jsonPath("$.items[0].price.amount").isEqualTo("0.00")
                .jsonPath("$.items[0].solidarityReason").doesNotExist();
        // The paid seats were full before and still are; the solidarity seat is taken from its own quota.
        fixtures.get(null, "/api/workshops/{id}", workshopId).expectBody()
                .jsonPath("$.seatsAvailable").isEqualTo(0)
                .jsonPath("$.solidaritySeatsAvailable").isEqualTo(0);
    }

    @Test
    void shouldNeverApproveMoreRequestsThanSolidaritySeatsWhenStaffDecideAtOnce() throws Exception {
        var workshopId = fixtures.published(educator, Fixtures.forAdults(Map.of("capacity", 10, "solidaritySeats", 2)));
        var requests = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            requests.add(request(fixtures.person(), workshopId));
        }

        var decisions = new ArrayList<Callable<Integer>>();
        requests.forEach(id -> decisions.add(() -> review(staff, workshopId, id, "APPROVE").returnResult().getStatus().value()));
        var statuses = new ArrayList<Integer>();
        try (var pool = Executors.newFixedThreadPool(5)) {
            for (var result : pool.invokeAll(decisions)) {
                statuses.add(result.get());
            }
        }

        assertThat(statuses).containsExactlyInAnyOrder(200, 200, 409, 409, 409);
        fixtures.get(null, "/api/workshops/{id}", workshopId).expectBody()
                .jsonPath("$.solidaritySeatsAvailable").isEqualTo(0)
                .jsonPath("$.seatsAvailable").isEqualTo(8);
    }

    @Test
    void shouldLetDeclinedLearnerEnrolAgainAndAnnounceTheDecline() {
        var workshopId = fixtures.published(educator, Fixtures.forAdults(Map.of()));
        var learner = fixtures.person();
        var requestId = request(learner, workshopId);

        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            review(staff, workshopId, requestId, "DECLINE").expectStatus().isOk().expectBody()
                    .jsonPath("$.status").isEqualTo("DECLINED");
            var declined = probe.awaitType("coop.izek.workshop.solidarity-request-declined.v1");
            assertThat(declined.body()).contains(requestId).doesNotContain(REASON);
        }
        review(staff, workshopId, requestId, "APPROVE").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("/problems/already-decided");
        fixtures.enrol(learner, workshopId, List.of(Fixtures.self())).expectStatus().isCreated().expectBody()
                .jsonPath("$.status").isEqualTo("CONFIRMED");
    }

    @Test
    void shouldLeaveSolidarityDecisionsAndReasonsToStaff() {
        var workshopId = fixtures.published(educator, Fixtures.forAdults(Map.of()));
        var learner = fixtures.person();
        var requestId = request(learner, workshopId);

        review(educator, workshopId, requestId, "APPROVE").expectStatus().isForbidden();
        review(learner, workshopId, requestId, "APPROVE").expectStatus().isForbidden();
        fixtures.get(educator, "/api/workshops/solidarity-requests").expectStatus().isForbidden();
        fixtures.get(null, "/api/workshops/solidarity-requests").expectStatus().isUnauthorized();
        // HEAD is answered by the GET handler: it must meet the same rule, not a laxer one further down.
        for (var staffOnly : List.of("/api/workshops/solidarity-requests", "/api/workshops/settlements?month=2027-03")) {
            fixtures.client().head().uri(staffOnly).header("Authorization", learner.bearer()).exchange()
                    .expectStatus().isForbidden();
            fixtures.client().head().uri(staffOnly).header("Authorization", staff.bearer()).exchange()
                    .expectStatus().isOk();
        }
        review(staff, workshopId, "no-such-request", "APPROVE").expectStatus().isNotFound();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldListEveryPendingRequestOfAWorkshopAndNoneDecided() {
        var workshopId = fixtures.published(educator, Fixtures.forAdults(Map.of("capacity", 6, "solidaritySeats", 2)));
        var first = request(fixtures.person(), workshopId);
        enrolSelf(fixtures.person(), workshopId);
        var decided = request(fixtures.person(), workshopId);
        var second = request(fixtures.person(), workshopId);
        review(staff, workshopId, decided, "DECLINE").expectStatus().isOk();

        var items = (List<Map<String, Object>>) fixtures.get(staff, "/api/workshops/solidarity-requests?size=100").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("items");

        assertThat(items).filteredOn(item -> workshopId.equals(item.get("workshopId"))).extracting(item -> item.get("enrolmentId"))
                .containsExactly(first, second);
    }

    private String request(Person learner, String workshopId) {
        return Fixtures.idOf(fixtures.enrol(learner, workshopId, Map.of("participants", List.of(Fixtures.self()),
                "seatType", "SOLIDARITY", "solidarityReason", REASON)).expectStatus().isCreated());
    }

    private void enrolSelf(Person person, String workshopId) {
        fixtures.enrol(person, workshopId, List.of(Fixtures.self())).expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec review(Person caller, String workshopId,
                                                                                          String enrolmentId, String decision) {
        return fixtures.post(caller, "/api/workshops/{id}/enrolments/{enrolmentId}/review", Map.of("decision", decision),
                workshopId, enrolmentId);
    }
}
