package coop.izek.project.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import coop.izek.events.EventType;
import coop.izek.events.ProjectEvents;
import coop.izek.events.Topics;
import coop.izek.project.ProjectFixtures;
import coop.izek.project.directory.Directory;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.EventProbe.ReceivedEvent;
import coop.izek.testsupport.IntegrationTest;

/**
 * The producer's side of the event contracts: every project event, as this service really publishes it, has the
 * shape and words of its contract sample, which notification-service's and workshop-service's tests feed to their
 * listeners.
 */
@IntegrationTest
class ProjectEventContractIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Test
    void shouldPublishEveryProjectEventAsItsContractSampleSays() {
        var fixtures = new ProjectFixtures(port, directory);
        var staff = fixtures.staff();
        var cluster = fixtures.organisation("GLOKAL Klaster Edukacyjny", "PL", "CLUSTER");
        var educator = fixtures.educator();
        var today = LocalDate.now(ZoneId.of("Europe/Istanbul"));
        var checked = new HashSet<String>();
        try (var probe = EventProbe.on(Topics.PROJECT)) {
            var id = fixtures.project(staff, ProjectFixtures.COOPERATIVE, cluster);
            check(probe, ProjectEvents.PROJECT_CREATED, e -> id.equals(e.subject()), checked);
            check(probe, ProjectEvents.PARTNER_ADDED, e -> id.equals(e.subject()) && e.body().contains(cluster), checked);
            fixtures.moveTo(staff, id, "RUNNING");
            check(probe, ProjectEvents.PROJECT_STATUS_CHANGED, e -> id.equals(e.subject()) && e.body().contains("\"to\":\"RUNNING\""), checked);
            fixtures.post(staff, "/api/projects/{id}/educators", Map.of("personId", educator.id()), id).expectStatus().isCreated();
            check(probe, ProjectEvents.EDUCATOR_ASSIGNED, e -> id.equals(e.subject()), checked);
            fixtures.workPackage(staff, id, 1, ProjectFixtures.COOPERATIVE);
            fixtures.deliverable(staff, id, "D1.1", 1, today.plusDays(3), cluster);
            check(probe, ProjectEvents.DELIVERABLE_DUE_SOON, e -> id.equals(e.subject()), checked);
            fixtures.deliverable(staff, id, "D1.2", 1, today.minusDays(3), cluster);
            check(probe, ProjectEvents.DELIVERABLE_OVERDUE, e -> id.equals(e.subject()), checked);
            fixtures.patch(fixtures.partner(cluster), "/api/projects/{id}/deliverables/D1.1", Map.of("status", "DRAFT"), id).expectStatus().isOk();
            check(probe, ProjectEvents.DELIVERABLE_STATUS_CHANGED, e -> id.equals(e.subject()), checked);
        }
        assertThat(checked).as("every project event type").hasSize(ProjectEvents.ALL.size());
    }

    private static void check(EventProbe probe, EventType<?> type, Predicate<ReceivedEvent> which, Set<String> checked) {
        var event = probe.await(e -> type.name().equals(e.type()) && which.test(e));
        EventContracts.assertMatchesSample(type, "default", event.body());
        checked.add(type.name());
    }
}
