package coop.izek.project.directory;

import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import coop.izek.events.MembershipEvents;
import coop.izek.support.messaging.ReadModel;

/**
 * What project-service knows from membership events: partner organisations (names, countries, Erasmus+ OID and EU PIC
 * codes; never typed twice) and which people are ACTIVE educator members (who may be assigned to a project). Upserts
 * by id, so a replayed event changes nothing.
 */
@Service
public class Directory {

    public record Organisation(String organisationId, String name, String country, String type, String oid, String pic) {
    }

    public record Educator(String personId, String memberType, String status) {
        public boolean isActiveEducator() {
            return "EDUCATOR".equals(memberType) && "ACTIVE".equals(status);
        }
    }

    static final String ORGANISATIONS = "directory_organisations";
    static final String MEMBERS = "directory_members";

    private final MongoTemplate mongo;
    private final ReadModel members;

    Directory(MongoTemplate mongo) {
        this.mongo = mongo;
        this.members = new ReadModel(mongo, MEMBERS);
    }

    public Optional<Organisation> organisation(String organisationId) {
        return Optional.ofNullable(mongo.findById(organisationId, Organisation.class, ORGANISATIONS));
    }

    public String nameOf(String organisationId) {
        return organisation(organisationId).map(Organisation::name).orElse(organisationId);
    }

    public boolean isActiveEducator(String personId) {
        return Optional.ofNullable(members.find(personId, Educator.class)).filter(Educator::isActiveEducator).isPresent();
    }

    void organisationRegistered(MembershipEvents.OrganisationRegistered event) {
        mongo.upsert(Query.query(Criteria.where("_id").is(event.organisationId())),
                Update.update("organisationId", event.organisationId()).set("name", event.name()).set("country", event.country())
                        .set("type", event.type()).set("oid", event.oid()).set("pic", event.pic()), ORGANISATIONS);
    }

    void memberStanding(String personId, String memberType, String status) {
        members.upsert(personId, Update.update("personId", personId).set("memberType", memberType).set("status", status));
    }

    void forget(String personId) {
        members.erase(personId);
    }
}
