package coop.izek.workshop.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import coop.izek.events.MembershipEvents.DependantAdded;
import coop.izek.events.MembershipEvents.MemberActivated;
import coop.izek.events.MembershipEvents.MemberStatusChanged;
import coop.izek.events.MembershipEvents.PersonErased;
import coop.izek.events.MembershipEvents.PersonRegistered;
import coop.izek.support.messaging.ReadModel;

/**
 * What workshop-service knows of people, members and dependants, built from membership events: who may publish
 * workshops, who pays the member price, how old a child is. Every write is an upsert keyed by id, so replaying an
 * event changes nothing. An erased person or child leaves a tombstone, so an event about them that arrives late
 * (from another partition, or replayed) never writes their name or birth date again.
 */
@Service
public class Directory {

    public record Member(String personId, String memberId, String memberType, String status) {
        public boolean isActive() {
            return "ACTIVE".equals(status);
        }

        public boolean isActiveEducator() {
            return isActive() && "EDUCATOR".equals(memberType);
        }
    }

    public record Dependant(String dependantId, String guardianId, String fullName, LocalDate birthDate) {
    }

    static final String MEMBERS = "directory_members";
    static final String DEPENDANTS = "directory_dependants";
    static final String PEOPLE = "directory_people";

    private final MongoTemplate mongo;
    private final ReadModel people;
    private final ReadModel dependants;

    Directory(MongoTemplate mongo) {
        this.mongo = mongo;
        this.people = new ReadModel(mongo, PEOPLE);
        this.dependants = new ReadModel(mongo, DEPENDANTS);
    }

    public Optional<Member> member(String personId) {
        return Optional.ofNullable(mongo.findById(personId, Member.class, MEMBERS));
    }

    public Optional<Dependant> dependant(String dependantId) {
        return Optional.ofNullable(dependants.find(dependantId, Dependant.class));
    }

    /** The guardian's children, as registered (erased ones are gone from here with their guardian's data). */
    public List<Dependant> dependantsOf(String guardianId) {
        return mongo.find(Query.query(Criteria.where("guardianId").is(guardianId).and(ReadModel.ERASED).ne(true)), Dependant.class,
                DEPENDANTS);
    }

    public Optional<String> fullName(String personId) {
        var person = people.find(personId, org.bson.Document.class);
        return Optional.ofNullable(person).map(p -> p.getString("fullName"));
    }

    /** Person ids of educators whose membership is not ACTIVE (any more): their workshops need another educator. */
    public List<String> inactiveEducators() {
        return mongo.find(Query.query(Criteria.where("memberType").is("EDUCATOR").and("status").ne("ACTIVE")), Member.class, MEMBERS)
                .stream().map(Member::personId).toList();
    }

    void personRegistered(PersonRegistered event) {
        people.upsert(event.personId(), Update.update("fullName", event.fullName()).set("locale", event.locale()));
    }

    void memberActivated(MemberActivated event) {
        upsert(MEMBERS, event.personId(), Update.update("memberId", event.memberId()).set("memberType", event.memberType())
                .set("status", "ACTIVE").set("personId", event.personId()));
    }

    void memberStatusChanged(MemberStatusChanged event) {
        upsert(MEMBERS, event.personId(), Update.update("memberId", event.memberId()).set("memberType", event.memberType())
                .set("status", event.to()).set("personId", event.personId()));
    }

    void dependantAdded(DependantAdded event) {
        if (people.isErased(event.guardianId())) {
            return;
        }
        dependants.upsert(event.dependantId(), Update.update("guardianId", event.guardianId()).set("fullName", event.fullName())
                .set("birthDate", event.birthDate()).set("dependantId", event.dependantId()));
    }

    /**
     * Forgets the person's and their children's names and birth dates, leaving tombstones; membership standing stays
     * for the figures.
     */
    void personErased(PersonErased event) {
        people.erase(event.personId());
        event.dependantIds().forEach(dependants::erase);
    }

    private void upsert(String collection, String id, Update update) {
        mongo.upsert(Query.query(Criteria.where("_id").is(id)), update, collection);
    }

}
