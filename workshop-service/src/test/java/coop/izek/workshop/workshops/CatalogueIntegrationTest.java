package coop.izek.workshop.workshops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import coop.izek.support.messaging.ProcessedEvents;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.testsupport.TestTokens;
import coop.izek.workshop.Fixtures;
import coop.izek.workshop.directory.Directory;

@IntegrationTest
class CatalogueIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Autowired
    ProcessedEvents processed;

    Fixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(port, directory);
    }

    @Test
    void shouldLetOnlyActiveEducatorsCreateWorkshops() {
        var educator = fixtures.member("EDUCATOR");

        fixtures.create(educator, Fixtures.workshop(Map.of())).expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("DRAFT").jsonPath("$.id").isNotEmpty()
                .jsonPath("$.seatsAvailable").isEqualTo(10).jsonPath("$.solidaritySeatsAvailable").isEqualTo(2);
        fixtures.create(fixtures.member("SUPPORTER"), Fixtures.workshop(Map.of())).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        fixtures.create(fixtures.person(), Fixtures.workshop(Map.of())).expectStatus().isForbidden();
        fixtures.client().post().uri("/api/workshops").contentType(MediaType.APPLICATION_JSON).body(Fixtures.workshop(Map.of()))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void shouldStopAnEducatorWhoIsNoLongerActive() {
        var educator = fixtures.member("EDUCATOR");
        EventContracts.publish(MembershipEvents.MEMBER_STATUS_CHANGED, "m", Map.of("memberId", "m", "personId", educator.id(),
                "memberType", "EDUCATOR", "from", "ACTIVE", "to", "SUSPENDED"));
        await().until(() -> directory.member(educator.id()).filter(m -> m.status().equals("SUSPENDED")).isPresent());

        fixtures.create(educator, Fixtures.workshop(Map.of())).expectStatus().isForbidden();
    }

    @Test
    void shouldApplyRedeliveredMembershipEventsOnce() {
        var personId = UUID.randomUUID().toString();
        var eventId = UUID.randomUUID().toString();
        var child = Map.of("dependantId", "d-" + personId, "guardianId", personId, "fullName", "Ada", "birthDate", "2018-05-01");
        for (int i = 0; i < 3; i++) {
            EventContracts.publishWithId(MembershipEvents.DEPENDANT_ADDED, "default", eventId, personId, child);
        }
        var later = EventContracts.publish(MembershipEvents.DEPENDANT_ADDED, personId, Map.of("dependantId", "d2-" + personId,
                "guardianId", personId, "fullName", "Ada", "birthDate", "2018-05-01"));
        await().until(() -> processed.isApplied("workshop.directory", later));

        assertThat(processed.isApplied("workshop.directory", eventId)).isTrue();
        assertThat(directory.dependant("d-" + personId)).get()
                .satisfies(d -> assertThat(d.birthDate()).isEqualTo(LocalDate.of(2018, 5, 1)));
    }

    @Test
    void shouldListAnEducatorsOwnWorkshopsDraftsIncludedAndNobodyElses() {
        var educator = fixtures.member("EDUCATOR");
        var draft = Fixtures.idOf(fixtures.create(educator, Fixtures.workshop(Map.of())));
        var published = fixtures.published(educator, Map.of());
        fixtures.published(fixtures.member("EDUCATOR"), Map.of());

        var mine = fixtures.client().get().uri("/api/workshops/mine").header("Authorization", educator.bearer()).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((java.util.List<?>) mine.get("items")).stream().map(w -> (Object) ((Map<?, ?>) w).get("id")).toList())
                .containsExactlyInAnyOrder(draft, published);
        fixtures.client().get().uri("/api/workshops/mine").header("Authorization", fixtures.person().bearer()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
        fixtures.client().get().uri("/api/workshops/mine").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void shouldShowDraftsOnlyToTheirEducatorAndStaff() {
        var educator = fixtures.member("EDUCATOR");
        @SuppressWarnings("unchecked")
        var id = (String) fixtures.create(educator, Fixtures.workshop(Map.of())).expectBody(Map.class).returnResult().getResponseBody().get("id");

        fixtures.client().get().uri("/api/workshops/{id}", id).exchange().expectStatus().isNotFound();
        fixtures.client().get().uri("/api/workshops/{id}", id).header("Authorization", fixtures.person().bearer()).exchange()
                .expectStatus().isNotFound();
        fixtures.client().get().uri("/api/workshops/{id}", id).header("Authorization", educator.bearer()).exchange().expectStatus().isOk();
        fixtures.client().get().uri("/api/workshops/{id}", id).header("Authorization", "Bearer " + TestTokens.forPerson("staff", "ADMIN"))
                .exchange().expectStatus().isOk();
        fixtures.client().post().uri("/api/workshops/{id}/publish", id).header("Authorization", fixtures.person().bearer())
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void shouldLetItsEducatorEditADraftUntilItIsPublished() {
        var educator = fixtures.member("EDUCATOR");
        var id = Fixtures.idOf(fixtures.create(educator, Fixtures.workshop(Map.of())));
        var edited = new java.util.HashMap<>(Fixtures.workshop(Map.of("title", Map.of("tr", "Robotik ve Kodlama"), "capacity", 20,
                "solidaritySeats", 4, "targetGroups", List.of("YOUTH"))));
        edited.remove("minAge");
        edited.remove("maxAge");

        fixtures.put(educator, "/api/workshops/{id}", edited, id).expectStatus().isOk()
                .expectBody().jsonPath("$.title.tr").isEqualTo("Robotik ve Kodlama").jsonPath("$.status").isEqualTo("DRAFT");
        var shown = fixtures.get(educator, "/api/workshops/{id}", id).expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody();
        assertThat(shown.get("title")).isEqualTo(Map.of("tr", "Robotik ve Kodlama"));
        assertThat(shown.get("capacity")).isEqualTo(20);
        assertThat(shown.get("targetGroups")).isEqualTo(List.of("YOUTH"));
        assertThat(shown.get("minAge")).isNull();
        assertThat(shown.get("seatsAvailable")).isEqualTo(16);

        // Someone else's draft does not exist for them; a bad description is refused; nothing changed by either.
        fixtures.put(fixtures.member("EDUCATOR"), "/api/workshops/{id}", edited, id).expectStatus().isNotFound();
        fixtures.put(educator, "/api/workshops/{id}", Map.of("title", Map.of("tr", "x")), id).expectStatus().isBadRequest();
        fixtures.get(educator, "/api/workshops/{id}", id).expectBody().jsonPath("$.capacity").isEqualTo(20);

        fixtures.post(educator, "/api/workshops/{id}/publish", null, id).expectStatus().isOk();
        fixtures.put(educator, "/api/workshops/{id}", Fixtures.workshop(Map.of()), id).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/not-a-draft");
        fixtures.get(educator, "/api/workshops/{id}", id).expectBody().jsonPath("$.title.tr").isEqualTo("Robotik ve Kodlama");
    }

    @Test
    void shouldPublishOnceAndAnnounceIt() {
        var educator = fixtures.member("EDUCATOR");
        @SuppressWarnings("unchecked")
        var id = (String) fixtures.create(educator, Fixtures.workshop(Map.of("learningCityFeatures", List.of("BLOCK_INCLUSIVE_LEARNING_IN_EDUCATION"))))
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            fixtures.client().post().uri("/api/workshops/{id}/publish", id).header("Authorization", educator.bearer()).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PUBLISHED");

            var event = probe.await(e -> id.equals(e.subject()));
            assertThat(event.type()).isEqualTo("coop.izek.workshop.workshop-published.v1");
            assertThat(event.body()).contains("\"district\":\"Karşıyaka\"", "BLOCK_INCLUSIVE_LEARNING_IN_EDUCATION", "+03:00", "\"city\":\"İzmir\"");
        }
        fixtures.client().post().uri("/api/workshops/{id}/publish", id).header("Authorization", educator.bearer()).exchange()
                .expectStatus().isEqualTo(409);
        fixtures.client().get().uri("/api/workshops/{id}", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.sessions[0].start").value(start -> assertThat((String) start).endsWith("+03:00"));
    }

    @Test
    void shouldLetAnyoneKeepTheCatalogueAsVisitorsSeeItForASecondButNoSignedInView() {
        var educator = fixtures.member("EDUCATOR");
        var id = fixtures.published(educator, Map.of());
        @SuppressWarnings("unchecked")
        var draft = (String) fixtures.create(educator, Fixtures.workshop(Map.of())).expectBody(Map.class).returnResult().getResponseBody().get("id");

        fixtures.client().get().uri("/api/workshops/{id}", id).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "max-age=1, public");
        fixtures.client().get().uri("/api/workshops?q=x").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "max-age=1, public");
        fixtures.client().get().uri("/api/workshops/{id}", id).header("Authorization", fixtures.person().bearer()).exchange()
                .expectStatus().isOk().expectHeader().value("Cache-Control", value -> assertThat(value).contains("no-store"));
        fixtures.client().get().uri("/api/workshops/{id}", draft).header("Authorization", educator.bearer()).exchange()
                .expectStatus().isOk().expectHeader().value("Cache-Control", value -> assertThat(value).contains("no-store"));
        fixtures.client().get().uri("/api/workshops/{id}", draft).exchange().expectStatus().isNotFound()
                .expectHeader().value("Cache-Control", value -> assertThat(value).doesNotContain("public"));
    }

    @Test
    void shouldSearchPublishedWorkshopsByEveryFilter() {
        var educator = fixtures.member("EDUCATOR");
        var marker = "Seramik" + UUID.randomUUID().toString().substring(0, 6);
        var inMonth = OffsetDateTime.now(java.time.ZoneId.of("Europe/Istanbul")).plusDays(40)
                .withHour(14).withMinute(0).withSecond(0).withNano(0);
        var pottery = fixtures.published(educator, Map.of("title", Map.of("tr", marker + " atölyesi"), "category", "ARTS",
                "targetGroups", List.of("ADULTS"), "minAge", 18, "maxAge", 99,
                "venue", Map.of("name", "Alsancak Atölye", "district", "Konak", "city", "İzmir"),
                "sessions", List.of(Map.of("start", inMonth.toString(), "end", inMonth.plusHours(3).toString()))));
        var kids = fixtures.published(educator, Map.of("title", Map.of("en", marker + " for kids")));
        fixtures.create(educator, Fixtures.workshop(Map.of("title", Map.of("tr", marker + " taslak")))).expectStatus().isCreated();

        assertThat(search("q=" + marker.toLowerCase())).containsExactlyInAnyOrder(pottery, kids);
        assertThat(search("q=" + marker + "&category=ARTS")).containsExactly(pottery);
        assertThat(search("q=" + marker + "&targetGroup=CHILDREN")).containsExactly(kids);
        assertThat(search("q=" + marker + "&age=9")).containsExactly(kids);
        assertThat(search("q=" + marker + "&district=konak")).containsExactly(pottery);
        assertThat(search("q=" + marker + "&from=" + inMonth.toLocalDate().minusDays(1) + "&to=" + inMonth.toLocalDate()))
                .containsExactly(pottery);
        fixtures.client().get().uri("/api/workshops?q=" + marker + "&size=1").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(2).jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].seatsAvailable").isNumber();
    }

    @Test
    void shouldRefuseBadWorkshops() {
        var educator = fixtures.member("EDUCATOR");
        var start = OffsetDateTime.now().plusDays(3);

        fixtures.create(educator, Fixtures.workshop(Map.of("capacity", 0))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("capacity");
        fixtures.create(educator, Fixtures.workshop(Map.of("category", "COOKING"))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("category");
        fixtures.create(educator, Fixtures.workshop(Map.of("title", Map.of("de", "Robotik")))).expectStatus().isEqualTo(422);
        fixtures.create(educator, Fixtures.workshop(Map.of("solidaritySeats", 20))).expectStatus().isEqualTo(422);
        fixtures.create(educator, Fixtures.workshop(Map.of("sessions", List.of(Map.of("start", start.toString(),
                "end", start.minusHours(1).toString()))))).expectStatus().isEqualTo(422);
        fixtures.create(educator, Fixtures.workshop(Map.of("memberPrice", "500.00"))).expectStatus().isEqualTo(422);
        fixtures.create(educator, Fixtures.workshop(Map.of("sessions", List.of(Map.of("start", "tomorrow", "end", "later")))))
                .expectStatus().isBadRequest();
        fixtures.client().get().uri("/api/workshops?from=soon").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("from");
        fixtures.client().get().uri("/api/workshops?size=1000").exchange().expectStatus().isBadRequest();
    }

    private List<String> search(String query) {
        @SuppressWarnings("unchecked")
        var items = (List<Map<String, Object>>) fixtures.client().get().uri("/api/workshops?" + query).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("items");
        return items.stream().map(i -> (String) i.get("id")).toList();
    }
}
