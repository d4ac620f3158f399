package coop.izek.workshop.projects;

import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import coop.izek.events.ProjectEvents;
import coop.izek.support.messaging.ProcessedEvents;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.workshop.Fixtures;
import coop.izek.workshop.directory.Directory;

/**
 * Only real projects fund workshops: a GRANTED or RUNNING project the cooperative is in, linked by staff or by an
 * educator the project assigned; places are free only while that holds. What workshop-service knows of projects
 * comes from the events project-service publishes (their contract samples).
 */
@IntegrationTest
class ProjectFundingIntegrationTest {

    static final String COOPERATIVE = "izek";

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Autowired
    FundingProjects projects;

    @Autowired
    MongoTemplate mongo;

    Fixtures fixtures;
    Fixtures.Person educator;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(port, directory);
        educator = fixtures.member("EDUCATOR");
    }

    /** A project as project-service announces it, taken through to {@code status}; returns its id. */
    private String project(String coordinator, String status, String... educators) {
        var id = UUID.randomUUID().toString();
        EventContracts.publish(ProjectEvents.PROJECT_CREATED, id, Map.of("projectId", id, "coordinatorOrganisationId", coordinator,
                "status", "IDEA"));
        EventContracts.publish(ProjectEvents.PARTNER_ADDED, id, Map.of("projectId", id, "organisationId", coordinator, "role", "COORDINATOR"));
        var from = "IDEA";
        for (var step : List.of("DRAFTING", "SUBMITTED", "GRANTED", "RUNNING", "CLOSED")) {
            if (from.equals(status)) {
                break;
            }
            EventContracts.publish(ProjectEvents.PROJECT_STATUS_CHANGED, id, Map.of("projectId", id, "from", from, "to", step));
            from = step;
        }
        for (var person : educators) {
            EventContracts.publish(ProjectEvents.EDUCATOR_ASSIGNED, id, Map.of("projectId", id, "personId", person));
        }
        var known = new Document("_id", id).append("status", status);
        if (educators.length > 0) {
            known.append("educators", new Document("$all", List.of(educators)));
        }
        await().until(() -> mongo.getCollection("funding_projects").countDocuments(known) == 1);
        return id;
    }

    private void refused(String projectId, Fixtures.Person by, String problem) {
        fixtures.create(by, Fixtures.workshop(Fixtures.forAdults(Map.of("projectId", projectId))))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/" + problem);
    }

    @Test
    void shouldLinkWorkshopOnlyToAFundedProjectOfTheCooperativeByItsEducator() {
        refused("no-such-project", educator, "unknown-project");
        refused(project(COOPERATIVE, "SUBMITTED", educator.id()), educator, "project-not-funded");
        refused(project(COOPERATIVE, "CLOSED", educator.id()), educator, "project-not-funded");
        refused(project("another-organisation", "RUNNING", educator.id()), educator, "cooperative-not-a-partner");
        refused(project(COOPERATIVE, "RUNNING"), educator, "not-assigned-to-project");

        var running = project(COOPERATIVE, "RUNNING", educator.id());
        fixtures.create(educator, Fixtures.workshop(Fixtures.forAdults(Map.of("projectId", running)))).expectStatus().isCreated()
                .expectBody().jsonPath("$.projectId").isEqualTo(running);
    }

    @Test
    void shouldLetStaffWhoTeachLinkAnyFundedProjectOfTheCooperative() {
        var staffEducator = fixtures.member("EDUCATOR");
        var asStaff = new Fixtures.Person(staffEducator.id(), "Bearer " + coop.izek.testsupport.TestTokens.forPerson(staffEducator.id(),
                "MEMBER", "EDUCATOR", "ADMIN"));
        var granted = project(COOPERATIVE, "GRANTED");
        fixtures.create(asStaff, Fixtures.workshop(Fixtures.forAdults(Map.of("projectId", granted)))).expectStatus().isCreated();
    }

    @Test
    void shouldMakePlacesFreeOnlyWhileTheProjectFundsThem() {
        var running = project(COOPERATIVE, "RUNNING", educator.id());
        var workshop = fixtures.published(educator, Fixtures.forAdults(Map.of("projectId", running)));
        fixtures.enrol(fixtures.person("Proje Katılımcısı"), workshop, List.of(Fixtures.self())).expectStatus().isCreated()
                .expectBody().jsonPath("$.price.amount").isEqualTo("0.00");

        EventContracts.publish(ProjectEvents.PROJECT_STATUS_CHANGED, running, Map.of("projectId", running, "from", "RUNNING", "to", "CLOSED"));
        await().until(() -> !projects.funds(running));
        fixtures.enrol(fixtures.person("Sonraki Katılımcı"), workshop, List.of(Fixtures.self())).expectStatus().isCreated()
                .expectBody().jsonPath("$.price.amount").isEqualTo("400.00");
    }

    @Test
    void shouldKeepTheLatestStatusWhenAnOlderEventArrivesAgain() {
        var id = UUID.randomUUID().toString();
        EventContracts.publish(ProjectEvents.PROJECT_CREATED, id, Map.of("projectId", id, "coordinatorOrganisationId", COOPERATIVE,
                "status", "IDEA"));
        var granted = EventContracts.send(ProjectEvents.PROJECT_STATUS_CHANGED, "default", id, Map.of("projectId", id,
                "from", "SUBMITTED", "to", "GRANTED"));
        await().until(() -> projects.funds(id));
        EventContracts.publish(ProjectEvents.PROJECT_STATUS_CHANGED, id, Map.of("projectId", id, "from", "RUNNING", "to", "CLOSED"));
        await().until(() -> !projects.funds(id));
        // Replayed once its processing record has expired: same id, its own earlier time.
        mongo.getCollection(ProcessedEvents.COLLECTION).deleteMany(new Document("consumer", "workshop.projects"));
        granted.redeliver();
        var marker = UUID.randomUUID().toString();
        EventContracts.publish(ProjectEvents.EDUCATOR_ASSIGNED, id, Map.of("projectId", id, "personId", marker));
        await().until(() -> mongo.getCollection("funding_projects").countDocuments(new Document("_id", id).append("educators", marker)) == 1);
        refused(id, educator, "project-not-funded");
    }

    @Test
    void shouldRequirePricesForAProjectWorkshopToo() {
        var running = project(COOPERATIVE, "RUNNING", educator.id());
        var body = Fixtures.workshop(Fixtures.forAdults(Map.of("projectId", running)));
        body.remove("price");
        fixtures.create(educator, body).expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/prices-required");
    }
}
