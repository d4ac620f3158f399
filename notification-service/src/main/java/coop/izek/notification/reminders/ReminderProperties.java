package coop.izek.notification.reminders;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lead  how long before a session its participants are reminded
 * @param check how often sessions coming within the lead are looked for
 */
@ConfigurationProperties("izek.notification.reminders")
record ReminderProperties(@DefaultValue("PT24H") Duration lead, @DefaultValue("PT1M") Duration check) {
}
