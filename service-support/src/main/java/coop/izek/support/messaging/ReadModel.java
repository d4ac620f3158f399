package coop.izek.support.messaging;

import java.util.Collection;
import java.util.List;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * Writing a read model that other services' events build, keyed by the ids in those events, where erased people
 * must stay erased: {@link #erase} leaves a tombstone (the id and nothing else), and {@link #upsert} never writes over
 * one, so an event about an erased person that arrives late (from another partition, or replayed) writes nothing.
 * Replaying any event changes nothing either: every write is an upsert by id.
 */
public final class ReadModel {

    /** The field that marks a tombstone. */
    public static final String ERASED = "erased";

    private final MongoTemplate mongo;
    private final String collection;

    public ReadModel(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** Sets the record's fields, unless the record is a tombstone: the upsert then matches nothing and its insert collides. */
    public void upsert(String id, Update update) {
        try {
            mongo.upsert(living(id), update, collection);
        } catch (DuplicateKeyException tombstoned) {
            // erased: nothing about them is written again
        }
    }

    /** Replaces whatever is known under {@code id} by a tombstone. */
    public void erase(String id) {
        mongo.getCollection(collection).replaceOne(Filters.eq("_id", id), new Document("_id", id).append(ERASED, true),
                new ReplaceOptions().upsert(true));
    }

    public boolean isErased(String id) {
        return mongo.exists(Query.query(Criteria.where("_id").is(id).and(ERASED).is(true)), collection);
    }

    /** The record under {@code id}, unless it is a tombstone. */
    public <T> T find(String id, Class<T> type) {
        return mongo.findOne(living(id), type, collection);
    }

    /** The records under these ids that are not tombstones, in one query. */
    public <T> List<T> findAll(Collection<String> ids, Class<T> type) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids).and(ERASED).ne(true)), type, collection);
    }

    /** Matches the record under {@code id} only while it is not a tombstone. */
    public static Query living(String id) {
        return Query.query(Criteria.where("_id").is(id).and(ERASED).ne(true));
    }
}
