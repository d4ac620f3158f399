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
}
