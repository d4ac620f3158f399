package coop.izek.workshop.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
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
    static final String ERASED = "erased";

    private final MongoTemplate mongo;

    Directory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Member> member(String personId) {
        return Optional.ofNullable(mongo.findById(personId, Member.class, MEMBERS));
    }

    public Optional<Dependant> dependant(String dependantId) {
        return Optional.ofNullable(mongo.findOne(living(dependantId), Dependant.class, DEPENDANTS));
    }

    /** The guardian's children, as registered (erased ones are gone from here with their guardian's data). */
    public List<Dependant> dependantsOf(String guardianId) {
        return mongo.find(Query.query(Criteria.where("guardianId").is(guardianId).and(ERASED).ne(true)), Dependant.class, DEPENDANTS);
    }

    public Optional<String> fullName(String personId) {
        var person = mongo.findOne(living(personId), org.bson.Document.class, PEOPLE);
        return Optional.ofNullable(person).map(p -> p.getString("fullName"));
    }

    /** Person ids of educators whose membership is not ACTIVE (any more): their workshops need another educator. */
    public List<String> inactiveEducators() {
        return mongo.find(Query.query(Criteria.where("memberType").is("EDUCATOR").and("status").ne("ACTIVE")), Member.class, MEMBERS)
                .stream().map(Member::personId).toList();
    }

    void personRegistered(PersonRegistered event) {
        upsertLiving(PEOPLE, event.personId(), Update.update("fullName", event.fullName()).set("locale", event.locale()));
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
        if (mongo.exists(Query.query(Criteria.where("_id").is(event.guardianId()).and(ERASED).is(true)), PEOPLE)) {
            return;
        }
        upsertLiving(DEPENDANTS, event.dependantId(), Update.update("guardianId", event.guardianId()).set("fullName", event.fullName())
                .set("birthDate", event.birthDate()).set("dependantId", event.dependantId()));
    }

    /**
     * Forgets the person's and their children's names and birth dates, leaving tombstones; membership standing stays
     * for the figures.
     */
    void personErased(PersonErased event) {
        tombstone(PEOPLE, event.personId());
        event.dependantIds().forEach(child -> tombstone(DEPENDANTS, child));
    }

    private void tombstone(String collection, String id) {
        mongo.getCollection(collection).replaceOne(com.mongodb.client.model.Filters.eq("_id", id),
                new org.bson.Document("_id", id).append(ERASED, true), new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    private void upsert(String collection, String id, Update update) {
        mongo.upsert(Query.query(Criteria.where("_id").is(id)), update, collection);
    }

    /** An upsert that leaves a tombstone alone: matching nothing, it tries to insert the same id and is refused. */
    private void upsertLiving(String collection, String id, Update update) {
        try {
            mongo.upsert(living(id), update, collection);
        } catch (DuplicateKeyException tombstoned) {
            // erased: nothing about them is written again
        }
    }

    private static Query living(String id) {
        return Query.query(Criteria.where("_id").is(id).and(ERASED).ne(true));
    }
}
