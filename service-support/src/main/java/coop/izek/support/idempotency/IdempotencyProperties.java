package coop.izek.support.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param keep           how long a key's answer is kept for a retry
 * @param lease          how long a request under a key may run before a retry may take it over (its instance died)
 */
@ConfigurationProperties("izek.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration keep, @DefaultValue("15s") Duration lease) {
}
