package coop.izek.workshop.workshops;

import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * A person asked to be forgotten: their and their children's enrolments, attendance and certificates are kept
 * under pseudonyms, so places, counts, settlements and project figures stay right. Running it again finds nothing
 * left to change.
 */
@Service
public class Erasure {

    private final MongoTemplate mongo;
    private final WorkshopChanges changes;

    Erasure(MongoTemplate mongo, WorkshopChanges changes) {
        this.mongo = mongo;
        this.changes = changes;
    }

    public void forget(String personId) {
        var query = Query.query(Criteria.where("enrolments.enrolleeId").is(personId));
        query.fields().include("_id");
        for (var workshop : mongo.find(query, Workshop.class)) {
            changes.change(workshop.id, w -> {
                w.forget(personId);
                return List.of();
            });
        }
    }
}
