package coop.izek.system.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

/**
 * The store's own limit for the write an enrolment is: a conditional single-document update (seats left, taken by
 * one {@code findOneAndUpdate}), with and without an outbox entry appended in the same write, straight from the
 * driver to a scratch database, one document per client thread.
 */
final class StoreLimit {

    private static final String PAYLOAD = "x".repeat(600);

    private StoreLimit() {
    }

    static Map<String, Object> measure(String uri, int threads, int updatesPerThread, boolean withOutbox) throws Exception {
        try (var mongo = MongoClients.create(uri)) {
            var seats = mongo.getDatabase("izek-benchmark").getCollection("seats");
            seats.drop();
            for (int t = 0; t < threads; t++) {
                seats.insertOne(new Document("_id", "w" + t).append("seatsLeft", Integer.MAX_VALUE).append("outbox", List.of()));
            }
            var timings = new Timings(threads * updatesPerThread);
            long started = System.nanoTime();
            eachAtOnce(threads, id -> {
                for (int i = 0; i < updatesPerThread; i++) {
                    var update = Updates.inc("seatsLeft", -1);
                    if (withOutbox) {
                        // Kept short as the relay would keep it: the newest entries only.
                        update = Updates.combine(update, Updates.pushEach("outbox",
                                List.of(new Document("id", java.util.UUID.randomUUID().toString()).append("payload", PAYLOAD)),
                                new PushOptions().slice(-16)));
                    }
                    long sent = System.nanoTime();
                    var after = seats.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.gte("seatsLeft", 1)), update,
                            new FindOneAndUpdateOptions().projection(new Document("seatsLeft", 1)).returnDocument(ReturnDocument.AFTER));
                    if (after == null) {
                        throw new IllegalStateException("the conditional update matched nothing");
                    }
                    timings.add(System.nanoTime() - sent);
                }
            });
            var figures = timings.figures(System.nanoTime() - started);
            figures.put("threads", threads);
            seats.drop();
            return figures;
        }
    }

    /**
     * Whether the enrolment write costs more as its workshop's document fills: one client appends
     * {@code enrolmentsPerDocument} enrolments (each with its participant key and outbox entry, as workshop-service
     * writes them) to each of {@code documents} documents, and the first tenth of each document's writes is set beside
     * the last tenth.
     */
    static Map<String, Object> growing(String uri, int documents, int enrolmentsPerDocument) {
        try (var mongo = MongoClients.create(uri)) {
            var workshops = mongo.getDatabase("izek-benchmark").getCollection("growing");
            workshops.drop();
            int tenth = Math.max(1, enrolmentsPerDocument / 10);
            var first = new Timings(documents * tenth);
            var last = new Timings(documents * tenth);
            long firstNanos = 0;
            long lastNanos = 0;
            for (int d = 0; d < documents; d++) {
                var id = "w" + d;
                workshops.insertOne(emptyWorkshop(id));
                for (int i = 0; i < enrolmentsPerDocument; i++) {
                    long took = enrol(workshops, id);
                    if (i < tenth) {
                        first.add(took);
                        firstNanos += took;
                    } else if (i >= enrolmentsPerDocument - tenth) {
                        last.add(took);
                        lastNanos += took;
                    }
                }
            }
            var figures = new java.util.LinkedHashMap<String, Object>();
            figures.put("documents", documents);
            figures.put("enrolmentsPerDocument", enrolmentsPerDocument);
            figures.put("firstTenth", first.figures(firstNanos));
            figures.put("lastTenth", last.figures(lastNanos));
            workshops.drop();
            return figures;
        }
    }

    /**
     * The same writes with every document filled at once, one client each, as in a rush on several workshops: what
     * the store does with writes that arrive together (the rush's case) rather than one after another.
     */
    static Map<String, Object> growingTogether(String uri, int documents, int enrolmentsPerDocument) throws Exception {
        try (var mongo = MongoClients.create(uri)) {
            var workshops = mongo.getDatabase("izek-benchmark").getCollection("growing-together");
            workshops.drop();
            var timings = new Timings(documents * enrolmentsPerDocument);
            for (int d = 0; d < documents; d++) {
                workshops.insertOne(emptyWorkshop("w" + d));
            }
            long started = System.nanoTime();
            eachAtOnce(documents, id -> {
                for (int i = 0; i < enrolmentsPerDocument; i++) {
                    timings.add(enrol(workshops, id));
                }
            });
            var figures = timings.figures(System.nanoTime() - started);
            figures.put("documents", documents);
            figures.put("enrolmentsPerDocument", enrolmentsPerDocument);
            workshops.drop();
            return figures;
        }
    }

    /** One client per document ({@code w0}, {@code w1}, …), all at once; returns when every client has finished. */
    private static void eachAtOnce(int documents, java.util.function.Consumer<String> client) throws Exception {
        try (var pool = Executors.newFixedThreadPool(documents)) {
            var clients = new ArrayList<Future<?>>();
            for (int d = 0; d < documents; d++) {
                var id = "w" + d;
                clients.add(pool.submit(() -> client.accept(id)));
            }
            for (var running : clients) {
                running.get();
            }
        }
    }

    private static Document emptyWorkshop(String id) {
        return new Document("_id", id).append("seatsLeft", Integer.MAX_VALUE).append("enrolments", List.of())
                .append("participantKeys", List.of()).append("outbox", List.of());
    }

    /** One enrolment as workshop-service writes it (participant key and outbox entry), then the relay's clean-up; the write's nanoseconds. */
    private static long enrol(MongoCollection<Document> workshops, String id) {
        var person = java.util.UUID.randomUUID().toString();
        var enrolment = new Document("_id", java.util.UUID.randomUUID().toString()).append("enrolleeId", person)
                .append("participants", List.of(new Document("personId", person).append("targetGroup", "ADULTS")))
                .append("participantKeys", List.of("p:" + person)).append("seatType", "PAID").append("status", "WAITLISTED")
                .append("priceMinor", 10_000L).append("createdAt", new java.util.Date());
        var update = Updates.combine(Updates.inc("seatsLeft", -1), Updates.push("enrolments", enrolment),
                Updates.push("participantKeys", "p:" + person), Updates.inc("version", 1),
                Updates.push("outbox", new Document("id", java.util.UUID.randomUUID().toString()).append("payload", PAYLOAD)));
        long sent = System.nanoTime();
        var after = workshops.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.gte("seatsLeft", 1),
                        Filters.nin("participantKeys", "p:" + person)), update,
                new FindOneAndUpdateOptions().projection(new Document("seatsLeft", 1)).returnDocument(ReturnDocument.AFTER));
        long took = System.nanoTime() - sent;
        if (after == null) {
            throw new IllegalStateException("the conditional update matched nothing");
        }
        // The relay takes published events out again, as workshop-service's does.
        workshops.updateOne(Filters.eq("_id", id), Updates.set("outbox", List.of()));
        return took;
    }
}
