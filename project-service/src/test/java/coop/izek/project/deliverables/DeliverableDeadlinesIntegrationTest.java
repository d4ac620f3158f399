package coop.izek.project.deliverables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import coop.izek.events.ProjectEvents;
import coop.izek.events.Topics;
import coop.izek.project.ProjectApplication;
import coop.izek.project.ProjectFixtures;
import coop.izek.project.directory.Directory;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.IntegrationTest;

/**
 * The deadline job runs in two instances at once, both looking every 300 ms: each deliverable's due-soon and overdue
 * announcements still leave the service once per due date, and a moved due date is announced again.
 */
@IntegrationTest
class DeliverableDeadlinesIntegrationTest {

    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Autowired
    Environment environment;

    ProjectFixtures fixtures;
    ProjectFixtures.Caller staff;
    String cluster;
    ConfigurableApplicationContext second;

    @BeforeEach
    void setUp() {
        fixtures = new ProjectFixtures(port, directory);
        staff = fixtures.staff();
        cluster = fixtures.organisation("GLOKAL Klaster Edukacyjny", "PL", "CLUSTER");
        second = startSecondInstance();
    }

    @AfterEach
    void stopSecondInstance() {
        second.close();
    }

    private ConfigurableApplicationContext startSecondInstance() {
        var arguments = new ArrayList<String>();
        for (var name : List.of("spring.kafka.bootstrap-servers", "spring.mongodb.uri", "spring.mongodb.database",
                "izek.security.jwk-set-uri", "izek.secrets.master-key", "izek.projects.deadlines.check", "izek.outbox.relay-interval",
                "izek.outbox.relay-grace")) {
            arguments.add("--" + name + "=" + environment.getRequiredProperty(name));
        }
        arguments.add("--server.port=0");
        // Its own consumer group, so it does not take partitions from the instance under test.
        arguments.add("--spring.kafka.consumer.group-id=project-service-second-" + System.nanoTime());
        return new SpringApplicationBuilder(ProjectApplication.class).run(arguments.toArray(String[]::new));
    }

    /**
     * Announcements (distinct event ids) of one type for one deliverable and due date. The outbox publishes at least
     * once: an instance's relay may send a record the other instance's publisher is sending too, with the same id,
     * which consumers drop. What must never happen is a second announcement.
     */
    private static long count(EventProbe probe, String type, String projectId, String code, LocalDate dueDate) {
        return probe.received().stream().filter(e -> e.type().equals(type) && projectId.equals(e.subject())
                && e.body().contains("\"code\":\"" + code + "\"") && e.body().contains("\"dueDate\":\"" + dueDate + "\""))
                .map(EventProbe.ReceivedEvent::id).distinct().count();
    }

