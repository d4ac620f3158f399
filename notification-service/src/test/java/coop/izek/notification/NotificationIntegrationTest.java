package coop.izek.notification;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import coop.izek.testsupport.IntegrationTest;

/** The notification service against the real broker, store and mail server, with retries short enough to watch. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@TestPropertySource(properties = {
        "izek.notification.delivery.max-attempts=3",
        "izek.notification.delivery.first-retry=PT0.2S",
        "izek.notification.delivery.poll=PT0.2S",
        // Only the start-up sweep: what the tests send must be found without searching the store.
        "izek.notification.delivery.sweep=PT1H",
        "izek.notification.stream.poll=PT0.2S",
        "izek.notification.webhooks.allow-plain-http=true",
        "izek.notification.webhooks.allow-loopback=true",
        "izek.notification.webhooks.disable-after=4",
        // A receiver that hangs is given up on soon enough to watch.
        "izek.notification.webhooks.timeout=PT2S",
        "izek.notification.reminders.check=PT1H"})
public @interface NotificationIntegrationTest {
}
