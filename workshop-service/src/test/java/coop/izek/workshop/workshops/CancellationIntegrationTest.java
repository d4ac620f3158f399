package coop.izek.workshop.workshops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import coop.izek.events.Topics;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.testsupport.TestTokens;
import coop.izek.workshop.Fixtures;
import coop.izek.workshop.Fixtures.Person;
import coop.izek.workshop.directory.Directory;

@IntegrationTest
class CancellationIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    Fixtures fixtures;
    Person educator;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(port, directory);
        educator = fixtures.member("EDUCATOR");
    }

    @Test
    void shouldPromoteTheFirstWaitingGroupThatFits() {
        var workshopId = fixtures.published(educator, Map.of("capacity", 2, "solidaritySeats", 0));
        var a = fixtures.person();
        var b = fixtures.person();
        var parent = fixtures.person();
        var child = fixtures.child(parent, 9);
        var d = fixtures.person();
        var aEnrolment = enrolSelf(a, workshopId);
        var bEnrolment = enrolSelf(b, workshopId);
        fixtures.enrol(parent, workshopId, List.of(Fixtures.self(), Fixtures.dependant(child))).expectStatus().isCreated()
                .expectBody().jsonPath("$.waitlistPosition").isEqualTo(1);
        var dEnrolment = (String) fixtures.enrol(d, workshopId, List.of(Fixtures.self())).expectBody(Map.class).returnResult()
                .getResponseBody().get("id");

        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            cancel(a, workshopId, aEnrolment).expectStatus().isNoContent();

            assertThat(statusOf(d)).isEqualTo("CONFIRMED");
            assertThat(statusOf(parent)).isEqualTo("WAITLISTED");
            probe.await(e -> e.type().endsWith("enrolment-cancelled.v1") && e.body().contains(aEnrolment));
            probe.await(e -> e.type().endsWith("enrolment-promoted.v1") && e.body().contains(d.id()));
        }
        // One free place is not enough for the group of two: it keeps waiting until a second one frees up.
        cancel(b, workshopId, bEnrolment).expectStatus().isNoContent();
        assertThat(statusOf(parent)).isEqualTo("WAITLISTED");
        cancel(d, workshopId, dEnrolment).expectStatus().isNoContent();
        assertThat(statusOf(parent)).isEqualTo("CONFIRMED");
        fixtures.client().get().uri("/api/workshops/{id}", workshopId).exchange().expectBody()
                .jsonPath("$.seatsAvailable").isEqualTo(0).jsonPath("$.waitlistLength").isEqualTo(0);
    }

    @Test
    void shouldPromoteEachWaitingPersonOnceWhenCancellationsRace() throws Exception {
        var workshopId = workshopOfFiveAdults();
        var seated = seatFive(workshopId);
        var waiting = new ArrayList<Person>();
        for (int i = 0; i < 10; i++) {
            var person = fixtures.person();
            fixtures.enrol(person, workshopId, List.of(Fixtures.self())).expectBody().jsonPath("$.waitlistPosition").isEqualTo(i + 1);
            waiting.add(person);
        }
        var cancellations = new ArrayList<Callable<Integer>>();
        for (var entry : seated) {
            cancellations.add(() -> cancel(entry.getKey(), workshopId, entry.getValue()).returnResult().getStatus().value());
            cancellations.add(() -> cancel(entry.getKey(), workshopId, entry.getValue()).returnResult().getStatus().value());
        }

        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            var statuses = allAtOnce(cancellations);

            assertThat(statuses).containsOnly(204);
            assertThat(waiting.subList(0, 5)).allSatisfy(p -> assertThat(statusOf(p)).isEqualTo("CONFIRMED"));
            assertThat(waiting.subList(5, 10)).allSatisfy(p -> assertThat(statusOf(p)).isEqualTo("WAITLISTED"));
            probe.await(e -> e.type().endsWith("enrolment-promoted.v1") && e.body().contains(waiting.get(4).id()));
            var promotions = probe.received().stream().filter(e -> e.type().endsWith("enrolment-promoted.v1")
                    && workshopId.equals(e.subject())).toList();
            // Each promotion is decided once (five distinct events); delivery is at least once, so an event may repeat.
            assertThat(promotions.stream().map(EventProbe.ReceivedEvent::id).distinct().toList())
                    .as("promotions %s", promotions.stream().map(e -> e.id() + " " + e.body()).toList()).hasSize(5);
        }
        fixtures.client().get().uri("/api/workshops/{id}", workshopId).exchange().expectBody()
                .jsonPath("$.seatsAvailable").isEqualTo(0).jsonPath("$.waitlistLength").isEqualTo(5);
    }

    @Test
    void shouldLeaveNoPlaceFreeWhilePeopleWaitWhenEnrolmentsAndCancellationsRace() throws Exception {
        var workshopId = workshopOfFiveAdults();
        var seated = seatFive(workshopId);
        var newcomers = new ArrayList<Person>();
        for (int i = 0; i < 30; i++) {
            newcomers.add(fixtures.person());
        }
        // Newcomers read the workshop as full; the places the cancellations free come up while they decide.
        var requests = new ArrayList<Callable<Integer>>();
        for (var person : newcomers) {
            requests.add(() -> fixtures.enrol(person, workshopId, List.of(Fixtures.self())).returnResult(Map.class).getStatus().value());
        }
        for (var entry : seated) {
            requests.add(() -> cancel(entry.getKey(), workshopId, entry.getValue()).returnResult().getStatus().value());
        }
        Collections.shuffle(requests, new Random(15));

        var statuses = allAtOnce(requests);

        assertThat(statuses).containsOnly(201, 204);
        assertThat(newcomers.stream().filter(p -> "CONFIRMED".equals(statusOf(p)))).hasSize(5);
        fixtures.client().get().uri("/api/workshops/{id}", workshopId).exchange().expectBody()
                .jsonPath("$.seatsAvailable").isEqualTo(0).jsonPath("$.waitlistLength").isEqualTo(25);
    }

    @Test
    void shouldLetOnlyTheEnrolleeOrStaffCancelAndFreeTheParticipant() {
        var workshopId = fixtures.published(educator, Map.of());
        var parent = fixtures.person();
        var child = fixtures.child(parent, 8);
        var enrolment = (String) fixtures.enrol(parent, workshopId, List.of(Fixtures.dependant(child))).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");

        cancel(fixtures.person(), workshopId, enrolment).expectStatus().isNotFound();
        fixtures.client().delete().uri("/api/workshops/{id}/enrolments/{e}", workshopId, enrolment)
                .header("Authorization", "Bearer " + TestTokens.forPerson("staff", "ADMIN")).exchange().expectStatus().isNoContent();
        cancel(parent, workshopId, enrolment).expectStatus().isNoContent();
        fixtures.enrol(parent, workshopId, List.of(Fixtures.dependant(child))).expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
        cancel(parent, workshopId, "no-such-enrolment").expectStatus().isNotFound();
    }

    private String workshopOfFiveAdults() {
        return fixtures.published(educator, Map.of("targetGroups", List.of("ADULTS"), "minAge", 18, "maxAge", 99,
                "capacity", 5, "solidaritySeats", 0));
    }

    private List<Map.Entry<Person, String>> seatFive(String workshopId) {
        var seated = new ArrayList<Map.Entry<Person, String>>();
        for (int i = 0; i < 5; i++) {
            var person = fixtures.person();
            seated.add(Map.entry(person, enrolSelf(person, workshopId)));
        }
        return seated;
    }

    private static List<Integer> allAtOnce(List<Callable<Integer>> requests) throws Exception {
        var statuses = new ArrayList<Integer>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var future : pool.invokeAll(requests)) {
                statuses.add(future.get());
            }
        }
        return statuses;
    }

    private String enrolSelf(Person person, String workshopId) {
        return (String) fixtures.enrol(person, workshopId, List.of(Fixtures.self())).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec cancel(Person person, String workshopId, String enrolmentId) {
        return fixtures.client().delete().uri("/api/workshops/{id}/enrolments/{e}", workshopId, enrolmentId)
                .header("Authorization", person.bearer()).exchange();
    }

    @SuppressWarnings("unchecked")
    private String statusOf(Person person) {
        var items = (List<Map<String, Object>>) fixtures.client().get().uri("/api/workshops/enrolments/mine")
                .header("Authorization", person.bearer()).exchange().expectBody(Map.class).returnResult().getResponseBody().get("items");
        return (String) items.stream().filter(i -> !"CANCELLED".equals(i.get("status"))).findFirst().orElseThrow().get("status");
    }
}
