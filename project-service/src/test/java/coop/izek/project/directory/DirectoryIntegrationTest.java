package coop.izek.project.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import coop.izek.events.MembershipEvents;
import coop.izek.project.ProjectFixtures;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.IntegrationTest;

/**
 * What project-service knows of organisations and educators comes from membership events: redelivered, they change
 * nothing; an educator who is no longer ACTIVE cannot be assigned; an erased person leaves a tombstone and every
 * project's educators, and a late event about them brings nothing back.
 */
@IntegrationTest
class DirectoryIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Test
    void shouldKeepOneOrganisationWhenItsRegistrationIsRedelivered() {
        var id = UUID.randomUUID().toString();
        var eventId = UUID.randomUUID().toString();
        var values = Map.of("organisationId", id, "name", "Fundacja Edukacja", "country", "PL", "type", "NGO", "oid", "E10000001",
                "contactEmail", "biuro@fundacja.test");
        EventContracts.publishWithId(MembershipEvents.ORGANISATION_REGISTERED, "default", eventId, id, values);
        EventContracts.publishWithId(MembershipEvents.ORGANISATION_REGISTERED, "default", eventId, id, values);
        await().until(() -> directory.organisation(id).isPresent());
        assertThat(directory.organisation(id).orElseThrow()).isEqualTo(new Directory.Organisation(id, "Fundacja Edukacja", "PL", "NGO",
                "E10000001", null));
    }

    @Test
    void shouldAssignOnlyEducatorsWhoAreActiveAndForgetErasedOnes() {
        var fixtures = new ProjectFixtures(port, directory);
        var staff = fixtures.staff();
        var projectId = fixtures.project(staff, ProjectFixtures.COOPERATIVE);
        var suspended = fixtures.educator();
        EventContracts.publish(MembershipEvents.MEMBER_STATUS_CHANGED, suspended.id(), Map.of("memberId", "m-" + suspended.id(),
                "personId", suspended.id(), "memberType", "EDUCATOR", "from", "ACTIVE", "to", "SUSPENDED", "reason", "Aidat"));
        await().until(() -> !directory.isActiveEducator(suspended.id()));
        fixtures.post(staff, "/api/projects/{id}/educators", Map.of("personId", suspended.id()), projectId).expectStatus().isEqualTo(422);

        var erased = fixtures.educator();
        fixtures.post(staff, "/api/projects/{id}/educators", Map.of("personId", erased.id()), projectId).expectStatus().isCreated();
        EventContracts.publish(MembershipEvents.PERSON_ERASED, erased.id(), Map.of("personId", erased.id(), "dependantId", "none"));
        await().until(() -> !directory.isActiveEducator(erased.id()));
        fixtures.get(staff, "/api/projects/{id}", projectId).expectBody().jsonPath("$.educators").isEqualTo(List.of());
        // A late activation of the erased person (another partition, a replay) writes nothing about them again.
        EventContracts.publish(MembershipEvents.MEMBER_ACTIVATED, "m-" + erased.id(), Map.of("memberId", "m-" + erased.id(),
                "personId", erased.id(), "memberType", "EDUCATOR"));
        // A marker after it with the same key (the same partition): once it is in, the late event was handled.
        var marker = UUID.randomUUID().toString();
        EventContracts.publish(MembershipEvents.MEMBER_ACTIVATED, "m-" + erased.id(), Map.of("memberId", "m-marker-" + marker,
                "personId", marker, "memberType", "EDUCATOR"));
        await().until(() -> directory.isActiveEducator(marker));
        assertThat(directory.isActiveEducator(erased.id())).isFalse();
    }
}
