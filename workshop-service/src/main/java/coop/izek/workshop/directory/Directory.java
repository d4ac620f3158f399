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

/**
 * What workshop-service knows of people, members and dependants, built from membership events: who may publish
 * workshops, who pays the member price, how old a child is. Every write is a whole-record upsert keyed by id, so
 * replaying an event changes nothing.
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

    Directory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Member> member(String personId) {
        return Optional.ofNullable(mongo.findById(personId, Member.class, MEMBERS));
    }

    public Optional<Dependant> dependant(String dependantId) {
        return Optional.ofNullable(mongo.findById(dependantId, Dependant.class, DEPENDANTS));
    }

    /** The guardian's children, as registered (erased ones are gone from here with their guardian's data). */
    public List<Dependant> dependantsOf(String guardianId) {
        return mongo.find(Query.query(Criteria.where("guardianId").is(guardianId)), Dependant.class, DEPENDANTS);
    }

    public Optional<String> fullName(String personId) {
        var person = mongo.findById(personId, org.bson.Document.class, PEOPLE);
        return Optional.ofNullable(person).map(p -> p.getString("fullName"));
    }

    void personRegistered(PersonRegistered event) {
        upsert(PEOPLE, event.personId(), Update.update("fullName", event.fullName()).set("locale", event.locale()));
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
        upsert(DEPENDANTS, event.dependantId(), Update.update("guardianId", event.guardianId()).set("fullName", event.fullName())
                .set("birthDate", event.birthDate()).set("dependantId", event.dependantId()));
    }

    /** Forgets the person's and their children's names and birth dates; membership standing stays for the figures. */
    void personErased(PersonErased event) {
        mongo.remove(Query.query(Criteria.where("_id").is(event.personId())), PEOPLE);
        List<String> children = event.dependantIds();
        mongo.updateMulti(Query.query(Criteria.where("_id").in(children)), new Update().set("fullName", "—").unset("birthDate"), DEPENDANTS);
    }

    private void upsert(String collection, String id, Update update) {
        mongo.upsert(Query.query(Criteria.where("_id").is(id)), update, collection);
    }
}
