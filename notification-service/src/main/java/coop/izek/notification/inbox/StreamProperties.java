package coop.izek.notification.inbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeout how long a stream stays open; browsers reconnect on their own (with Last-Event-ID) when it ends
 * @param poll    how often the store is checked for items other instances wrote
 */
@ConfigurationProperties("izek.notification.stream")
record StreamProperties(@DefaultValue("PT30M") Duration timeout, @DefaultValue("PT0.5S") Duration poll) {
}
