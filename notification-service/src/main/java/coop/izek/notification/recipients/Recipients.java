package coop.izek.notification.recipients;

import java.time.Clock;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import coop.izek.events.MembershipEvents.PersonRegistered;

/** The local read model of people to notify; writes are whole-document upserts, so replaying an event is harmless. */
@Service
public class Recipients {

    private final MongoTemplate mongo;
    private final Clock clock;

    Recipients(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public Recipient remember(PersonRegistered person) {
        var recipient = new Recipient(person.personId(), person.email(), person.fullName(), person.locale(), clock.instant());
        return mongo.save(recipient);
    }

    public Optional<Recipient> find(String personId) {
        return Optional.ofNullable(mongo.findById(personId, Recipient.class));
    }
}
