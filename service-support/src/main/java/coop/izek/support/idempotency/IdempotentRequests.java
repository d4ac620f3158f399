package coop.izek.support.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;

import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * Requests made under an {@code Idempotency-Key}, one document each, keyed by the caller and the key: the first
 * request inserts it (the unique {@code _id} decides which of two racing requests that is), runs, and then stores
 * its answer there; a retry finds the answer. While the first runs it holds a lease; a retry after the lease ran out
 * (the instance died mid-request) takes the request over and runs it again, which the services' own checks make safe
 * (a second enrolment of the same people is refused, not booked).
 */
public class IdempotentRequests {

    public static final String COLLECTION = "idempotent_requests";
    /**
     * The request attribute naming the key a request runs under (the caller's key, hashed with who they are): a
     * handler may derive the ids it creates from it, so that a request run again after its instance died finds what
     * its first run stored (see workshop-service's enrolment).
     */
    public static final String REQUEST_KEY = "coop.izek.idempotency.request-key";
    public static final String CREATED_AT = "createdAt";

    /** What a request under a key is to do. */
    public sealed interface Decision {
    }

    /** Run it: it is the first under its key, or took over one whose instance died. */
    public record Run() implements Decision {
    }

    /** Answer as the first request was answered. */
    public record Replay(int status, String contentType, String location, byte[] body) implements Decision {
    }

    /** The key was used for another request (another body, method or path). */
    public record Mismatch() implements Decision {
    }

    /** The first request under the key is still running. */
    public record InProgress() implements Decision {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration lease;

    public IdempotentRequests(MongoTemplate mongo, Clock clock, Duration lease) {
        this.mongo = mongo;
        this.clock = clock;
        this.lease = lease;
    }

    /** The document a caller's key is kept in: keys are each caller's own, so the caller is part of the id. */
    public static String idOf(String callerId, String key) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((callerId + "\n" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Decision begin(String id, String fingerprint) {
        var now = clock.instant();
        try {
            collection().insertOne(new Document("_id", id).append("fingerprint", fingerprint).append("state", "RUNNING")
                    .append("leaseUntil", Date.from(now.plus(lease))).append(CREATED_AT, Date.from(now)));
            return new Run();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        var stored = collection().find(Filters.eq("_id", id)).first();
        if (stored == null) {
            // Abandoned (the first answer was a server error) between the insert and this read: begin again.
            return begin(id, fingerprint);
        }
        if (!Objects.equals(stored.getString("fingerprint"), fingerprint)) {
            return new Mismatch();
        }
        if ("DONE".equals(stored.getString("state"))) {
            var body = stored.get("body", Binary.class);
            return new Replay(stored.getInteger("status"), stored.getString("contentType"), stored.getString("location"),
                    body == null ? new byte[0] : body.getData());
        }
        var leaseUntil = stored.getDate("leaseUntil");
        if (leaseUntil.toInstant().isAfter(now)) {
            return new InProgress();
        }
        // Only one retry takes over: the lease it saw must still be the one stored.
        var taken = collection().updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", "RUNNING"),
                Filters.eq("leaseUntil", leaseUntil)), Updates.set("leaseUntil", Date.from(now.plus(lease))));
        return taken.getModifiedCount() == 1 ? new Run() : new InProgress();
    }

    /** The answer to give every retry. */
    public void complete(String id, int status, String contentType, String location, byte[] body) {
        var answer = Updates.combine(Updates.set("state", "DONE"), Updates.set("status", status), Updates.set("contentType", contentType),
                Updates.set("location", location), Updates.set("body", new Binary(body)),
                Updates.unset("leaseUntil"));
        collection().updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", "RUNNING")), answer);
    }

    /** The request failed on the server's side: a retry under the same key runs it again. */
    public void abandon(String id) {
        collection().deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", "RUNNING")));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
