package coop.izek.notification.dispatch;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import coop.izek.notification.inbox.Inbox;
import coop.izek.notification.recipients.Recipients;
import coop.izek.support.messaging.IncomingEvent;
import coop.izek.support.messaging.ProcessedEvents;

/** Membership events: keeps the recipients read model and sends what people should hear about. */
@Component
class MembershipEventsListener {

    static final String CONSUMER = "notification.membership";

    private final ProcessedEvents processed;
    private final Recipients recipients;
    private final Inbox inbox;
    private final MessageTemplates templates;

    MembershipEventsListener(ProcessedEvents processed, Recipients recipients, Inbox inbox, MessageTemplates templates) {
        this.processed = processed;
        this.recipients = recipients;
        this.inbox = inbox;
        this.templates = templates;
    }

    @KafkaListener(topics = Topics.MEMBERSHIP)
    void on(IncomingEvent event) {
        if (event.is(MembershipEvents.PERSON_REGISTERED)) {
            var person = event.data(MembershipEvents.PERSON_REGISTERED);
            processed.applyOnce(CONSUMER, event, () -> {
                var recipient = recipients.remember(person);
                var welcome = templates.render("welcome", recipient.locale(), recipient.fullName());
                inbox.deliver(event.id(), recipient.personId(), "WELCOME", welcome.title(), welcome.body());
            });
        }
    }
}
