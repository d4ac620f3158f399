package coop.izek.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    /** One id in 64 began with '-' before, and kafka-storage read it as an option: a quarter million ids say it cannot now. */
    @Test
    void shouldNeverGenerateAClusterIdThatReadsAsAnOption() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 250_000; i++) {
            var id = KafkaBroker.newClusterId();
            assertThat(id).doesNotStartWith("-").hasSize(22);
            assertThat(Uuid.fromString(id).toString()).isEqualTo(id);
            seen.add(id);
        }
        assertThat(seen).hasSize(250_000);
    }

    @Test
    void shouldPassTheClusterIdAsOneTokenWithItsOption() {
        var arguments = new KafkaBroker(Path.of("/tmp/izek-kafka"), "127.0.0.1", 9092, 9093).formatArguments();

        assertThat(arguments).filteredOn(a -> a.startsWith("--cluster-id=")).singleElement()
                .satisfies(a -> assertThat(a.substring("--cluster-id=".length())).hasSize(22));
        assertThat(arguments).doesNotContain("-t");
    }
}
