package coop.izek.notification.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import coop.izek.events.MembershipEvents;
import coop.izek.testsupport.IntegrationTest;

@IntegrationTest
class DirectoryIntegrationTest {

    @Autowired
    Directory directory;

    @Autowired
    StoreReads reads;

    @Test
    void shouldReadTheUnrememberedPeopleOfABatchInOneQueryAndAnswerFromMemoryAfter() {
        var people = List.of(person("Ayla Kaya"), person("Burak Şen"), person("Celina Nowak"));
        var erased = person("Gone Person");
        directory.personErased(new MembershipEvents.PersonErased(erased, List.of()));
        int before = reads.of(Directory.PEOPLE);

        directory.recallPeople(List.of(people.get(0), people.get(1), people.get(2), erased, people.get(0)));
        assertThat(reads.of(Directory.PEOPLE) - before).as("reads of the batch's people").isEqualTo(1);
        assertThat(people).allSatisfy(id -> assertThat(directory.person(id)).isPresent());
        assertThat(reads.of(Directory.PEOPLE) - before).as("reads, the people asked for one by one after").isEqualTo(1);

        directory.recallPeople(people);
        assertThat(reads.of(Directory.PEOPLE) - before).as("reads when every one is remembered").isEqualTo(1);
        assertThat(directory.person(erased)).as("an erased person is not recalled").isEmpty();
    }

    private String person(String fullName) {
        var id = "p-" + UUID.randomUUID();
        directory.personRegistered(new MembershipEvents.PersonRegistered(id, id + "@example.org", fullName, "tr"));
        return id;
    }
}
