package coop.izek.workshop.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.jayway.jsonpath.JsonPath;

import coop.izek.events.EventType;
import coop.izek.events.Topics;
import coop.izek.events.WorkshopEvents;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.EventProbe.ReceivedEvent;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.testsupport.TestClock;
import coop.izek.workshop.Fixtures;
import coop.izek.workshop.directory.Directory;

/**
 * The producer's side of the event contracts: every workshop event, as this service really publishes it, has the
 * shape and words of its contract sample, which notification-service's (and project-service's) tests feed to their
 * listeners.
 */
@IntegrationTest
class WorkshopEventContractIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldPublishEveryWorkshopEventAsItsContractSampleSays() {
        var fixtures = new Fixtures(port, directory);
        var staff = fixtures.staff();
        var educator = fixtures.member("EDUCATOR");
        var checked = new HashSet<String>();
        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            var workshopId = fixtures.published(educator, Fixtures.forAdults(Map.of("capacity", 2, "solidaritySeats", 1,
                    "sessions", List.of(Map.of("start", start(0), "end", start(2))))));
            check(probe, WorkshopEvents.WORKSHOP_PUBLISHED, "default", e -> e.subject().equals(workshopId), checked);

            var first = fixtures.person("Birinci Katılımcı");
            var firstEnrolment = Fixtures.idOf(fixtures.enrol(first, workshopId, List.of(Fixtures.self())).expectStatus().isCreated());
            check(probe, WorkshopEvents.ENROLMENT_CONFIRMED, "default", e -> e.body().contains(firstEnrolment), checked);
            var waiting = fixtures.person("Bekleyen Katılımcı");
            var waitingEnrolment = Fixtures.idOf(fixtures.enrol(waiting, workshopId, List.of(Fixtures.self())).expectStatus().isCreated());
            check(probe, WorkshopEvents.ENROLMENT_WAITLISTED, "default", e -> e.body().contains(waitingEnrolment), checked);
            fixtures.client().delete().uri("/api/workshops/{id}/enrolments/{e}", workshopId, firstEnrolment)
                    .header("Authorization", first.bearer()).exchange().expectStatus().isNoContent();
            check(probe, WorkshopEvents.ENROLMENT_CANCELLED, "default", e -> e.body().contains(firstEnrolment), checked);
            check(probe, WorkshopEvents.ENROLMENT_PROMOTED, "default", e -> e.body().contains(waitingEnrolment), checked);

            var asking = fixtures.person("Dayanışma İsteyen");
            var request = Fixtures.idOf(fixtures.enrol(asking, workshopId, Map.of("participants", List.of(Fixtures.self()),
                    "seatType", "SOLIDARITY", "solidarityReason", "İşsizim")).expectStatus().isCreated());
            fixtures.post(staff, "/api/workshops/{id}/enrolments/{e}/review", Map.of("decision", "DECLINE"), workshopId, request)
                    .expectStatus().isOk();
            check(probe, WorkshopEvents.SOLIDARITY_REQUEST_DECLINED, "default", e -> e.body().contains(request), checked);

            clock.advance(Duration.ofDays(20));
            var roster = fixtures.get(educator, "/api/workshops/{id}/roster", workshopId).expectBody(String.class).returnResult()
                    .getResponseBody();
            String session = JsonPath.read(roster, "$.sessions[0].sessionId");
            fixtures.put(educator, "/api/workshops/{id}/sessions/{session}/attendance", Map.of("present", List.of(waiting.id())),
                    workshopId, session).expectStatus().isOk();
            check(probe, WorkshopEvents.ATTENDANCE_RECORDED, "default", e -> e.subject().equals(workshopId), checked);
            fixtures.post(educator, "/api/workshops/{id}/complete", null, workshopId).expectStatus().isOk();
            check(probe, WorkshopEvents.WORKSHOP_COMPLETED, "default", e -> e.subject().equals(workshopId), checked);
            check(probe, WorkshopEvents.CERTIFICATE_ISSUED, "default", e -> e.subject().equals(workshopId), checked);
            clock.reset();

            var called = fixtures.published(educator, Fixtures.forAdults(Map.of()));
            var holder = fixtures.person("İptal Edilen");
            var held = Fixtures.idOf(fixtures.enrol(holder, called, List.of(Fixtures.self())).expectStatus().isCreated());
            fixtures.post(staff, "/api/workshops/{id}/cancel", Map.of("reason", "Mekân kapandı"), called).expectStatus().isOk();
            check(probe, WorkshopEvents.WORKSHOP_CANCELLED, "default", e -> e.subject().equals(called), checked);
            check(probe, WorkshopEvents.ENROLMENT_CANCELLED, "default", e -> e.body().contains(held), checked);
        }
        assertThat(checked).as("every workshop event type").hasSize(10);
    }

    private static String start(int hours) {
        return java.time.OffsetDateTime.now(java.time.ZoneId.of("Europe/Istanbul")).plusDays(14).withHour(10 + hours).withMinute(0)
                .withSecond(0).withNano(0).toString();
    }

    private static ReceivedEvent check(EventProbe probe, EventType<?> type, String variant, Predicate<ReceivedEvent> which,
                                       Set<String> checked) {
        var event = probe.await(e -> type.name().equals(e.type()) && which.test(e));
        EventContracts.assertMatchesSample(type, variant, event.body());
        checked.add(type.name());
        return event;
    }
}
