package coop.izek.workshop.workshops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import coop.izek.events.TargetGroup;
import coop.izek.events.Topics;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.workshop.Fixtures;
import coop.izek.workshop.Fixtures.Person;
import coop.izek.workshop.directory.Directory;

@IntegrationTest
class EnrolmentIntegrationTest {

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
    void shouldNeverExceedCapacityWhenTwoHundredEnrolmentsRace() throws Exception {
        var workshopId = fixtures.published(educator, Map.of("targetGroups", List.of("ADULTS"), "minAge", 18, "maxAge", 99,
                "capacity", 10, "solidaritySeats", 0));
        var people = new ArrayList<Person>();
        for (int i = 0; i < 200; i++) {
            people.add(fixtures.person());
        }
        var attempts = new ArrayList<Callable<Map<String, Object>>>();
        for (var person : people) {
            attempts.add(() -> {
                var result = fixtures.enrol(person, workshopId, List.of(Fixtures.self())).returnResult(Map.class);
                @SuppressWarnings("unchecked")
                Map<String, Object> body = result.getResponseBody();
                body.put("httpStatus", result.getStatus().value());
                return body;
            });
        }

        var results = new ArrayList<Map<String, Object>>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var future : pool.invokeAll(attempts)) {
                results.add(future.get());
            }
        }

        assertThat(results).allSatisfy(r -> assertThat(r.get("httpStatus")).isEqualTo(201));
        assertThat(results.stream().filter(r -> "CONFIRMED".equals(r.get("status")))).hasSize(10);
        var positions = results.stream().filter(r -> "WAITLISTED".equals(r.get("status")))
                .map(r -> ((Number) r.get("waitlistPosition")).intValue()).sorted().toList();
        assertThat(positions).hasSize(190).doesNotHaveDuplicates();
        assertThat(positions.getFirst()).isEqualTo(1);
        assertThat(positions.getLast()).isEqualTo(190);
        fixtures.client().get().uri("/api/workshops/{id}", workshopId).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.seatsAvailable").isEqualTo(0).jsonPath("$.waitlistLength").isEqualTo(190);
    }

    @Test
    void shouldSeatAGroupTogetherOrMakeItWaitTogether() {
        var workshopId = fixtures.published(educator, Map.of("capacity", 3, "solidaritySeats", 0));
        var parent = fixtures.person();
        var first = fixtures.child(parent, 8);
        var second = fixtures.child(parent, 10);
        var early = fixtures.person();

        fixtures.enrol(early, workshopId, List.of(Fixtures.self())).expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
        fixtures.enrol(parent, workshopId, List.of(Fixtures.self(), Fixtures.dependant(first), Fixtures.dependant(second)))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.status").isEqualTo("WAITLISTED").jsonPath("$.waitlistPosition").isEqualTo(1);

        fixtures.client().get().uri("/api/workshops/{id}", workshopId).exchange().expectBody()
                .jsonPath("$.seatsAvailable").isEqualTo(2).jsonPath("$.waitlistLength").isEqualTo(1);
        fixtures.client().get().uri("/api/workshops/enrolments/mine").header("Authorization", parent.bearer()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].status").isEqualTo("WAITLISTED")
                .jsonPath("$.items[0].participants.length()").isEqualTo(3)
                .jsonPath("$.items[0].waitlistPosition").isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldListOnlyTheCallersEnrolmentsWithTheirPlaceAmongOthersWaiting() {
        var busy = fixtures.published(educator, Map.of("capacity", 2, "solidaritySeats", 0));
        var other = fixtures.published(educator, Map.of());
        var parent = fixtures.person();
        var child = fixtures.child(parent, 9);
        var others = new ArrayList<Person>();
        for (int i = 0; i < 4; i++) {
            others.add(fixtures.person());
        }
        // Confirmed and waiting enrolments of others around the parent's two: a place on the list counts only those waiting.
        fixtures.enrol(others.get(0), busy, List.of(Fixtures.self())).expectStatus().isCreated();
        fixtures.enrol(parent, busy, List.of(Fixtures.dependant(child))).expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
        var ahead = Fixtures.idOf(fixtures.enrol(others.get(1), busy, List.of(Fixtures.self())).expectStatus().isCreated());
        fixtures.enrol(others.get(2), busy, List.of(Fixtures.self())).expectStatus().isCreated();
        fixtures.enrol(parent, busy, List.of(Fixtures.self())).expectStatus().isCreated()
                .expectBody().jsonPath("$.waitlistPosition").isEqualTo(3);
        fixtures.enrol(others.get(3), busy, List.of(Fixtures.self())).expectStatus().isCreated();
        fixtures.enrol(parent, other, List.of(Fixtures.self())).expectStatus().isCreated();

        var mine = (List<Map<String, Object>>) fixtures.get(parent, "/api/workshops/enrolments/mine").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("items");

        assertThat(mine).extracting(e -> e.get("workshopId"), e -> e.get("status"), e -> e.get("waitlistPosition"))
                .containsExactlyInAnyOrder(tuple(busy, "CONFIRMED", null),
                        tuple(busy, "WAITLISTED", 3),
                        tuple(other, "CONFIRMED", null));
        assertThat(mine).filteredOn(e -> "CONFIRMED".equals(e.get("status")) && busy.equals(e.get("workshopId")))
                .singleElement().satisfies(e -> assertThat((List<Map<String, Object>>) e.get("participants"))
                        .extracting(p -> p.get("dependantId")).containsExactly(child));

        // One waiting ahead leaves: the place shown moves up with it.
        fixtures.client().delete().uri("/api/workshops/{id}/enrolments/{e}", busy, ahead).header("Authorization", others.get(1).bearer())
                .exchange().expectStatus().isNoContent();
        fixtures.get(parent, "/api/workshops/enrolments/mine").expectStatus().isOk().expectBody()
                .jsonPath("$.items[?(@.status == 'WAITLISTED')].waitlistPosition").isEqualTo(List.of(2));
    }

    @Test
    void shouldConfirmWithTheMemberPriceForMembersAndAnnounceIt() {
        var workshopId = fixtures.published(educator, Map.of());
        var memberParent = fixtures.member("SUPPORTER");
        var child = fixtures.child(memberParent, 9);
        var otherParent = fixtures.person();
        var otherChild = fixtures.child(otherParent, 9);

        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            fixtures.enrol(memberParent, workshopId, List.of(Fixtures.self(), Fixtures.dependant(child))).expectStatus().isCreated()
                    .expectBody().jsonPath("$.status").isEqualTo("CONFIRMED")
                    .jsonPath("$.price.amount").isEqualTo("600.00").jsonPath("$.price.currency").isEqualTo("TRY");
            var event = probe.await(e -> e.type().endsWith("enrolment-confirmed.v1") && e.body().contains(memberParent.id()));
            assertThat(event.subject()).isEqualTo(workshopId);
            assertThat(event.body()).contains("\"price\":\"600.00\"", child);
        }
        fixtures.enrol(otherParent, workshopId, List.of(Fixtures.dependant(otherChild))).expectStatus().isCreated()
                .expectBody().jsonPath("$.price.amount").isEqualTo("400.00");
    }

    @Test
    void shouldGiveEachParticipantOnePlacePerWorkshop() {
        var workshopId = fixtures.published(educator, Map.of());
        var parent = fixtures.person();
        var child = fixtures.child(parent, 8);
        fixtures.enrol(parent, workshopId, List.of(Fixtures.dependant(child))).expectStatus().isCreated();

        fixtures.enrol(parent, workshopId, List.of(Fixtures.self(), Fixtures.dependant(child))).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/already-enrolled");
        fixtures.enrol(parent, workshopId, List.of(Fixtures.self(), Fixtures.self())).expectStatus().isEqualTo(422);
    }

    @Test
    void shouldEnforceAgeTargetGroupAndGuardianship() {
        var workshopId = fixtures.published(educator, Map.of("targetGroups", List.of("CHILDREN"), "minAge", 7, "maxAge", 12));
        var parent = fixtures.person();
        var toddler = fixtures.child(parent, 4);
        var teen = fixtures.child(parent, 16);
        var someoneElsesChild = fixtures.child(fixtures.person(), 9);

        fixtures.enrol(parent, workshopId, List.of(Fixtures.dependant(toddler))).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/age-or-target-group");
        fixtures.enrol(parent, workshopId, List.of(Fixtures.dependant(teen))).expectStatus().isEqualTo(422);
        fixtures.enrol(parent, workshopId, List.of(Fixtures.self())).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/target-group");
        fixtures.enrol(parent, workshopId, List.of(Fixtures.dependant(someoneElsesChild))).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unknown-dependant");
    }

    @Test
    void shouldKeepSolidarityRequestsForReviewWithoutRevealingTheReason() {
        var workshopId = fixtures.published(educator, Map.of());
        var parent = fixtures.person();
        var child = fixtures.child(parent, 9);

        fixtures.enrol(parent, workshopId, Map.of("participants", List.of(Fixtures.dependant(child)), "seatType", "SOLIDARITY"))
                .expectStatus().isEqualTo(422);
        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            fixtures.enrol(parent, workshopId, Map.of("participants", List.of(Fixtures.dependant(child)), "seatType", "SOLIDARITY",
                    "solidarityReason", "Gizli aile durumu")).expectStatus().isCreated().expectBody()
                    .jsonPath("$.status").isEqualTo("PENDING_REVIEW").jsonPath("$.price.amount").isEqualTo("0.00");
            assertThat(probe.received()).noneMatch(e -> e.body().contains("Gizli aile durumu"));
        }
        fixtures.client().get().uri("/api/workshops/enrolments/mine").header("Authorization", parent.bearer()).exchange()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("Gizli aile durumu"));
        fixtures.client().get().uri("/api/workshops/{id}", workshopId).exchange()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("Gizli aile durumu"));
    }

    @Test
    void shouldRefuseEnrolmentInWorkshopsThatAreNotOpen() {
        @SuppressWarnings("unchecked")
        var draft = (String) fixtures.create(educator, Fixtures.workshop(Map.of())).expectBody(Map.class).returnResult()
                .getResponseBody().get("id");

        fixtures.enrol(fixtures.person(), draft, List.of(Fixtures.self())).expectStatus().isNotFound();
        fixtures.enrol(educator, draft, List.of(Fixtures.self())).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/workshop-not-open");
        fixtures.enrol(fixtures.person(), "no-such-workshop", List.of(Fixtures.self())).expectStatus().isNotFound();
        fixtures.enrol(fixtures.person(), draft, Map.of("participants", List.of())).expectStatus().isBadRequest();
        fixtures.enrol(fixtures.person(), draft, Map.of("participants", List.of(Fixtures.self()), "seatType", "VIP"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("seatType");
    }
}
