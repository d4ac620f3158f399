package coop.izek.support.messaging;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the platform's topics are created when missing (and their retention set on existing ones).
 *
 * @param partitions        partitions per topic (order is kept per aggregate, whatever the number)
 * @param replicationFactor 1 on one machine; 3 on a real cluster
 * @param retries           retries of a failing listener before its record goes to the dead-letter topic
 * @param retention         how long each topic keeps its records. Topics that carry personal data (names, addresses,
 *                          birth dates, person ids) keep them briefly: long enough for a consumer to catch up after an
 *                          outage, since every service keeps what it needs in its own store. A topic's dead letters
 *                          are kept as long as it. The defaults are in {@code izek-service-defaults.yml}.
 */
@ConfigurationProperties("izek.kafka")
public record KafkaTopicProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("3") int retries,
        @DefaultValue Map<String, Duration> retention) {

    /** The retention of {@code topic} (or of the topic whose dead letters it holds); 14 days if not configured. */
    public Duration retentionOf(String topic) {
        var base = topic.endsWith(".dlt") ? topic.substring(0, topic.length() - ".dlt".length()) : topic;
        return retention.getOrDefault(base, Duration.ofDays(14));
    }
}