    @Test
    void shouldAnnounceEachDueDateOnceAcrossInstancesAndAgainWhenMoved() {
        var today = LocalDate.now(ISTANBUL);
        var id = fixtures.project(staff, ProjectFixtures.COOPERATIVE, cluster);
        fixtures.workPackage(staff, id, 1, ProjectFixtures.COOPERATIVE);
        fixtures.moveTo(staff, id, "RUNNING");
        var soon = today.plusDays(5);
        var past = today.minusDays(2);
        var later = today.plusDays(40);
        try (var probe = EventProbe.on(Topics.PROJECT)) {
            fixtures.deliverable(staff, id, "D1.1", 1, soon, cluster);
            fixtures.deliverable(staff, id, "D1.2", 1, past, cluster);
            fixtures.deliverable(staff, id, "D1.3", 1, later, cluster);
            // Submitted, then its due date comes into the week: no reminder for it.
            fixtures.deliverable(staff, id, "D1.4", 1, later, cluster);
            fixtures.patch(staff, "/api/projects/{id}/deliverables/D1.4", Map.of("status", "DRAFT"), id).expectStatus().isOk();
            fixtures.patch(staff, "/api/projects/{id}/deliverables/D1.4", Map.of("status", "SUBMITTED"), id).expectStatus().isOk();
            fixtures.patch(staff, "/api/projects/{id}/deliverables/D1.4", Map.of("dueDate", soon.toString()), id).expectStatus().isOk();

            await().atMost(Duration.ofSeconds(30)).until(() -> count(probe, ProjectEvents.DELIVERABLE_DUE_SOON.name(), id, "D1.1", soon) == 1
                    && count(probe, ProjectEvents.DELIVERABLE_OVERDUE.name(), id, "D1.2", past) == 1);
            // Both instances keep looking; nothing more leaves for these dates.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                    count(probe, ProjectEvents.DELIVERABLE_DUE_SOON.name(), id, "D1.1", soon) == 1
                            && count(probe, ProjectEvents.DELIVERABLE_OVERDUE.name(), id, "D1.2", past) == 1);

            var moved = today.plusDays(6);
            fixtures.patch(staff, "/api/projects/{id}/deliverables/D1.1", Map.of("dueDate", moved.toString()), id).expectStatus().isOk();
            // The far one comes into the week; the overdue one is moved into the past again.
            fixtures.patch(staff, "/api/projects/{id}/deliverables/D1.3", Map.of("dueDate", today.plusDays(1).toString()), id)
                    .expectStatus().isOk();
            var stillPast = today.minusDays(1);
            fixtures.patch(staff, "/api/projects/{id}/deliverables/D1.2", Map.of("dueDate", stillPast.toString()), id).expectStatus().isOk();

            await().atMost(Duration.ofSeconds(30)).until(() -> count(probe, ProjectEvents.DELIVERABLE_DUE_SOON.name(), id, "D1.1", moved) == 1
                    && count(probe, ProjectEvents.DELIVERABLE_DUE_SOON.name(), id, "D1.3", today.plusDays(1)) == 1
                    && count(probe, ProjectEvents.DELIVERABLE_OVERDUE.name(), id, "D1.2", stillPast) == 1);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                    probe.received().stream().filter(e -> id.equals(e.subject()) && (e.type().equals(ProjectEvents.DELIVERABLE_DUE_SOON.name())
                            || e.type().equals(ProjectEvents.DELIVERABLE_OVERDUE.name()))).map(EventProbe.ReceivedEvent::id).distinct().count() == 5);
            assertThat(probe.received().stream().filter(e -> id.equals(e.subject()) && e.body().contains("\"code\":\"D1.4\"")
                    && !e.type().equals(ProjectEvents.DELIVERABLE_STATUS_CHANGED.name()))).isEmpty();
        }
    }

    @Test
    void shouldNotRemindOfDeliverablesOfProjectsNotGranted() {
        var today = LocalDate.now(ISTANBUL);
        var id = fixtures.project(staff, ProjectFixtures.COOPERATIVE, cluster);
        fixtures.workPackage(staff, id, 1, ProjectFixtures.COOPERATIVE);
        fixtures.moveTo(staff, id, "SUBMITTED");
        try (var probe = EventProbe.on(Topics.PROJECT)) {
            fixtures.deliverable(staff, id, "D1.1", 1, today.plusDays(1), cluster);
            fixtures.deliverable(staff, id, "D1.2", 1, today.minusDays(1), cluster);
            // A marker that comes later than several rounds of both instances' jobs: a granted project's overdue deliverable.
            var marker = fixtures.project(staff, ProjectFixtures.COOPERATIVE, cluster);
            fixtures.workPackage(staff, marker, 1, ProjectFixtures.COOPERATIVE);
            fixtures.moveTo(staff, marker, "GRANTED");
            fixtures.deliverable(staff, marker, "D1.1", 1, today.minusDays(1), cluster);
            probe.await(e -> marker.equals(e.subject()) && e.type().equals(ProjectEvents.DELIVERABLE_OVERDUE.name()));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> probe.received().stream()
                    .noneMatch(e -> id.equals(e.subject()) && !e.type().equals(ProjectEvents.PROJECT_STATUS_CHANGED.name())));
        }
    }
}
