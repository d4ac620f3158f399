package coop.izek.support.housekeeping;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval            how often expired records are deleted
 * @param processedEventsKeep how long a consumer remembers an event it applied; redeliveries come within minutes,
 *                            and handlers are idempotent by construction for anything older
 * @param batch               at most this many records per collection and round, so one round never holds the store long
 */
@ConfigurationProperties("izek.housekeeping")
public record HousekeepingProperties(
        @DefaultValue("10m") Duration interval,
        @DefaultValue("14d") Duration processedEventsKeep,
        @DefaultValue("5000") int batch) {
}
