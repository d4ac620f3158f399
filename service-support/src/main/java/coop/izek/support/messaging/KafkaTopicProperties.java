package coop.izek.support.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the platform's topics are created when missing.
 *
 * @param partitions        partitions per topic (order is kept per aggregate, whatever the number)
 * @param replicationFactor 1 on one machine; 3 on a real cluster
 * @param retries           retries of a failing listener before its record goes to the dead-letter topic
 */
@ConfigurationProperties("izek.kafka")
public record KafkaTopicProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("3") int retries) {
}
