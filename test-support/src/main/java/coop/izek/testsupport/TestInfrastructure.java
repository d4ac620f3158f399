package coop.izek.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import coop.izek.deploy.store.EmbeddedMongoStore;
import coop.izek.events.Topics;

/**
 * The real Kafka broker and MongoDB-protocol store that integration tests run against, started once per test JVM.
 * <ul>
 *   <li><b>external</b>: {@code IZEK_KAFKA_BOOTSTRAP} and {@code IZEK_MONGODB_URI} are set; they are used unchanged;</li>
 *   <li><b>containers</b>: {@code -Pcontainers} ({@code izek.test.infrastructure=containers}), or Docker is detected:
 *       Testcontainers' MongoDB (a replica set) and Kafka, with pinned images;</li>
 *   <li><b>embedded</b> (the default here, where no Docker engine runs): an in-process KRaft broker and the
 *       H2-backed mongo-java-server store the run command uses.</li>
 * </ul>
 */
public final class TestInfrastructure {

    static final String MONGO_IMAGE = "mongo:8.0.4";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    private static Running running;
    private static String masterKey;

    private TestInfrastructure() {
    }

    public static String kafkaBootstrapServers() {
        return running().kafkaBootstrapServers();
    }

    public static String mongoUri() {
        return running().mongoUri();
    }

    /**
     * The master key every service context of this test JVM shares (as the services of one deployment do): 32 random
     * bytes in base64, new for each JVM.
     */
    public static synchronized String masterKey() {
        if (masterKey == null) {
            var bytes = new byte[32];
            new java.security.SecureRandom().nextBytes(bytes);
            masterKey = java.util.Base64.getEncoder().encodeToString(bytes);
        }
        return masterKey;
    }

    /** Which of the three ways is in use: external, containers or embedded. */
    public static String mode() {
        return running().mode();
    }

    private static synchronized Running running() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "test-infrastructure-stop"));
        }
        return running;
    }

    private static Running start() {
        Map<String, String> env = System.getenv();
        var kafka = env.get("IZEK_KAFKA_BOOTSTRAP");
        var mongo = env.get("IZEK_MONGODB_URI");
        if (kafka != null && !kafka.isBlank() && mongo != null && !mongo.isBlank()) {
            return new Running("external", kafka, mongo, () -> { });
        }
        var requested = System.getProperty("izek.test.infrastructure", env.getOrDefault("IZEK_TEST_INFRASTRUCTURE", "auto"))
                .toLowerCase(Locale.ROOT);
        boolean containers = switch (requested) {
            case "containers" -> true;
            case "embedded" -> false;
            default -> DockerClientFactory.instance().isDockerAvailable();
        };
        return containers ? startContainers() : startEmbedded();
    }

    @SuppressWarnings("resource")
    private static Running startContainers() {
        var mongo = new MongoDBContainer(MONGO_IMAGE);
        var kafka = new KafkaContainer(KAFKA_IMAGE);
        mongo.start();
        kafka.start();
        return new Running("containers", kafka.getBootstrapServers(), mongo.getReplicaSetUrl(), () -> {
            kafka.stop();
            mongo.stop();
        });
    }

    private static Running startEmbedded() {
        var broker = new EmbeddedKafkaKraftBroker(1, 3, Topics.ALL.stream()
                .flatMap(t -> java.util.stream.Stream.of(t, Topics.deadLetter(t))).toArray(String[]::new));
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        // As in production (deploy's KafkaBroker): topics exist because services create them, never by accident.
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.afterPropertiesSet();
        EmbeddedMongoStore store;
        try {
            var folder = Files.createTempDirectory("izek-test-store");
            folder.toFile().deleteOnExit();
            store = EmbeddedMongoStore.onDisk(folder, "127.0.0.1", 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Running("embedded", broker.getBrokersAsString(), store.connectionString(), () -> {
            broker.destroy();
            store.close();
        });
    }

    private record Running(String mode, String kafkaBootstrapServers, String mongoUri, Runnable stopper) {
        void stop() {
            stopper.run();
        }
    }
}
