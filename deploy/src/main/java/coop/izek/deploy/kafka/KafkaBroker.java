package coop.izek.deploy.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka broker in KRaft combined mode (broker and controller in one process), configured
 * for one machine: every internal topic has replication factor 1. The platform creates its own topics, so
 * automatic topic creation is off.
 */
public record KafkaBroker(Path dataDirectory, String host, int port, int controllerPort) {

    public Path logDirectory() {
        return dataDirectory.resolve("log");
    }

    public Path configFile() {
        return dataDirectory.resolve("server.properties");
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    /** Writes the broker configuration; the storage is formatted separately, once, see {@link #needsFormat()}. */
    public void writeConfig() {
        var config = String.join("\n", List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controllerPort,
                "listeners=PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDirectory().toAbsolutePath(),
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // Sized for one machine's platform: the log cleaner's dedupe buffer is 128 MiB of heap by default (most
                // of the broker's heap once it compacts the offsets topic), and the offsets topic has 50 partitions.
                "log.cleaner.dedupe.buffer.size=16777216",
                "offsets.topic.num.partitions=5",
                "")) ;
        try {
            Files.createDirectories(dataDirectory);
            Files.writeString(configFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the broker configuration to " + configFile(), e);
        }
    }

    public boolean needsFormat() {
        return !Files.exists(logDirectory().resolve("meta.properties"));
    }

    /** Arguments for {@code kafka.tools.StorageTool}: formats the log directory for a new cluster. */
    public List<String> formatArguments() {
        // "--cluster-id=<id>" in one token: an id is never read as an option, whatever character it starts with.
        return List.of("kafka.tools.StorageTool", "format", "--cluster-id=" + newClusterId(), "-c",
                configFile().toAbsolutePath().toString());
    }

    /** Arguments for the broker process itself. */
    public List<String> runArguments() {
        return List.of("kafka.Kafka", configFile().toAbsolutePath().toString());
    }

    /**
     * A cluster id made by Kafka itself ({@code kafka-storage random-uuid} does the same): Kafka's {@link Uuid} never
     * starts with '-', which a command line would take for an option.
     */
    static String newClusterId() {
        return Uuid.randomUuid().toString();
    }
}
