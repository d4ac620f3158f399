package coop.izek.workshop.workshops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.jayway.jsonpath.JsonPath;

import coop.izek.events.Topics;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.testsupport.TestClock;
import coop.izek.workshop.Fixtures;
import coop.izek.workshop.Fixtures.Person;
import coop.izek.workshop.directory.Directory;

@IntegrationTest
class CompletionIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Autowired
    TestClock clock;

    Fixtures fixtures;
    Person educator;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(port, directory);
        educator = fixtures.member("EDUCATOR");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldCertifyEveryoneWhoseAttendanceReachesTheThreshold() {
        var workshopId = fixtures.published(educator, Map.of("sessions", sessions(4)));
        var ayse = fixtures.person("Ayşe Nur Yılmaz");
        var burak = fixtures.person("Burak Demir");
        var cem = fixtures.person("Cem Öz");
        var parent = fixtures.person("Elif Şahin");
        var child = fixtures.child(parent, 9, "Ege Şahin");
        for (var adult : List.of(ayse, burak, cem)) {
            fixtures.enrol(adult, workshopId, List.of(Fixtures.self())).expectStatus().isCreated();
        }
        fixtures.enrol(parent, workshopId, List.of(Fixtures.self(), Fixtures.dependant(child))).expectStatus().isCreated();
        clock.advance(Duration.ofDays(20));

        var sessionIds = sessionIds(workshopId);
        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            record(workshopId, sessionIds.get(0), ayse.id(), burak.id(), cem.id(), child).expectStatus().isOk();

            var recorded = probe.await(e -> e.type().endsWith("attendance-recorded.v1") && e.body().contains(sessionIds.get(0)));
            assertThat((List<?>) JsonPath.read(recorded.body(), "$.present")).hasSize(4);
            assertThat(recorded.body()).contains("\"hours\":\"2.00\"", "\"participantsEnrolled\":5", "\"targetGroup\":\"CHILDREN\"");
        }
        record(workshopId, sessionIds.get(1), ayse.id(), burak.id(), cem.id(), child).expectStatus().isOk();
        record(workshopId, sessionIds.get(2), ayse.id(), burak.id(), child).expectStatus().isOk();
        record(workshopId, sessionIds.get(3), ayse.id(), child).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("RUNNING")
                .jsonPath("$.participants[?(@.participantId == '" + burak.id() + "')].sessionsAttended.length()").isEqualTo(3);

        String ayseCode;
        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            fixtures.post(educator, "/api/workshops/{id}/complete", null, workshopId).expectStatus().isOk().expectBody()
                    .jsonPath("$.certificatesIssued").isEqualTo(3)
                    .jsonPath("$.status").isEqualTo("COMPLETED");

            var completed = probe.await(e -> e.type().endsWith("workshop-completed.v1") && workshopId.equals(e.subject()));
            assertThat((List<?>) JsonPath.read(completed.body(), "$.participants")).hasSize(5);
            assertThat(completed.body()).contains("\"hours\":\"8.00\"");
            var ayseCertificate = probe.await(e -> e.type().endsWith("certificate-issued.v1") && e.body().contains(ayse.id()));
            probe.await(e -> e.type().endsWith("certificate-issued.v1") && e.body().contains(burak.id()));
            probe.await(e -> e.type().endsWith("certificate-issued.v1") && e.body().contains(child));
            ayseCode = JsonPath.read(ayseCertificate.body(), "$.certificateCode");
            assertThat(probe.received()).filteredOn(e -> e.type().endsWith("certificate-issued.v1") && workshopId.equals(e.subject()))
                    .noneMatch(e -> e.body().contains(cem.id()) || e.body().contains("\"personId\":\"" + parent.id()));
        }

        var today = LocalDate.ofInstant(clock.instant(), Catalogue.ISTANBUL).toString();
        fixtures.get(null, "/api/certificates/{code}", ayseCode.toLowerCase()).expectStatus().isOk().expectBody()
                .jsonPath("$.valid").isEqualTo(true)
                .jsonPath("$.workshopTitle").isEqualTo("Robotik Atölyesi")
                .jsonPath("$.holderInitials").isEqualTo("A. N. Y.")
                .jsonPath("$.hours").isEqualTo(8.0)
                .jsonPath("$.issuedOn").isEqualTo(today)
                .jsonPath("$.participantId").doesNotExist();
        fixtures.get(null, "/api/certificates/{code}", "IZEK-NONE-SUCH-CODE").expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/not-found");

        // The guardian's record holds the child's workshop; the guardian attended nothing.
        fixtures.get(parent, "/api/learning-record/me").expectStatus().isOk().expectBody()
                .jsonPath("$.totalHours").isEqualTo(8.0)
                .jsonPath("$.entries.length()").isEqualTo(1)
                .jsonPath("$.entries[0].learnerId").isEqualTo(child)
                .jsonPath("$.entries[0].learnerName").isEqualTo("Ege Şahin")
                .jsonPath("$.entries[0].category").isEqualTo("STEM")
                .jsonPath("$.entries[0].certificateCode").exists()
                .jsonPath("$.learners[?(@.learnerId == '" + child + "')].hours").isEqualTo(8.0)
                .jsonPath("$.learners[?(@.learnerId == '" + parent.id() + "')].workshops").isEqualTo(0);
        fixtures.get(cem, "/api/learning-record/me").expectBody()
                .jsonPath("$.totalHours").isEqualTo(4.0)
                .jsonPath("$.entries[0].sessionsAttended").isEqualTo(2)
                .jsonPath("$.entries[0].certificateCode").doesNotExist();
    }

    @Test
    void shouldSettleTheEducatorsMonthWithTheCommissionInExactDecimals() {
        var workshopId = fixtures.published(educator, Fixtures.forAdults(Map.of("sessions", sessions(1),
                "price", Map.of("amount", "333.33", "currency", "TRY"), "memberPrice", Map.of("amount", "333.33", "currency", "TRY"))));
        var learners = List.of(fixtures.person(), fixtures.person(), fixtures.person());
        learners.forEach(l -> fixtures.enrol(l, workshopId, List.of(Fixtures.self())).expectStatus().isCreated());
        fixtures.enrol(fixtures.person(), workshopId, Map.of("participants", List.of(Fixtures.self()), "seatType", "SOLIDARITY",
                "solidarityReason", "İşsizim")).expectStatus().isCreated();
        clock.advance(Duration.ofDays(20));
        record(workshopId, sessionIds(workshopId).getFirst(), learners.get(0).id(), learners.get(1).id()).expectStatus().isOk();
        fixtures.post(educator, "/api/workshops/{id}/complete", null, workshopId).expectStatus().isOk();

        var month = YearMonth.from(LocalDate.ofInstant(clock.instant(), Catalogue.ISTANBUL)).toString();
        // 3 × 333.33 = 999.99; 10 % of it is 99.999, rounded to 100.00; the unreviewed solidarity request pays nothing.
        fixtures.get(educator, "/api/workshops/settlements/mine?month=" + month).expectStatus().isOk().expectBody()
                .jsonPath("$.revenue.amount").isEqualTo("999.99")
                .jsonPath("$.commission.amount").isEqualTo("100.00")
                .jsonPath("$.payout.amount").isEqualTo("899.99")
                .jsonPath("$.workshops[0].commissionRate").isEqualTo("0.10")
                .jsonPath("$.workshops[0].participants").isEqualTo(3);
        fixtures.get(fixtures.staff(), "/api/workshops/settlements?month=" + month).expectStatus().isOk().expectBody()
                .jsonPath("$.educators[?(@.educatorPersonId == '" + educator.id() + "')].payout.amount").isEqualTo("899.99");
        fixtures.get(educator, "/api/workshops/settlements?month=" + month).expectStatus().isForbidden();
        fixtures.get(educator, "/api/workshops/settlements/mine?month=" + YearMonth.parse(month).minusMonths(1)).expectBody()
                .jsonPath("$.revenue.amount").isEqualTo("0.00")
                .jsonPath("$.workshops.length()").isEqualTo(0);
    }

    @Test
    void shouldRefuseAttendanceAndCompletionOutOfTurn() {
        var workshopId = fixtures.published(educator, Map.of("sessions", sessions(2)));
        var learner = fixtures.person();
        fixtures.enrol(learner, workshopId, List.of(Fixtures.self())).expectStatus().isCreated();
        var sessionIds = sessionIds(workshopId);

        record(workshopId, sessionIds.getFirst(), learner.id()).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("/problems/session-not-started");
        clock.advance(Duration.ofDays(20));
        fixtures.put(fixtures.member("EDUCATOR"), "/api/workshops/{id}/sessions/{session}/attendance",
                Map.of("present", List.of(learner.id())), workshopId, sessionIds.getFirst()).expectStatus().isForbidden();
        fixtures.put(learner, "/api/workshops/{id}/sessions/{session}/attendance",
                Map.of("present", List.of(learner.id())), workshopId, sessionIds.getFirst()).expectStatus().isForbidden();
        record(workshopId, sessionIds.getFirst(), "someone-else").expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.type").isEqualTo("/problems/not-a-participant");
        record(workshopId, "no-such-session", learner.id()).expectStatus().isNotFound();
        record(workshopId, sessionIds.getFirst(), learner.id()).expectStatus().isOk();
        fixtures.post(educator, "/api/workshops/{id}/complete", null, workshopId).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("/problems/attendance-missing");
        fixtures.post(learner, "/api/workshops/{id}/complete", null, workshopId).expectStatus().isForbidden();
    }

    @Test
    void shouldCompleteOnceWhenCompletedConcurrently() throws Exception {
        var workshopId = fixtures.published(educator, Fixtures.forAdults(Map.of("sessions", sessions(1))));
        var a = fixtures.person();
        var b = fixtures.person();
        fixtures.enrol(a, workshopId, List.of(Fixtures.self())).expectStatus().isCreated();
        fixtures.enrol(b, workshopId, List.of(Fixtures.self())).expectStatus().isCreated();
        clock.advance(Duration.ofDays(20));
        record(workshopId, sessionIds(workshopId).getFirst(), a.id(), b.id()).expectStatus().isOk();
        var staff = fixtures.staff();

        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            var completions = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 6; i++) {
                var caller = i % 2 == 0 ? educator : staff;
                completions.add(() -> fixtures.post(caller, "/api/workshops/{id}/complete", null, workshopId)
                        .returnResult().getStatus().value());
            }
            var statuses = new ArrayList<Integer>();
            try (var pool = Executors.newFixedThreadPool(6)) {
                for (var result : pool.invokeAll(completions)) {
                    statuses.add(result.get());
                }
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409, 409, 409, 409, 409);

            probe.await(e -> e.type().endsWith("workshop-completed.v1") && workshopId.equals(e.subject()));
            probe.await(e -> e.type().endsWith("certificate-issued.v1") && e.body().contains(a.id()));
            probe.await(e -> e.type().endsWith("certificate-issued.v1") && e.body().contains(b.id()));
            assertThat(probe.received()).filteredOn(e -> workshopId.equals(e.subject()) && e.type().endsWith("certificate-issued.v1"))
                    .hasSize(2);
        }
    }

    /** {@code count} two-hour sessions on consecutive days, the first about two weeks from now. */
    static List<Map<String, String>> sessions(int count) {
        var start = OffsetDateTime.now(Catalogue.ISTANBUL).plusDays(14).withHour(10).withMinute(0).withSecond(0).withNano(0);
        var sessions = new ArrayList<Map<String, String>>();
        for (int i = 0; i < count; i++) {
            sessions.add(Map.of("start", start.plusDays(i).toString(), "end", start.plusDays(i).plusHours(2).toString()));
        }
        return sessions;
    }

    private List<String> sessionIds(String workshopId) {
        String body = fixtures.get(educator, "/api/workshops/{id}/roster", workshopId).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JsonPath.read(body, "$.sessions[*].sessionId");
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec record(String workshopId, String sessionId,
                                                                                          String... present) {
        return fixtures.put(educator, "/api/workshops/{id}/sessions/{session}/attendance", Map.of("present", List.of(present)),
                workshopId, sessionId);
    }
}
