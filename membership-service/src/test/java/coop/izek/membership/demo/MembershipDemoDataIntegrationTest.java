package coop.izek.membership.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import coop.izek.membership.MembershipIntegrationTest;
import coop.izek.support.demo.DemoIds;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.Instances;

/**
 * The demo's people and organisations: loaded by two instances at once and then again, they exist once each, the
 * members ACTIVE, and each was announced once.
 */
@MembershipIntegrationTest
class MembershipDemoDataIntegrationTest {

    @Autowired
    MembershipDemoData demo;

    @Autowired
    MongoTemplate mongo;

    @Test
    void shouldLoadTheDemoPeopleAndOrganisationsOnceHoweverOftenItRuns() {
        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            Instances.race(2, demo::load);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(demo::load);
            assertThat(demo.load()).isTrue();

            var people = mongo.getCollection("people");
            for (var person : MembershipDemoData.MEMBERS) {
                assertThat(people.countDocuments(new Document("_id", person.id()).append("email", person.email())
                        .append("fullName", person.fullName()).append("emailVerifiedAt", new Document("$ne", null)))).isEqualTo(1);
                assertThat(mongo.getCollection("members").countDocuments(new Document("personId", person.id()).append("status", "ACTIVE")))
                        .as(person.fullName()).isEqualTo(1);
            }
            assertThat(people.countDocuments(new Document("_id", DemoIds.PARENT).append("email", "deniz.yildiz@demo.izek.coop")
                    .append("fullName", "Deniz Yıldız"))).isEqualTo(1);
            assertThat(mongo.getCollection("dependants").countDocuments(new Document("guardianId", DemoIds.PARENT))).isEqualTo(2);
            for (var organisation : List.of(DemoIds.CLUSTER, DemoIds.MUNICIPALITY, DemoIds.UNIVERSITY)) {
                assertThat(mongo.getCollection("organisations").countDocuments(new Document("_id", organisation))).isEqualTo(1);
            }

            // Announced once each: the educators' activation (other services build on it) and the organisations.
            var activated = probe.await(e -> e.type().equals(MembershipEvents.MEMBER_ACTIVATED.name()) && e.body().contains(DemoIds.SELIN));
            assertThat(activated.body()).contains("\"memberType\":\"EDUCATOR\"");
            probe.await(e -> e.type().equals(MembershipEvents.ORGANISATION_REGISTERED.name()) && e.subject().equals(DemoIds.UNIVERSITY));
            await().atMost(Duration.ofSeconds(30)).until(() -> DemoIds.EDUCATORS.stream().allMatch(person -> probe.received().stream()
                    .anyMatch(e -> e.type().equals(MembershipEvents.MEMBER_ACTIVATED.name()) && e.body().contains(person))
                    && probe.received().stream().anyMatch(e -> e.type().equals(MembershipEvents.PERSON_REGISTERED.name())
                    && person.equals(e.subject()))));
            for (var person : DemoIds.EDUCATORS) {
                assertThat(probe.received().stream().filter(e -> e.type().equals(MembershipEvents.MEMBER_ACTIVATED.name())
                        && e.body().contains(person)).map(EventProbe.ReceivedEvent::id).distinct()).as(person).hasSize(1);
                assertThat(probe.received().stream().filter(e -> e.type().equals(MembershipEvents.PERSON_REGISTERED.name())
                        && person.equals(e.subject())).map(EventProbe.ReceivedEvent::id).distinct()).as(person).hasSize(1);
            }
        }
    }
}
