package coop.izek.workshop.workshops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import coop.izek.events.MembershipEvents;
import coop.izek.events.ProjectEvents;
import coop.izek.events.Topics;
import coop.izek.events.WorkshopEvents;
import coop.izek.support.demo.DemoIds;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.Instances;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.testsupport.TestTokens;
import coop.izek.workshop.Fixtures;
import coop.izek.workshop.directory.Directory;
import coop.izek.workshop.projects.FundingProjects;

/**
 * The demo's workshops wait for the demo educators, family and project to arrive as events, then are published once
 * and the family's children enrolled once, however many instances load them and however often.
 */
@IntegrationTest
class WorkshopDemoDataIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    WorkshopDemoData demo;

    @Autowired
    Directory directory;

    @Autowired
    FundingProjects projects;

    @Test
    void shouldPublishTheDemoWorkshopsOnceTheirEducatorsFamilyAndProjectAreKnown() {
        assertThat(demo.load()).as("nothing to build on yet").isFalse();
        for (var educator : DemoIds.EDUCATORS) {
            var memberId = UUID.randomUUID().toString();
            EventContracts.publish(MembershipEvents.MEMBER_ACTIVATED, memberId, Map.of("memberId", memberId, "personId", educator,
                    "memberType", "EDUCATOR"));
        }
        var today = LocalDate.now(Catalogue.ISTANBUL);
        for (var child : Map.of("Ece Yıldız", 9, "Efe Yıldız", 12).entrySet()) {
            EventContracts.publish(MembershipEvents.DEPENDANT_ADDED, DemoIds.PARENT, Map.of("dependantId", UUID.randomUUID().toString(),
                    "guardianId", DemoIds.PARENT, "fullName", child.getKey(), "birthDate", today.minusYears(child.getValue()).minusMonths(3).toString()));
        }
        var project = DemoIds.PROJECT;
        EventContracts.publish(ProjectEvents.PROJECT_CREATED, project, Map.of("projectId", project, "coordinatorOrganisationId", "izek",
                "status", "IDEA"));
        EventContracts.publish(ProjectEvents.PARTNER_ADDED, project, Map.of("projectId", project, "organisationId", "izek", "role", "COORDINATOR"));
        EventContracts.publish(ProjectEvents.PROJECT_STATUS_CHANGED, project, Map.of("projectId", project, "from", "GRANTED", "to", "RUNNING"));
        for (var educator : List.of(DemoIds.AYSE, DemoIds.ZEYNEP)) {
            EventContracts.publish(ProjectEvents.EDUCATOR_ASSIGNED, project, Map.of("projectId", project, "personId", educator));
        }
        await().until(() -> projects.funds(project) && directory.dependantsOf(DemoIds.PARENT).size() == 2
                && DemoIds.EDUCATORS.stream().allMatch(e -> directory.member(e).isPresent()));

        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            Instances.race(2, demo::load);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(demo::load);
            assertThat(demo.load()).isTrue();

            var fixtures = new Fixtures(port, directory);
            fixtures.get(null, "/api/workshops?size=100").expectStatus().isOk().expectBody()
                    .jsonPath("$.items[?(@.id =~ /demo-workshop-.*/)].id").value(ids -> assertThat((List<?>) ids).hasSize(12))
                    .jsonPath("$.items[?(@.projectId == '" + project + "')].id").value(ids -> assertThat((List<?>) ids).hasSize(3));
            var parent = new Fixtures.Person(DemoIds.PARENT, "Bearer " + TestTokens.forPerson(DemoIds.PARENT));
            fixtures.get(parent, "/api/workshops/enrolments/mine").expectStatus().isOk().expectBody()
                    .jsonPath("$.total").isEqualTo(2)
                    .jsonPath("$.items[?(@.workshopId == 'demo-workshop-07')].price.amount").isEqualTo(List.of("0.00"))
                    .jsonPath("$.items[?(@.workshopId == 'demo-workshop-05')].price.amount").isEqualTo(List.of("300.00"));

            await().atMost(Duration.ofSeconds(30)).until(() -> probe.received().stream()
                    .filter(e -> e.type().equals(WorkshopEvents.WORKSHOP_PUBLISHED.name()) && e.subject().startsWith("demo-workshop-"))
                    .map(EventProbe.ReceivedEvent::subject).distinct().count() == 12);
            assertThat(probe.received().stream().filter(e -> e.type().equals(WorkshopEvents.WORKSHOP_PUBLISHED.name())
                    && e.subject().startsWith("demo-workshop-")).map(EventProbe.ReceivedEvent::id).distinct()).hasSize(12);
        }
    }
}
