package coop.izek.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import coop.izek.notification.NotificationApplication;
import coop.izek.notification.NotificationIntegrationTest;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.EventSender;
import coop.izek.testsupport.TestMail;

/**
 * Two instances share the work, as in production; one is stopped while a batch is under way, and the one left
 * finishes it. Every person gets exactly one welcome, on each channel.
 */
@NotificationIntegrationTest
class RestartMidBatchIntegrationTest {

    static final int BATCH = 150;
    static final String DOMAIN = "restart.test";

    @Autowired
    Environment environment;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    Dispatcher dispatcher;

    @Test
    void shouldSendEachMessageOnceWhenAnInstanceStopsMidBatch() {
        var people = new ArrayList<String>();
        var second = startSecondInstance();
        try {
            awaitBothInstancesConsuming(second);
            try (var sender = EventSender.create()) {
                for (int i = 0; i < BATCH; i++) {
                    var id = UUID.randomUUID().toString();
                    people.add(id);
                    sender.send(Topics.MEMBERSHIP, MembershipEvents.PERSON_REGISTERED.name(), id, EventContracts.sample(
                            MembershipEvents.PERSON_REGISTERED, Map.of("personId", id, "email", email(id), "fullName", "Öğrenci " + i)));
                }
            }
            await().pollInterval(Duration.ofMillis(20)).until(() -> sentEmails(people) >= 5);
        } finally {
            second.close();
        }
        var sentWhenStopped = sentEmails(people);
        assertThat(sentWhenStopped).as("the instance stopped with the batch under way").isLessThan(BATCH);
        // What the stopped instance planned and had not sent, this one finds at its next sweep (run now, not waited for).
        dispatcher.sweep();

        await().atMost(Duration.ofSeconds(60)).until(() -> sentEmails(people) == BATCH);
        var received = TestMail.countsIn(DOMAIN);
        for (var person : people) {
            assertThat(received.get(email(person))).as("welcome emails to %s", person).isEqualTo(1);
            assertThat(mongo.getCollection("inbox").countDocuments(new Document("personId", person))).isEqualTo(1);
            assertThat(mongo.getCollection("deliveries").countDocuments(new Document("personId", person))).isEqualTo(2);
        }
        // And as a mail client sees it, for a sample of them.
        for (var person : people.subList(0, 10)) {
            assertThat(TestMail.inbox(email(person))).hasSize(1);
        }
    }

    private ConfigurableApplicationContext startSecondInstance() {
        var arguments = new ArrayList<String>();
        for (var name : List.of("spring.kafka.bootstrap-servers", "spring.mongodb.uri", "spring.mongodb.database",
                "izek.security.jwk-set-uri", "spring.mail.host", "spring.mail.port", "izek.notification.delivery.max-attempts",
                "izek.notification.delivery.first-retry", "izek.notification.delivery.poll", "izek.notification.delivery.sweep")) {
            arguments.add("--" + name + "=" + environment.getRequiredProperty(name));
        }
        arguments.add("--server.port=0");
        return new SpringApplicationBuilder(NotificationApplication.class).run(arguments.toArray(String[]::new));
    }

    private void awaitBothInstancesConsuming(ConfigurableApplicationContext second) {
        var secondListeners = second.getBean(KafkaListenerEndpointRegistry.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> assigned(listeners) > 0 && assigned(secondListeners) > 0);
    }

    private static int assigned(KafkaListenerEndpointRegistry registry) {
        return registry.getListenerContainers().stream().filter(c -> c.getAssignedPartitions() != null)
                .flatMap(c -> c.getAssignedPartitions().stream()).filter(p -> p.topic().equals(Topics.MEMBERSHIP)).toList().size();
    }

    private long sentEmails(List<String> people) {
        return mongo.getCollection("deliveries").countDocuments(new Document("personId", new Document("$in", people))
                .append("channel", "EMAIL").append("status", "SENT"));
    }

    private static String email(String personId) {
        return personId + "@" + DOMAIN;
    }
}
