package coop.izek.support.messaging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;

/**
 * Inserting many documents whose ids make them once-only (derived from the event they are for), in one write: those
 * stored already (a redelivery) are left as they are, and the rest are still written.
 */
public final class NewDocuments {

    private NewDocuments() {
    }

    /** Inserts the documents not stored yet; returns those, in order. */
    public static <T> List<T> insert(MongoTemplate mongo, List<T> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        var converter = mongo.getConverter();
        var stored = new ArrayList<Document>(documents.size());
        for (var document : documents) {
            var written = new Document();
            converter.write(document, written);
            stored.add(written);
        }
        var failed = insert(mongo.getCollection(mongo.getCollectionName(documents.getFirst().getClass())), stored);
        if (failed.isEmpty()) {
            return documents;
        }
        var inserted = new ArrayList<T>(documents.size() - failed.size());
        for (int i = 0; i < documents.size(); i++) {
            if (!failed.contains(i)) {
                inserted.add(documents.get(i));
            }
        }
        return inserted;
    }

    /** Inserts the documents not stored yet; returns the positions of those that were. */
    static HashSet<Integer> insert(MongoCollection<Document> collection, List<Document> documents) {
        var stored = new HashSet<Integer>();
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (var error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                stored.add(error.getIndex());
            }
        }
        return stored;
    }
}
