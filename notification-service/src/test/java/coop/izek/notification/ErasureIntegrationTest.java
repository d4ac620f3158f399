package coop.izek.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import coop.izek.events.MembershipEvents;
import coop.izek.notification.directory.Directory;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.TestMail;

@NotificationIntegrationTest
class ErasureIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Directory directory;

    /** Late events (another partition, a replay) about an erased person never bring back their address or names. */
    @Test
    void shouldNeverWriteAnErasedPersonsAddressOrNamesAgain() {
        var personId = UUID.randomUUID().toString();
        var childId = UUID.randomUUID().toString();
        var address = personId + "@izek.test";
        applied(EventContracts.publish(MembershipEvents.PERSON_REGISTERED, personId, Map.of("personId", personId, "email", address,
                "fullName", "Silinen Veli")));
        assertThat(directory.person(personId)).isPresent(); // and remembered for a moment
        applied(EventContracts.publish(MembershipEvents.PERSON_ERASED, personId, Map.of("personId", personId, "dependantId", childId)));
        assertThat(directory.person(personId)).as("forgotten at once, not when the memory of it runs out").isEmpty();

        applied(EventContracts.publish(MembershipEvents.PERSON_REGISTERED, personId, Map.of("personId", personId, "email", address,
                "fullName", "Geç Gelen Veli")));
        applied(EventContracts.publish(MembershipEvents.DEPENDANT_ADDED, childId, Map.of("dependantId", childId, "guardianId", personId,
                "fullName", "Geç Gelen Çocuk")));
        var sibling = UUID.randomUUID().toString();
        applied(EventContracts.publish(MembershipEvents.DEPENDANT_ADDED, personId, Map.of("dependantId", sibling, "guardianId", personId,
                "fullName", "Geç Kardeş")));

        assertThat(directory.person(personId)).isEmpty();
        assertThat(directory.dependant(childId)).isEmpty();
        assertThat(directory.dependant(sibling)).isEmpty();
        var stored = new java.util.ArrayList<Document>();
        for (var collection : List.of("directory_people", "directory_dependants")) {
            mongo.getCollection(collection).find(new Document("_id", new Document("$in", List.of(personId, childId, sibling)))).into(stored);
        }
        assertThat(stored.toString()).doesNotContain(address).doesNotContain("Geç").doesNotContain("Silinen");
        // Only the welcome from before the erasure ever reached the address.
        assertThat(TestMail.inbox(address)).extracting(TestMail.Received::subject).containsOnly("İZEK'e hoş geldiniz");
    }

    private void applied(String eventId) {
        await().until(() -> mongo.getCollection("processed_events").countDocuments(new Document("eventId", eventId)) > 0);
    }
}
