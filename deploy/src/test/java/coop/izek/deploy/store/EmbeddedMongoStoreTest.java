package coop.izek.deploy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

class EmbeddedMongoStoreTest {

    @TempDir
    Path data;

    @Test
    void shouldAnswerHelloWithAWireVersionCurrentClientsAccept() {
        try (var store = EmbeddedMongoStore.onDisk(data, "127.0.0.1", 0);
             var client = MongoClients.create(store.connectionString())) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));

            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello.getInteger("maxWireVersion")).isGreaterThanOrEqualTo(9);
        }
    }

    @Test
    void shouldKeepDataAndUniqueIndexesAcrossRestarts() {
        try (var store = EmbeddedMongoStore.onDisk(data, "127.0.0.1", 0);
             var client = MongoClients.create(store.connectionString())) {
            var people = client.getDatabase("izek").getCollection("people");
            people.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            people.insertOne(new Document("_id", "p-1").append("email", "ayse@example.org"));
        }

        try (var store = EmbeddedMongoStore.onDisk(data, "127.0.0.1", 0);
             var client = MongoClients.create(store.connectionString())) {
            var people = client.getDatabase("izek").getCollection("people");

            assertThat(people.find(new Document("_id", "p-1")).first()).isNotNull();
            assertThatThrownBy(() -> people.insertOne(new Document("_id", "p-2").append("email", "ayse@example.org")))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("E11000");
        }
    }

    /** Secondary indexes are not filled (the store has none that work), but they are listed and their queries answered. */
    @Test
    void shouldListSecondaryIndexesAndAnswerTheirQueriesAcrossRestarts() {
        try (var store = EmbeddedMongoStore.onDisk(data, "127.0.0.1", 0);
             var client = MongoClients.create(store.connectionString())) {
            var deliveries = client.getDatabase("izek").getCollection("deliveries");
            for (int i = 0; i < 50; i++) {
                deliveries.insertOne(new Document("_id", "d-" + i).append("status", i % 2 == 0 ? "DUE" : "SENT").append("notBefore", 50 - i));
            }
            deliveries.createIndex(Indexes.ascending("status", "notBefore"), new IndexOptions().name("due"));
        }

        try (var store = EmbeddedMongoStore.onDisk(data, "127.0.0.1", 0);
             var client = MongoClients.create(store.connectionString())) {
            var deliveries = client.getDatabase("izek").getCollection("deliveries");
            deliveries.createIndex(Indexes.ascending("status", "notBefore"), new IndexOptions().name("due"));
            deliveries.insertOne(new Document("_id", "d-50").append("status", "DUE").append("notBefore", 0));

            assertThat(deliveries.listIndexes().map(index -> index.getString("name"))).contains("_id_", "due");
            assertThat(deliveries.find(new Document("status", "DUE")).sort(new Document("notBefore", 1)).limit(3)
                    .map(due -> due.getString("_id"))).containsExactly("d-50", "d-48", "d-46");
            assertThat(deliveries.countDocuments(new Document("status", "SENT"))).isEqualTo(25);
        }
    }

    /** The platform's concurrency rules rest on this: a conditional single-document write is atomic, as in MongoDB. */
    @Test
    void shouldApplyConcurrentConditionalUpdatesToOneDocumentAtomically() throws Exception {
        try (var store = EmbeddedMongoStore.onDisk(data, "127.0.0.1", 0)) {
            var clients = clients(store, 4);
            var seats = clients.getFirst().getDatabase("izek").getCollection("seats");
            // A document of realistic bulk (a workshop with its enrolments): matching and writing it takes a while.
            var enrolments = enrolments(300, 200);
            seats.insertOne(new Document("_id", "w-1").append("left", 10).append("version", 0).append("enrolments", enrolments));
            var taken = new java.util.concurrent.atomic.AtomicInteger();
            var replaced = new java.util.concurrent.atomic.AtomicInteger();
            var tasks = new java.util.ArrayList<java.util.concurrent.Callable<Void>>();
            for (int i = 0; i < 200; i++) {
                var collection = clients.get(i % clients.size()).getDatabase("izek").getCollection("seats");
                tasks.add(() -> {
                    var result = collection.findOneAndUpdate(
                            com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.eq("_id", "w-1"),
                                    com.mongodb.client.model.Filters.gte("left", 1)),
                            com.mongodb.client.model.Updates.inc("left", -1));
                    if (result != null) {
                        taken.incrementAndGet();
                    }
                    return null;
                });
                tasks.add(() -> {
                    // Optimistic replace on version 0: only one writer can ever win it.
                    var current = collection.find(com.mongodb.client.model.Filters.eq("_id", "w-1")).first();
                    var outcome = collection.updateOne(com.mongodb.client.model.Filters.and(
                                    com.mongodb.client.model.Filters.eq("_id", "w-1"), com.mongodb.client.model.Filters.eq("version", 0)),
                            com.mongodb.client.model.Updates.set("version", 1));
                    replaced.addAndGet((int) outcome.getModifiedCount());
                    return current == null ? null : null;
                });
            }
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(32)) {
                for (var future : pool.invokeAll(tasks)) {
                    future.get();
                }
            }
            clients.forEach(com.mongodb.client.MongoClient::close);

            assertThat(taken.get()).isEqualTo(10);
            assertThat(replaced.get()).isEqualTo(1);
        }
    }

    /**
     * Commits run beside writes (the group commit, and MVStore's own background writer). The backend updated a stored
     * document in place, removing the fields the new version lacks and adding the others, while a commit could be
     * writing that same document to the file; the commit then failed and the store closed itself for good ("This
     * store is closed"), as in the resilience suite's run of 2026-12-07 16:04. Writers adding and removing fields of
     * one large document at once must leave a store that goes on answering, holding what the last writes left.
     */
    @Test
    void shouldGoOnAnsweringWhileWritersAddAndRemoveFieldsOfOneDocument() throws Exception {
        try (var store = EmbeddedMongoStore.onDisk(data, "127.0.0.1", 0)) {
            var clients = clients(store, 4);
            var enrolments = enrolments(400, 100);
            clients.getFirst().getDatabase("izek").getCollection("workshops")
                    .insertOne(new Document("_id", "w-1").append("enrolments", enrolments));
            var tasks = new java.util.ArrayList<java.util.concurrent.Callable<Void>>();
            for (int writer = 0; writer < 8; writer++) {
                var field = "claim-" + writer;
                var workshops = clients.get(writer % clients.size()).getDatabase("izek").getCollection("workshops");
                tasks.add(() -> {
                    for (int i = 0; i < 150; i++) {
                        workshops.updateOne(new Document("_id", "w-1"), com.mongodb.client.model.Updates.set(field, i));
                        workshops.updateOne(new Document("_id", "w-1"), com.mongodb.client.model.Updates.unset(field));
                    }
                    return null;
                });
            }
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                for (var future : pool.invokeAll(tasks)) {
                    future.get();
                }
            }
            var workshop = clients.getFirst().getDatabase("izek").getCollection("workshops").find(new Document("_id", "w-1")).first();
            clients.forEach(com.mongodb.client.MongoClient::close);

            assertThat(workshop).isNotNull();
            assertThat(workshop.keySet()).containsExactly("_id", "enrolments");
            assertThat(workshop.getList("enrolments", Document.class)).hasSize(400);
        }
    }

    /** The file store closed itself (as MVStore does after a failed write): the store says so, once asked anything. */
    @Test
    void shouldSaySoWhenItsFileStoreHasClosedItself() {
        var broken = new java.util.concurrent.atomic.AtomicInteger();
        try (var store = EmbeddedMongoStore.onDisk(data, "127.0.0.1", 0);
             var client = MongoClients.create(store.connectionString())) {
            store.onBroken(broken::incrementAndGet);
            var people = client.getDatabase("izek").getCollection("people");
            people.insertOne(new Document("_id", "p-1"));
            assertThat(broken).hasValue(0);

            store.backend.getMvStore().closeImmediately();

            assertThatThrownBy(() -> people.insertOne(new Document("_id", "p-2"))).isInstanceOf(com.mongodb.MongoException.class);
            assertThat(broken.get()).isPositive();
        }
    }

    /** A query naming an {@code _id} beside other conditions reads that document by its index, and still answers the whole query. */
    @Test
    void shouldAnswerTheWholeQueryWhenItNamesAnIdBesideOtherConditions() {
        try (var store = EmbeddedMongoStore.onDisk(data, "127.0.0.1", 0); var client = MongoClients.create(store.connectionString())) {
            var seats = client.getDatabase("izek").getCollection("pinned");
            seats.insertMany(java.util.List.of(new Document("_id", "a").append("v", 1), new Document("_id", "b").append("v", 2),
                    new Document("_id", "c").append("v", 1)));

            assertThat(seats.find(new Document("_id", "a").append("v", 1)).into(new java.util.ArrayList<>())).extracting(d -> d.get("_id"))
                    .containsExactly("a");
            assertThat(seats.find(new Document("_id", "a").append("v", 2)).first()).isNull();
            assertThat(seats.find(new Document("_id", "zz").append("v", 1)).first()).isNull();
            assertThat(seats.find(new Document("$and", java.util.List.of(new Document("_id", "c"), new Document("v", new Document("$gte", 1)))))
                    .into(new java.util.ArrayList<>())).extracting(d -> d.get("_id")).containsExactly("c");
            assertThat(seats.find(new Document("_id", new Document("$in", java.util.List.of("a", "b", "c"))).append("v", 1))
                    .sort(new Document("_id", -1)).into(new java.util.ArrayList<>())).extracting(d -> d.get("_id")).containsExactly("c", "a");
            assertThat(seats.updateOne(new Document("_id", "a").append("v", 2), new Document("$set", new Document("v", 3))).getModifiedCount())
                    .isZero();
            assertThat(seats.findOneAndUpdate(new Document("_id", "a").append("v", 1), new Document("$inc", new Document("v", 1))))
                    .containsEntry("v", 1);
            assertThat(seats.find(new Document("v", 2)).into(new java.util.ArrayList<>())).extracting(d -> d.get("_id"))
                    .containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void shouldPickTheIdConditionOutOfAQuery() {
        assertThat(EmbeddedMongoStore.IdPinnedCollection.idCondition(
                new de.bwaldvogel.mongo.bson.Document("_id", "a").append("status", "PENDING"))).containsEntry("_id", "a").hasSize(1);
        assertThat(EmbeddedMongoStore.IdPinnedCollection.idCondition(new de.bwaldvogel.mongo.bson.Document("$and", java.util.List.of(
                new de.bwaldvogel.mongo.bson.Document("_id", "b"), new de.bwaldvogel.mongo.bson.Document("n", 1))))).containsEntry("_id", "b");
        // Alone, the backend's own index lookup serves it; without one, there is nothing to narrow by.
        assertThat(EmbeddedMongoStore.IdPinnedCollection.idCondition(new de.bwaldvogel.mongo.bson.Document("_id", "a"))).isNull();
        assertThat(EmbeddedMongoStore.IdPinnedCollection.idCondition(new de.bwaldvogel.mongo.bson.Document("status", "PENDING"))).isNull();
    }

    /**
     * A data file the backend wrote its own way (Java serialisation) opens, reads and updates; what is written now (BSON)
     * reads back with every value type as it went in, after another restart.
     */
    @Test
    void shouldReadDocumentsWrittenEitherWayAcrossRestarts() {
        var older = new de.bwaldvogel.mongo.MongoServer(new de.bwaldvogel.mongo.backend.h2.H2Backend(data.resolve("store.mv").toString()));
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + older.bind().getPort())) {
            client.getDatabase("izek").getCollection("workshops").insertOne(new Document("_id", "w-old").append("seats", 3));
        } finally {
            older.shutdown();
        }
        var when = java.util.Date.from(java.time.Instant.parse("2026-12-03T09:30:00.123Z"));
        var written = new Document("_id", "w-new").append("title", new Document("tr", "Seramik").append("pl", "Ceramika"))
                .append("seats", 12).append("priceMinor", 150_000_000_000L).append("rating", 4.5).append("open", true)
                .append("note", null).append("startsAt", when).append("key", new org.bson.types.ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("enrolments", java.util.List.of(new Document("id", "e-1").append("participants", java.util.List.of("p-1", "p-2"))));
        try (var store = EmbeddedMongoStore.onDisk(data, "127.0.0.1", 0); var client = MongoClients.create(store.connectionString())) {
            var workshops = client.getDatabase("izek").getCollection("workshops");
            assertThat(workshops.find(new Document("_id", "w-old")).first()).containsEntry("seats", 3);
            workshops.updateOne(new Document("_id", "w-old").append("seats", 3), new Document("$inc", new Document("seats", -1)));
            workshops.insertOne(written);
        }

        try (var store = EmbeddedMongoStore.onDisk(data, "127.0.0.1", 0); var client = MongoClients.create(store.connectionString())) {
            var workshops = client.getDatabase("izek").getCollection("workshops");
            assertThat(workshops.find(new Document("_id", "w-old")).first()).containsEntry("seats", 2);
            assertThat(workshops.find(new Document("_id", "w-new")).first()).isEqualTo(written);
        }
    }

    /**
     * A command that takes long holds up its own connection only. Here one waits for the write lock, held meanwhile;
     * with the server's default threads (two per core) one connection in four shares its thread and gets no answer.
     */
    @Test
    void shouldAnswerOtherConnectionsWhileACommandWaits() throws Exception {
        try (var store = EmbeddedMongoStore.onDisk(data, "127.0.0.1", 0)) {
            var clients = new java.util.ArrayList<com.mongodb.client.MongoClient>();
            try (var waiting = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 12; i++) {
                    clients.add(MongoClients.create(com.mongodb.MongoClientSettings.builder()
                            .applyConnectionString(new com.mongodb.ConnectionString(store.connectionString()))
                            .applyToConnectionPoolSettings(pool -> pool.maxSize(1))
                            .applyToSocketSettings(socket -> socket.readTimeout(5, java.util.concurrent.TimeUnit.SECONDS))
                            .build()));
                }
                var slow = clients.getFirst().getDatabase("izek").getCollection("slow");
                slow.insertOne(new Document("_id", "before"));
                java.util.concurrent.Future<?> insert;
                store.backend.writes.lock();
                try {
                    insert = waiting.submit(() -> slow.insertOne(new Document("_id", "while-the-lock-is-held")));
                    org.awaitility.Awaitility.await().until(store.backend.writes::hasQueuedThreads);

                    for (var client : clients.subList(1, clients.size())) {
                        var people = client.getDatabase("izek").getCollection("people");
                        assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok")).isEqualTo(1.0);
                        assertThat(people.find(new Document("_id", "nobody")).first()).isNull();
                    }
                } finally {
                    store.backend.writes.unlock();
                }
                insert.get();
                assertThat(slow.countDocuments()).isEqualTo(2);
            } finally {
                clients.forEach(com.mongodb.client.MongoClient::close);
            }
        }
    }

    /** Several clients of one store: each connection is served on a thread of its own, so they really write at once. */
    private static java.util.List<com.mongodb.client.MongoClient> clients(EmbeddedMongoStore store, int count) {
        var clients = new java.util.ArrayList<com.mongodb.client.MongoClient>();
        for (int i = 0; i < count; i++) {
            clients.add(MongoClients.create(store.connectionString()));
        }
        return clients;
    }

    /** A workshop's enrolments, for a document of realistic bulk. */
    private static java.util.List<Document> enrolments(int count, int noteLength) {
        var enrolments = new java.util.ArrayList<Document>();
        for (int i = 0; i < count; i++) {
            enrolments.add(new Document("id", "e-" + i).append("note", "x".repeat(noteLength)));
        }
        return enrolments;
    }
}
