package coop.izek.support.messaging;

import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A read-model record that keeps the state of the latest event about it, by event time: a redelivered, replayed or
 * late event that is older than what is stored writes nothing, so it never undoes a later one.
 */
public final class LatestEvent {

    private LatestEvent() {
    }

    /**
     * Applies {@code update} to the record {@code id} and stamps it with {@code at} in {@code timeField}, unless the
     * record was written by a later event; then the upsert matches nothing, its insert collides, and nothing changes.
     */
    public static void upsert(MongoTemplate mongo, Class<?> type, String id, String timeField, Instant at, Update update) {
        var notNewer = Query.query(Criteria.where("_id").is(id)
                .orOperator(Criteria.where(timeField).lte(at), Criteria.where(timeField).exists(false)));
        try {
            mongo.upsert(notNewer, update.set(timeField, at), type);
        } catch (DuplicateKeyException newerStored) {
            // a later event decided this already
        }
    }
}
