package coop.izek.membership.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import coop.izek.membership.Api;
import coop.izek.membership.MembershipIntegrationTest;
import coop.izek.testsupport.EventProbe;

@MembershipIntegrationTest
class PersonalDataIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    @Autowired
    coop.izek.support.outbox.Outbox outbox;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, context);
    }

    @Test
    void shouldLetAGuardianAddChildrenOnlyTheyAndStaffSee() {
        var guardian = api.newPerson("Elif Guardian");
        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            var childId = (String) addDependant(guardian.bearer(), "Deniz Çocuk", LocalDate.now().minusYears(8)).expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody().get("dependantId");

            var event = probe.await(e -> e.body().contains(childId));
            assertThat(event.type()).isEqualTo("coop.izek.membership.dependant-added.v1");
            // Keyed by the guardian, so it stays in order with the guardian's own events (an erasure above all).
            assertThat(event.key()).isEqualTo(guardian.id());
            assertThat(event.body()).contains("\"guardianId\":\"" + guardian.id() + "\"", "\"birthDate\"");
        }
        api.client().get().uri("/api/membership/people/me/dependants").header("Authorization", guardian.bearer()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].fullName").isEqualTo("Deniz Çocuk");
        api.client().get().uri("/api/membership/people/me/dependants").header("Authorization", api.newPerson("Stranger").bearer())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        api.client().get().uri("/api/membership/people/{id}/dependants", guardian.id())
                .header("Authorization", api.newPerson("Stranger Two").bearer()).exchange().expectStatus().isForbidden();
        api.client().get().uri("/api/membership/people/{id}/dependants", guardian.id())
                .header("Authorization", "Bearer " + api.adminToken()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].fullName").isEqualTo("Deniz Çocuk");
    }

    @Test
    void shouldRefuseAdultsAndUnbornAsDependants() {
        var guardian = api.newPerson("Careful Guardian");
        addDependant(guardian.bearer(), "Grown Up", LocalDate.now().minusYears(19)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/dependant-not-a-child");
        addDependant(guardian.bearer(), "Not Yet", LocalDate.now().plusDays(3)).expectStatus().isEqualTo(422);
        api.client().post().uri("/api/membership/people/me/dependants").header("Authorization", guardian.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("fullName", "No Date")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("birthDate");
    }

    @Test
    void shouldExportEverythingHeldAboutAPerson() {
        var member = api.activeMember("Export Me", "EDUCATOR");
        addDependant(member.bearer(), "Exported Child", LocalDate.now().minusYears(6)).expectStatus().isCreated();

        api.client().get().uri("/api/membership/people/me/export").header("Authorization", member.bearer()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.account.email").isEqualTo(member.person().email())
                .jsonPath("$.dependants[0].fullName").isEqualTo("Exported Child")
                .jsonPath("$.applications[0].memberType").isEqualTo("EDUCATOR")
                .jsonPath("$.membership.memberNumber").isEqualTo(member.number())
                .jsonPath("$.shareRegister[?(@.kind == 'PAYMENT')]").exists()
                .jsonPath("$.principleAcceptances[0].version").isNumber();
    }

    @Test
    void shouldEraseAPersonAnnounceItAndKeepTheRegisterRight() {
        var member = api.activeMember("Forget Me", "SUPPORTER");
        var childId = (String) addDependant(member.bearer(), "Forgotten Child", LocalDate.now().minusYears(10))
                .expectBody(Map.class).returnResult().getResponseBody().get("dependantId");

        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            api.client().post().uri("/api/membership/people/me/erasure").header("Authorization", member.bearer())
                    .exchange().expectStatus().isAccepted();

            var erased = probe.await(e -> member.person().id().equals(e.subject()) && e.type().endsWith("person-erased.v1"));
            assertThat(erased.body()).contains(childId).doesNotContain("Forget Me").doesNotContain(member.person().email());
        }
        api.client().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", member.person().email(), "password", Api.PASSWORD)).exchange().expectStatus().isUnauthorized();
        // The erased person's token stops working as soon as the erasure is announced: nothing more can be added.
        await().untilAsserted(() -> addDependant(member.bearer(), "Added Too Late", LocalDate.now().minusYears(3))
                .expectStatus().isUnauthorized());
        var admin = "Bearer " + api.adminToken();
        api.client().get().uri("/api/membership/people/{id}/export", member.person().id()).header("Authorization", admin).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.account.fullName").isEqualTo("—")
                .jsonPath("$.account.email").value(email -> assertThat((String) email).endsWith("@erased.invalid"))
                .jsonPath("$.dependants.length()").isEqualTo(0)
                .jsonPath("$.membership.status").isEqualTo("RESIGNED")
                .jsonPath("$.membership.memberNumber").isEqualTo(member.number())
                .jsonPath("$.shareRegister[?(@.kind == 'REFUND')]").exists()
                .jsonPath("$.applications[0].motivation").isEqualTo("—");
        assertThat(mongo.getCollection("people").find(com.mongodb.client.model.Filters.eq("_id", member.person().id())).first()
                .toJson()).doesNotContain("Forget Me").doesNotContain(member.person().email()).doesNotContain("Forgotten Child");
    }

    /** What a broker outage left waiting in the store would only repeat what is being forgotten: erasure drops it. */
    @Test
    void shouldDropEventsAboutThePersonThatWereNeverPublished() {
        var guardian = api.newPerson("Pending Parent");
        var childId = (String) addDependant(guardian.bearer(), "Pending Child", LocalDate.now().minusYears(7))
                .expectBody(Map.class).returnResult().getResponseBody().get("dependantId");
        var later = java.time.Instant.now().plusSeconds(3600);
        park("people", guardian.id(), MembershipEvents.PERSON_REGISTERED.of(guardian.id(),
                new MembershipEvents.PersonRegistered(guardian.id(), guardian.email(), "Pending Parent", "tr")), later);
        park("dependants", childId, MembershipEvents.DEPENDANT_ADDED.of(guardian.id(),
                new MembershipEvents.DependantAdded(childId, guardian.id(), "Pending Child", LocalDate.now().minusYears(7))), later);

        api.client().post().uri("/api/membership/people/{id}/erasure", guardian.id()).header("Authorization", "Bearer " + api.adminToken())
                .exchange().expectStatus().isAccepted();

        var person = mongo.getCollection("people").find(com.mongodb.client.model.Filters.eq("_id", guardian.id())).first();
        assertThat(person.toJson()).doesNotContain(guardian.email()).doesNotContain("Pending Parent");
        // The erasure's own announcement may have left already; the parked events never will.
        assertThat(person.getList("outbox", org.bson.Document.class)).extracting(e -> e.getString("type"))
                .isSubsetOf(MembershipEvents.PERSON_ERASED.name());
        var child = mongo.getCollection("dependants").find(com.mongodb.client.model.Filters.eq("_id", childId)).first();
        assertThat(child.toJson()).doesNotContain("Pending Child");
        assertThat(child.getList("outbox", org.bson.Document.class, java.util.List.of())).isEmpty();
    }

    /** An event whose publishing failed and waits for a later attempt, as the outbox keeps it while the broker is away. */
    private void park(String collection, String id, coop.izek.events.DomainEvent<?> event, java.time.Instant nextAttempt) {
        var stored = outbox.toOutboxEvent(event);
        var waiting = new coop.izek.support.outbox.OutboxEvent(stored.eventId(), stored.type(), stored.topic(), stored.subject(),
                stored.time(), stored.payload(), 3, nextAttempt, "broker unavailable", null);
        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id)),
                new org.springframework.data.mongodb.core.query.Update().push("outbox", waiting), collection);
    }

    /** Asked again (by staff, after a letter), erasure is harmless and complete: it is announced again for the services. */
    @Test
    void shouldEraseAgainHarmlesslyAndAnnounceItAgain() {
        var person = api.newPerson("Twice Forgotten");
        var admin = "Bearer " + api.adminToken();
        var applicationId = api.apply(person, "SUPPORTER", java.util.List.of());
        api.client().post().uri("/api/membership/applications/{id}/decision", applicationId).header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("decision", "REJECT", "reason", "Özel gerekçe: borç kaydı"))
                .exchange().expectStatus().isOk();
        api.client().post().uri("/api/membership/people/{id}/erasure", person.id()).header("Authorization", admin).exchange()
                .expectStatus().isAccepted();

        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            api.client().post().uri("/api/membership/people/{id}/erasure", person.id()).header("Authorization", admin).exchange()
                    .expectStatus().isAccepted();
            probe.await(e -> person.id().equals(e.subject()) && e.type().endsWith("person-erased.v1"));
        }
        api.client().post().uri("/api/membership/people/{id}/erasure", person.id()).header("Authorization", person.bearer()).exchange()
                .expectStatus().value(status -> assertThat(status).isIn(401, 403));
        // What staff wrote about the person goes with what the person wrote.
        assertThat(mongo.getCollection("applications").find(com.mongodb.client.model.Filters.eq("_id", applicationId)).first().toJson())
                .doesNotContain("borç kaydı").contains("REJECTED");
        api.client().post().uri("/api/membership/people/{id}/erasure", api.newPerson("Not Staff").id())
                .header("Authorization", api.newPerson("Someone").bearer()).exchange().expectStatus().isForbidden();
    }

    @Test
    void shouldRejectBadOrganisationData() {
        var admin = "Bearer " + api.adminToken();
        var oid = "E" + (10_000_000 + (int) (Math.random() * 89_999_999));
        organisation(admin, Map.of("name", "Semper Avanti", "country", "PL", "type", "NGO", "oid", oid, "contactEmail", "biuro@example.pl"))
                .expectStatus().isCreated();
        organisation(admin, Map.of("name", "Copy", "country", "PL", "type", "NGO", "oid", oid, "contactEmail", "biuro@example.pl"))
                .expectStatus().isEqualTo(409);
        organisation(admin, Map.of("name", "Nowhere", "country", "QQ", "type", "NGO", "contactEmail", "a@b.org"))
                .expectStatus().isEqualTo(422);
        organisation(admin, Map.of("name", "Bad OID", "country", "TR", "type", "NGO", "oid", "123", "contactEmail", "a@b.org"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("oid");
        organisation(admin, Map.of("name", "Bad Type", "country", "TR", "type", "SPACESHIP", "contactEmail", "a@b.org"))
                .expectStatus().isBadRequest();
        api.client().post().uri("/api/membership/organisations/{id}/api-clients", "missing").header("Authorization", admin)
                .exchange().expectStatus().isNotFound();
    }

    private RestTestClient.ResponseSpec addDependant(String bearer, String name, LocalDate birthDate) {
        return api.client().post().uri("/api/membership/people/me/dependants").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("fullName", name, "birthDate", birthDate.toString())).exchange();
    }

    private RestTestClient.ResponseSpec organisation(String admin, Map<String, String> body) {
        return api.client().post().uri("/api/membership/organisations").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

}
