package coop.izek.workshop.workshops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

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
class WorkshopLifecycleIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Autowired
    Catalogue catalogue;

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
    void shouldCancelAndAnnounceEveryEnrolmentWhenTheWorkshopIsCancelled() {
        var workshopId = fixtures.published(educator, Fixtures.forAdults(Map.of("capacity", 2, "solidaritySeats", 1)));
        var confirmed = fixtures.person();
        var waiting = fixtures.person();
        var requesting = fixtures.person();
        fixtures.enrol(confirmed, workshopId, List.of(Fixtures.self())).expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
        fixtures.enrol(waiting, workshopId, List.of(Fixtures.self())).expectBody().jsonPath("$.status").isEqualTo("WAITLISTED");
        fixtures.enrol(requesting, workshopId, Map.of("participants", List.of(Fixtures.self()), "seatType", "SOLIDARITY",
                "solidarityReason", "Öğrenciyim")).expectBody().jsonPath("$.status").isEqualTo("PENDING_REVIEW");

        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            fixtures.post(educator, "/api/workshops/{id}/cancel", Map.of("reason", "Eğitmen hastalandı"), workshopId)
                    .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");

            var cancelled = probe.await(e -> e.type().endsWith("workshop-cancelled.v1") && workshopId.equals(e.subject()));
            assertThat((List<String>) JsonPath.read(cancelled.body(), "$.enrolments[*].enrolleeId"))
                    .containsExactlyInAnyOrder(confirmed.id(), waiting.id(), requesting.id());
            assertThat(cancelled.body()).contains("Eğitmen hastalandı").doesNotContain("Öğrenciyim");
            for (var person : List.of(confirmed, waiting, requesting)) {
                probe.await(e -> e.type().endsWith("enrolment-cancelled.v1") && e.body().contains(person.id())
                        && e.body().contains("\"cause\":\"WORKSHOP_CANCELLED\""));
            }
        }
        for (var person : List.of(confirmed, waiting, requesting)) {
            fixtures.get(person, "/api/workshops/enrolments/mine").expectBody().jsonPath("$.items[0].status").isEqualTo("CANCELLED");
        }
        fixtures.enrol(fixtures.person(), workshopId, List.of(Fixtures.self())).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/workshop-not-open");
        fixtures.post(educator, "/api/workshops/{id}/cancel", null, workshopId).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/workshop-closed");
        fixtures.get(null, "/api/workshops?q=Robotik&size=100").expectBody()
                .jsonPath("$.items[?(@.id == '" + workshopId + "')]").doesNotExist();
    }

    @Test
    void shouldLetOnlyItsEducatorOrStaffCancelAWorkshop() {
        var workshopId = fixtures.published(educator, Map.of());

        fixtures.post(fixtures.member("EDUCATOR"), "/api/workshops/{id}/cancel", Map.of(), workshopId).expectStatus().isForbidden();
        fixtures.post(fixtures.person(), "/api/workshops/{id}/cancel", Map.of(), workshopId).expectStatus().isForbidden();
        fixtures.post(fixtures.staff(), "/api/workshops/{id}/cancel", Map.of(), workshopId).expectStatus().isOk();
        fixtures.post(fixtures.staff(), "/api/workshops/{id}/cancel", Map.of(), "no-such-workshop").expectStatus().isNotFound();
    }

    @Test
    void shouldCloseEnrolmentOnceTheFirstSessionHasBegun() {
        var workshopId = fixtures.published(educator, Fixtures.forAdults(Map.of()));
        var later = OffsetDateTime.now(ZoneId.of("Europe/Istanbul")).plusDays(60).withHour(10).withMinute(0)
                .withSecond(0).withNano(0);
        var notYetStarted = fixtures.published(educator, Fixtures.forAdults(Map.of("sessions",
                List.of(Map.of("start", later.toString(), "end", later.plusHours(2).toString())))));
        clock.advance(Duration.ofDays(15));

        fixtures.enrol(fixtures.person(), workshopId, List.of(Fixtures.self())).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/workshop-not-open");
        catalogue.markStartedWorkshopsRunning();
        fixtures.get(null, "/api/workshops/{id}", workshopId).expectBody().jsonPath("$.status").isEqualTo("RUNNING");
        fixtures.get(null, "/api/workshops/{id}", notYetStarted).expectBody().jsonPath("$.status").isEqualTo("PUBLISHED");
    }
}
