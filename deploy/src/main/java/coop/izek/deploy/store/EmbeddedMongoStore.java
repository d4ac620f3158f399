package coop.izek.deploy.store;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * A MongoDB-protocol store for machines without mongod: mongo-java-server with its H2 backend.
 * It answers {@code hello} and reports wire version 9 (MongoDB 4.4), which current drivers and mongosh require,
 * and commits every write to its file before answering, so an acknowledged write survives the process being killed.
 * <p>
 * Writes are serialised: the backend matches a document and then writes it (a plain map put), and connections are
 * served on several threads, so two conditional updates of one document could both match the same state. MongoDB
 * guarantees a single-document write is atomic, and the platform's concurrency rules rely on it.
 * <p>
 * A query that names an {@code _id} among other conditions (a conditional update, an optimistic-lock check) reads only
 * that document, as MongoDB does: the backend itself uses an index only for a query on its keys alone, and would
 * read the whole collection.
 * <p>
 * The server answers each connection's commands on that connection's event-loop thread, so a command that takes long
 * (a search through every document of a large collection, a write waiting for the write lock) holds up every other
 * connection on its thread. With Netty's default of two threads per core, a quarter of all connections here: the
 * services' health pings waited up to 44 s behind their start-up searches on a full store. So it runs as many
 * threads as the platform has connections, near enough, and a slow command holds up its own connection alone.
 */
public final class EmbeddedMongoStore implements AutoCloseable {

