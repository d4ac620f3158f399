package coop.izek.support.deadletters;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param path where staff find this service's dead letters, under the service's own API space (e.g.
 *             {@code /api/workshops/dead-letters}); a service that consumes no events sets none and has no such API
 * @param keep how long a replayed or discarded letter stays listed; parked ones stay until someone handles them
 */
@ConfigurationProperties("izek.dead-letters")
public record DeadLetterProperties(String path, @DefaultValue("30d") Duration keep) {
}
