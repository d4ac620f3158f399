package coop.izek.deploy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * What the store promises the platform: a write it has answered is in its file, so it survives the process being
 * killed. Writes arrive together from several clients, as they do in a rush, and are committed in groups.
 */
class StoreDurabilityTest {

    @TempDir
    Path data;

    @Test
    void shouldKeepEveryAcknowledgedWriteWhenKilledWhileWritesArriveTogether() throws Exception {
        int port;
        try (var free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        var acknowledged = ConcurrentHashMap.<String>newKeySet();
        var store = start(port);
        var writing = new AtomicBoolean(true);
        try (var mongo = MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=2000&socketTimeoutMS=5000");
             var pool = Executors.newFixedThreadPool(8)) {
            var seats = mongo.getDatabase("izek").getCollection("seats");
            seats.insertOne(new Document("_id", "workshop").append("taken", 0));
            acknowledged.add("workshop");
            var clients = new ArrayList<Future<?>>();
            for (int client = 0; client < 8; client++) {
                var name = "c" + client;
                clients.add(pool.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        var id = name + "-" + i;
                        try {
                            seats.insertOne(new Document("_id", id));
                            seats.updateOne(Filters.eq("_id", "workshop"), Updates.addToSet("holders", id));
                            acknowledged.add(id);
                        } catch (MongoException killed) {
                            return;
                        }
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() > 400);
            store.destroyForcibly().waitFor();
            writing.set(false);
            for (var client : clients) {
                client.get();
            }
        }

        var restarted = start(port);
        try (var mongo = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            var seats = mongo.getDatabase("izek").getCollection("seats");
            Set<String> stored = ConcurrentHashMap.newKeySet();
            seats.find().forEach(document -> stored.add(document.getString("_id")));
            var holders = seats.find(Filters.eq("_id", "workshop")).first().getList("holders", String.class);

            assertThat(stored).containsAll(acknowledged);
            assertThat(holders).containsAll(acknowledged.stream().filter(id -> !id.equals("workshop")).toList());
        } finally {
            restarted.destroyForcibly().waitFor();
        }
    }

    private Process start(int port) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StoreMain.class.getName(), data.toString(),
                "127.0.0.1", String.valueOf(port)).redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + ".log")
                .toFile()).start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (var socket = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
        return process;
    }
}
