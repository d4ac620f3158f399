package coop.izek.workshop.workshops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

import coop.izek.events.Topics;
import coop.izek.support.idempotency.IdempotentRequests;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.workshop.Fixtures;
import coop.izek.workshop.Fixtures.Person;
import coop.izek.workshop.directory.Directory;

/** Enrolment retried under an {@code Idempotency-Key}: one place, one event, the same answer every time. */
@IntegrationTest
class RetriedEnrolmentIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Autowired
    MongoTemplate mongo;

    Fixtures fixtures;
    String workshopId;
    Person person;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(port, directory);
        workshopId = fixtures.published(fixtures.member("EDUCATOR"), Map.of("targetGroups", List.of("ADULTS"), "minAge", 18,
                "maxAge", 99, "capacity", 1, "solidaritySeats", 0));
        person = fixtures.person();
    }

    @Test
    void shouldAnswerARetryWithTheSamePlaceAndPublishOneConfirmation() {
        var key = UUID.randomUUID().toString();
        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            var first = enrol(person, key);
            var retry = enrol(person, key);

            assertThat(first.getStatus().value()).isEqualTo(201);
            assertThat(retry.getStatus().value()).isEqualTo(201);
            assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
            assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
            probe.await(e -> e.type().endsWith("enrolment-confirmed.v1") && e.subject().equals(workshopId));
            assertThat(confirmations(probe)).hasSize(1);
        }
    }

    /**
     * The first run recorded the place, and its instance died before it kept its answer: once the lease is over, the
     * retry runs again and finds the place its first run took, instead of "already enrolled" (or a second place).
     */
    @Test
    void shouldAnswerWithThePlaceTheFirstRunTookWhenItsInstanceDiedBeforeKeepingTheAnswer() {
        var key = UUID.randomUUID().toString();
        try (var probe = EventProbe.on(Topics.WORKSHOP)) {
            var first = enrol(person, key);
            forgetTheAnswerAsIfTheInstanceDied(person, key);

            var retry = enrol(person, key);

            assertThat(retry.getStatus().value()).isEqualTo(201);
            assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
            assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
            probe.await(e -> e.type().endsWith("enrolment-confirmed.v1") && e.subject().equals(workshopId));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> confirmations(probe).size() == 1);
        }
        fixtures.get(person, "/api/workshops/enrolments/mine").expectBody().jsonPath("$.total").isEqualTo(1);
    }

    @Test
    void shouldStillRefuseASecondPlaceUnderAnotherKey() {
        enrol(person, UUID.randomUUID().toString());

        var again = enrol(person, UUID.randomUUID().toString());

        assertThat(again.getStatus().value()).isEqualTo(409);
        assertThat(again.getResponseBody()).contains("already-enrolled");
    }

    private List<EventProbe.ReceivedEvent> confirmations(EventProbe probe) {
        return probe.received().stream().filter(e -> e.type().endsWith("enrolment-confirmed.v1") && e.subject().equals(workshopId)).toList();
    }

    /** What a killed instance leaves: the request still marked running, its lease over, no answer kept. */
    private void forgetTheAnswerAsIfTheInstanceDied(Person who, String key) {
        var id = IdempotentRequests.idOf(who.id(), key);
        var updated = mongo.getCollection(IdempotentRequests.COLLECTION).updateOne(new Document("_id", id).append("state", "DONE"),
                new Document("$set", new Document("state", "RUNNING").append("leaseUntil", new Date(System.currentTimeMillis() - 1000)))
                        .append("$unset", new Document("body", "")));
        assertThat(updated.getModifiedCount()).isEqualTo(1);
    }


    private EntityExchangeResult<String> enrol(Person who, String key) {
        return fixtures.client().post().uri("/api/workshops/{id}/enrolments", workshopId).header("Authorization", who.bearer())
                .header("Idempotency-Key", key).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(Map.of("participants", List.of(Fixtures.self()))).exchange().expectBody(String.class).returnResult();
    }
}
