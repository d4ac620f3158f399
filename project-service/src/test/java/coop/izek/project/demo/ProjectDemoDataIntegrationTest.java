package coop.izek.project.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import coop.izek.events.MembershipEvents;
import coop.izek.events.ProjectEvents;
import coop.izek.events.Topics;
import coop.izek.project.ProjectFixtures;
import coop.izek.project.directory.Directory;
import coop.izek.support.demo.DemoIds;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.Instances;
import coop.izek.testsupport.IntegrationTest;

/**
 * The demo's sample consortium: it waits for membership-service's demo organisations and educators, then loads once,
 * however many instances load it at the same time and however often.
 */
@IntegrationTest
class ProjectDemoDataIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Autowired
    ProjectDemoData demo;

    @Test
    void shouldLoadTheSampleConsortiumOnceItsOrganisationsAreKnownAndOnlyOnce() {
        var fixtures = new ProjectFixtures(port, directory);
        assertThat(demo.load()).as("nothing to build on yet").isFalse();

        for (var organisation : List.of(DemoIds.CLUSTER, DemoIds.MUNICIPALITY, DemoIds.UNIVERSITY)) {
            EventContracts.publish(MembershipEvents.ORGANISATION_REGISTERED, organisation, Map.of("organisationId", organisation,
                    "name", "Demo " + organisation, "contactEmail", "demo@" + organisation + ".test"));
        }
        for (var educator : List.of(DemoIds.AYSE, DemoIds.ZEYNEP)) {
            var memberId = UUID.randomUUID().toString();
            EventContracts.publish(MembershipEvents.MEMBER_ACTIVATED, memberId, Map.of("memberId", memberId, "personId", educator,
                    "memberType", "EDUCATOR"));
        }
        await().until(() -> directory.organisation(DemoIds.UNIVERSITY).isPresent() && directory.isActiveEducator(DemoIds.ZEYNEP));

        try (var probe = EventProbe.on(Topics.PROJECT)) {
            Instances.race(2, demo::load);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(demo::load);
            assertThat(demo.load()).isTrue();

            var staff = fixtures.staff();
            fixtures.get(staff, "/api/projects/{id}", DemoIds.PROJECT).expectStatus().isOk().expectBody()
                    .jsonPath("$.status").isEqualTo("RUNNING")
                    .jsonPath("$.partners.length()").isEqualTo(4)
                    .jsonPath("$.workPackages.length()").isEqualTo(5)
                    .jsonPath("$.milestones.length()").isEqualTo(3)
                    .jsonPath("$.educators.length()").isEqualTo(2)
                    .jsonPath("$.budgetTotal.amount").isEqualTo("228000.50");
            fixtures.get(staff, "/api/projects/{id}/deliverables", DemoIds.PROJECT).expectBody()
                    .jsonPath("$.length()").isEqualTo(5)
                    .jsonPath("$[?(@.code == 'D1.1')].status").isEqualTo(List.of("APPROVED"))
                    .jsonPath("$[?(@.code == 'D3.1')].status").isEqualTo(List.of("SUBMITTED"));
            fixtures.get(staff, "/api/projects/{id}/mobilities", DemoIds.PROJECT).expectBody().jsonPath("$.length()").isEqualTo(2);
            fixtures.get(staff, "/api/projects/{id}/indicators", DemoIds.PROJECT).expectBody().jsonPath("$.mobilityParticipants").isEqualTo(6);
            fixtures.get(staff, "/api/projects/{id}", ProjectDemoData.LEARNING_CITY_PROJECT).expectBody()
                    .jsonPath("$.status").isEqualTo("DRAFTING");
            fixtures.get(fixtures.partner(DemoIds.CLUSTER), "/api/projects").expectBody()
                    .jsonPath("$.items[*].id").isEqualTo(List.of(DemoIds.PROJECT));

            probe.await(e -> DemoIds.PROJECT.equals(e.subject()) && e.body().contains("\"to\":\"RUNNING\""));
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.received().stream()
                    .filter(e -> DemoIds.PROJECT.equals(e.subject()) && e.type().equals(ProjectEvents.EDUCATOR_ASSIGNED.name()))
                    .map(EventProbe.ReceivedEvent::id).distinct().count() == 2);
            for (var type : List.of(ProjectEvents.PROJECT_CREATED, ProjectEvents.PROJECT_STATUS_CHANGED, ProjectEvents.PARTNER_ADDED,
                    ProjectEvents.EDUCATOR_ASSIGNED)) {
                var expected = type == ProjectEvents.PROJECT_STATUS_CHANGED || type == ProjectEvents.PARTNER_ADDED ? 4
                        : type == ProjectEvents.EDUCATOR_ASSIGNED ? 2 : 1;
                assertThat(probe.received().stream().filter(e -> DemoIds.PROJECT.equals(e.subject()) && e.type().equals(type.name()))
                        .map(EventProbe.ReceivedEvent::id).distinct()).as(type.name()).hasSize(expected);
            }
        }
    }
}