    /** Wire version 9 is MongoDB 4.4: the lowest that mongosh 2.x accepts. */
    static final MongoVersion REPORTED_VERSION = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(4, 4, 0);
        }

        @Override
        public String toVersionString() {
            return "4.4.0";
        }

        @Override
        public int getWireVersion() {
            return 9;
        }
    };

    /** Event-loop threads: more than the connections the platform's services hold open together. */
    static final int CONNECTION_THREADS = 96;

    private final MongoServer server;
    final DurableH2Backend backend;
    private final String connectionString;

    private EmbeddedMongoStore(DurableH2Backend backend, String host, int port) {
        this.backend = backend;
        backend.version(REPORTED_VERSION);
        this.server = new MongoServer(backend);
        server.bind(new InetSocketAddress(host, port), 1, CONNECTION_THREADS);
        var address = server.getLocalAddress();
        this.connectionString = "mongodb://" + host + ":" + address.getPort();
    }

    /** A store whose data lives in {@code directory} and survives restarts. */
    public static EmbeddedMongoStore onDisk(Path directory, String host, int port) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create the store's data folder " + directory, e);
        }
        return new EmbeddedMongoStore(new DurableH2Backend(directory.resolve("store.mv").toString()), host, port);
    }

    /** {@code mongodb://host:port}, with the port actually bound (useful when 0 was asked for). */
    public String connectionString() {
        return connectionString;
    }

    public int port() {
        return server.getLocalAddress().getPort();
    }

    /**
     * What to do once the file store has closed itself (MVStore does after a write to its file fails): every command
     * fails from then on, while the process stays up. The store's own process stops, so that its supervisor starts it
     * again on the file's last commit.
     */
    public void onBroken(Runnable action) {
        backend.onBroken = action;
    }

    @Override
    public void close() {
        backend.closing = true;
        server.shutdown();
        backend.close();
    }

    static final class DurableH2Backend extends H2Backend {

        private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
                "createindexes", "dropindexes", "create", "drop", "dropdatabase", "renamecollection");

        private static final BsonDocumentType DOCUMENTS = new BsonDocumentType();

        final java.util.concurrent.locks.ReentrantLock writes = new java.util.concurrent.locks.ReentrantLock();
        private final Object commits = new Object();
        /** Writes finished (counted under the write lock), and writes in the file. */
        private volatile long written;
        private volatile long committed;
        volatile Runnable onBroken = () -> { };
        volatile boolean closing;

        DurableH2Backend(String fileName) {
            super(fileName);
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new IdPinnedDatabase(databaseName, getMvStore(), getCursorRegistry());
        }

        /**
         * The backend's database, with collections that narrow a query to the document its {@code _id} names. Inner, so
         * the store is at hand while the superclass's constructor opens the existing collections.
         */
        final class IdPinnedDatabase extends H2Database {

            IdPinnedDatabase(String databaseName, MVStore store, CursorRegistry cursors) {
                super(databaseName, store, cursors);
            }

            /**
             * The backend keeps no secondary indexes: it answers their queries by reading the collection. Yet, opening
             * or creating one, it read every document of the collection twice to fill an index that holds nothing. On a
             * store full of data that was seconds per index at every start. An index that will hold nothing is not filled.
             */
            @Override
            protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                               boolean sparse) {
                return new EmptyIndex<>(indexName, keys) {
                    @Override
                    public boolean isEmpty() {
                        return false;
                    }
                };
            }

            /** As the backend opens a collection: the same maps, so existing data files read as before, written as BSON from now on. */
            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                var namespace = getFullCollectionNamespace(collectionName);
                MVMap<Object, Document> data = getMvStore().openMap("databases." + namespace,
                        new MVMap.Builder<Object, Document>().valueType(DOCUMENTS));
                MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
                return new IdPinnedCollection(this, collectionName, options, data, meta, cursorRegistry);
            }
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            try {
                return handle(channel, databaseName, command, query);
            } catch (RuntimeException e) {
                if (!closing && getMvStore().isClosed()) {
                    onBroken.run();
                }
                throw e;
            }
        }

        private Document handle(Channel channel, String databaseName, String command, Document query) {
            String name = command.toLowerCase(Locale.ROOT);
            if (name.equals("hello")) {
                Document reply = super.handleCommand(channel, databaseName, "isMaster", query);
                reply.put("isWritablePrimary", Boolean.TRUE);
                return reply;
            }
            long started = System.nanoTime();
            if (!WRITES.contains(name)) {
                try {
                    return super.handleCommand(channel, databaseName, command, query);
                } finally {
                    SlowCommands.report(command, databaseName, query, started, started, System.nanoTime());
                }
            }
            writes.lock();
            long locked = System.nanoTime();
            long made = locked;
            try {
                Document reply;
                long write;
                try {
                    reply = super.handleCommand(channel, databaseName, command, query);
                    write = ++written;
                } finally {
                    writes.unlock();
                    made = System.nanoTime();
                }
                committedThrough(write);
                return reply;
            } finally {
                SlowCommands.report(command, databaseName, query, started, locked, made);
            }
        }

        /**
         * Returns once the {@code write}th write is in the file: a group commit. One commit stores every write finished
         * before it began, so writers that arrive together wait for one commit, not each for its own in turn under the
         * write lock (a commit writes the changed pages: for a workshop with hundreds of enrolments, most of the
         * write's cost). Writes go on while a commit runs, as they do beside MVStore's own background writer; the next
         * commit stores them.
         */
        private void committedThrough(long write) {
            synchronized (commits) {
                if (committed >= write) {
                    return;
                }
                long upTo = written;
                commit();
                committed = upTo;
            }
        }
    }

    static final class IdPinnedCollection extends H2Collection {

        /** Whether this thread is in an update of this kind of collection: what it reads to change are copies. */
        private static final ThreadLocal<Boolean> UPDATING = ThreadLocal.withInitial(() -> false);

        IdPinnedCollection(MongoDatabase database, String collectionName, CollectionOptions options, MVMap<Object, Document> data,
                           MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, collectionName, options, data, meta, cursors);
        }

        /**
         * No running total of the collection's size (only collStats shows it, and the platform does not ask): it cost
         * two encodings of the document and a second write with every update.
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        /**
         * The backend turns the stored document into its new version in place (it removes the fields the new one lacks
         * and puts the others), then stores that same object again. Commits run beside writes (the group commit, and
         * MVStore's background writer), and a commit writing that very document to the file failed and closed the
         * store for good ("This store is closed"). So an update changes a copy of each document it reads (a copy of its
         * fields: the backend builds the new values afresh), and the stored version is replaced, never changed.
         */
        @Override
        public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters, boolean multi,
                                                     boolean upsert, Oplog oplog) {
            return changingCopies(() -> super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog));
        }

        @Override
        public synchronized Document findAndModify(Document query) {
            return changingCopies(() -> super.findAndModify(query));
        }

        private static Document changingCopies(Supplier<Document> update) {
            boolean outer = !UPDATING.get();
            UPDATING.set(true);
            try {
                return update.get();
            } finally {
                if (outer) {
                    UPDATING.set(false);
                }
            }
        }

        /**
         * The documents the {@code _id} condition allows, found by the {@code _id} index, then matched against the whole
         * query: the same result as matching every document, from one read. In an update, copies (see above).
         */
        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                             Document fieldSelector) {
            var found = found(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            if (!UPDATING.get()) {
                return found;
            }
            return new QueryResult(found.collectDocuments().stream().map(Document::new).toList(), found.getCursorId());
        }

        private QueryResult found(Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
            var byId = idCondition(query);
            if (byId != null) {
                for (var index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(query, index.getPositions(byId), orderBy, numberToSkip, limit, batchSize, fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /** {@code {_id: …}} when the query holds an {@code _id} condition beside others, at the top or in a top-level {@code $and}. */
        static Document idCondition(Document query) {
            if (query.size() > 1 && query.containsKey("_id")) {
                return new Document("_id", query.get("_id"));
            }
            if (query.get("$and") instanceof List<?> all) {
                for (var part : all) {
                    if (part instanceof Document condition && condition.size() == 1 && condition.containsKey("_id")) {
                        return condition;
                    }
                }
            }
            return null;
        }
    }
}
