package coop.izek.deploy.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * A MongoDB-protocol store for machines without mongod: mongo-java-server with its H2 backend.
 * It answers {@code hello} and reports wire version 9 (MongoDB 4.4), which current drivers and mongosh require,
 * and commits every write to its file before answering, so an acknowledged write survives the process being killed.
 * <p>
 * Writes are serialised: the backend matches a document and then writes it (a plain map put), and connections are
 * served on several threads, so two conditional updates of one document could both match the same state. MongoDB
 * guarantees a single-document write is atomic, and the platform's concurrency rules rely on it.
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

    private final MongoServer server;
    private final DurableH2Backend backend;
    private final String connectionString;

    private EmbeddedMongoStore(DurableH2Backend backend, String host, int port) {
        this.backend = backend;
        backend.version(REPORTED_VERSION);
        this.server = new MongoServer(backend);
        server.bind(host, port);
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

    @Override
    public void close() {
        server.shutdown();
        backend.close();
    }

    static final class DurableH2Backend extends H2Backend {

        private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
                "createindexes", "dropindexes", "create", "drop", "dropdatabase", "renamecollection");

        private final java.util.concurrent.locks.ReentrantLock writes = new java.util.concurrent.locks.ReentrantLock();

        DurableH2Backend(String fileName) {
            super(fileName);
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            String name = command.toLowerCase(Locale.ROOT);
            if (name.equals("hello")) {
                Document reply = super.handleCommand(channel, databaseName, "isMaster", query);
                reply.put("isWritablePrimary", Boolean.TRUE);
                return reply;
            }
            if (!WRITES.contains(name)) {
                return super.handleCommand(channel, databaseName, command, query);
            }
            writes.lock();
            try {
                Document reply = super.handleCommand(channel, databaseName, command, query);
                commit();
                return reply;
            } finally {
                writes.unlock();
            }
        }
    }
}
