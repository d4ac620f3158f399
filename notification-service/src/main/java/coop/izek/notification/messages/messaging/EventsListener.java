package coop.izek.notification.messages.messaging;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import coop.izek.events.MembershipEvents;
import coop.izek.events.ProjectEvents;
import coop.izek.events.Topics;
import coop.izek.events.WorkshopEvents;
import coop.izek.notification.delivery.Deliveries;
import coop.izek.notification.directory.Directory;
import coop.izek.notification.inbox.Inbox;
import coop.izek.notification.messages.Notices;
import coop.izek.notification.preferences.PreferenceStore;
import coop.izek.notification.reminders.SessionReminders;
import coop.izek.notification.webhooks.WebhookFanOut;
import coop.izek.support.messaging.EventBatches;
import coop.izek.support.messaging.IndependentWrites;
import coop.izek.support.messaging.IncomingEvent;
import coop.izek.support.messaging.ProcessedEvents;

/** The other services' events: the directory learns from them, and people hear what concerns them. */
@Component
class EventsListener {

    static final String MEMBERSHIP_CONSUMER = "notification.membership";
    static final String WORKSHOP_CONSUMER = "notification.workshop";
    static final String PROJECT_CONSUMER = "notification.project";

    private final ProcessedEvents processed;
    private final EventBatches batches;
    private final Directory directory;
    private final Notices notices;
    private final Deliveries deliveries;
    private final PreferenceStore preferences;
    private final Inbox inbox;
    private final WebhookFanOut webhooks;
    private final SessionReminders reminders;

    EventsListener(ProcessedEvents processed, EventBatches batches, Directory directory, Notices notices, Deliveries deliveries,
                   PreferenceStore preferences, Inbox inbox, WebhookFanOut webhooks, SessionReminders reminders) {
        this.webhooks = webhooks;
        this.reminders = reminders;
        this.processed = processed;
        this.batches = batches;
        this.directory = directory;
        this.notices = notices;
        this.deliveries = deliveries;
        this.preferences = preferences;
        this.inbox = inbox;
    }

    @KafkaListener(topics = Topics.MEMBERSHIP)
    void onMembership(IncomingEvent event) {
        processed.applyOnce(MEMBERSHIP_CONSUMER, event, () -> {
            if (event.is(MembershipEvents.ORGANISATION_REGISTERED)) {
                directory.organisationRegistered(event.data(MembershipEvents.ORGANISATION_REGISTERED));
            } else if (event.is(MembershipEvents.PERSON_REGISTERED)) {
                directory.personRegistered(event.data(MembershipEvents.PERSON_REGISTERED));
            } else if (event.is(MembershipEvents.DEPENDANT_ADDED)) {
                directory.dependantAdded(event.data(MembershipEvents.DEPENDANT_ADDED));
            } else if (event.is(MembershipEvents.PERSON_ERASED)) {
                var erased = event.data(MembershipEvents.PERSON_ERASED);
                directory.personErased(erased);
                preferences.forget(erased.personId());
                inbox.forget(erased.personId());
                deliveries.forget(erased.personId());
                reminders.forget(erased.personId());
            }
            deliveries.plan(event.id(), event.type(), notices.from(event));
        });
    }

    /**
     * One consumer per partition of the workshop topic, taking its events in batches: a rush is thousands of
     * enrolments, and a batch's deliveries, inbox items and markers are written together, a few store round trips
     * for the lot. A workshop's events share a partition, so each workshop's stay in order, and what they need from
     * other topics (a person, an organisation) comes through other listeners, in no fixed order with these anyway.
     * The membership topic keeps one consumer taking one event at a time: an application's decision needs its
     * person's registration first, and its events are few.
     */
    @KafkaListener(topics = Topics.WORKSHOP, concurrency = "${izek.notification.workshop-consumers:3}", batch = "true")
    void onWorkshop(List<ConsumerRecord<String, byte[]>> records) {
        var plan = deliveries.new Plan();
        var tracking = reminders.new Tracking();
        batches.applyOnce(WORKSHOP_CONSUMER, records, notices::recallPeopleNamedIn, event -> {
            if (event.is(WorkshopEvents.WORKSHOP_PUBLISHED)) {
                directory.workshopPublished(event.data(WorkshopEvents.WORKSHOP_PUBLISHED));
            } else if (event.is(WorkshopEvents.WORKSHOP_CANCELLED)) {
                directory.workshopCancelled(event.data(WorkshopEvents.WORKSHOP_CANCELLED));
            }
            tracking.add(event);
            plan.add(event.id(), event.type(), notices.from(event));
        }, () -> {
            // The messages and who holds places are separate documents, written at once.
            IndependentWrites.together(plan::write, tracking::write);
        });
    }

    @KafkaListener(topics = Topics.PROJECT)
    void onProject(IncomingEvent event) {
        processed.applyOnce(PROJECT_CONSUMER, event, () -> {
            if (event.is(ProjectEvents.PROJECT_CREATED)) {
                directory.projectCreated(event.data(ProjectEvents.PROJECT_CREATED));
            } else if (event.is(ProjectEvents.PARTNER_ADDED)) {
                directory.partnerAdded(event.data(ProjectEvents.PARTNER_ADDED));
            }
            deliveries.plan(event.id(), event.type(), notices.from(event));
            webhooks.fanOut(event);
        });
    }
}
