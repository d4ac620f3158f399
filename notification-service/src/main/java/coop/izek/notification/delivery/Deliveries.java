package coop.izek.notification.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import coop.izek.events.NotificationEvents;
import coop.izek.notification.inbox.Inbox;
import coop.izek.notification.messages.Category;
import coop.izek.notification.messages.Channel;
import coop.izek.notification.messages.MessageTemplates;
import coop.izek.notification.messages.Notice;
import coop.izek.notification.preferences.PreferenceStore;
import coop.izek.notification.preferences.Preferences;
import coop.izek.support.messaging.IndependentWrites;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.observability.TraceCarrier;

/**
 * Turns notices into deliveries, one per (event, recipient, channel) by the delivery's id: a redelivered event finds
 * its deliveries there already. In-app messages are put in the inbox at once; the others wait for the
 * {@link Dispatcher}, after the recipient's quiet hours when they may wait.
 */
@Service
public class Deliveries {

    private static final List<Channel> PERSONAL_CHANNELS = List.of(Channel.IN_APP, Channel.EMAIL, Channel.SMS);

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final PreferenceStore preferences;
    private final MessageTemplates templates;
    private final Inbox inbox;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final TraceCarrier trace;

    Deliveries(MongoTemplate mongo, Outbox outbox, PreferenceStore preferences, MessageTemplates templates, Inbox inbox,
               Dispatcher dispatcher, Clock clock, TraceCarrier trace) {
        this.trace = trace;
        this.mongo = mongo;
        this.outbox = outbox;
        this.preferences = preferences;
        this.templates = templates;
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** An event's notices, planned in the event's trace. */
    private record Planned(String eventId, String eventType, List<Notice> notices, Map<String, String> trace) {
    }

    /** Plans the deliveries for one event's notices and writes them. */
    public void plan(String eventId, String eventType, List<Notice> notices) {
        new Plan().add(eventId, eventType, notices).write();
    }

    /**
     * Deliveries for the notices of several events, written together: a batch of a rush's events costs a few store
     * round trips, not several per event. Each event's deliveries keep the trace it was planned in.
     */
    public final class Plan {

        private final List<Planned> planned = new ArrayList<>();

        public Plan add(String eventId, String eventType, List<Notice> notices) {
            if (!notices.isEmpty()) {
                planned.add(new Planned(eventId, eventType, notices, trace.capture()));
            }
            return this;
        }

        /**
         * Writes what was planned since the last write: in-app messages straight into the inboxes, the rest for the
         * {@link Dispatcher}, after the recipient's quiet hours when they may wait.
         */
        public void write() {
            if (planned.isEmpty()) {
                return;
            }
            var batch = List.copyOf(planned);
            planned.clear();
            var people = batch.stream().flatMap(p -> p.notices().stream()).filter(Deliveries::toPerson).map(Notice::personId)
                    .collect(Collectors.toSet());
            var preferencesOf = preferences.of(people);
            var deliveries = new ArrayList<Delivery>();
            var messages = new ArrayList<Inbox.NewMessage>();
            for (var p : batch) {
                for (var notice : p.notices()) {
                    if (notice.organisationId() != null) {
                        deliveries.add(forOrganisation(p, notice));
                    } else if (notice.address() != null) {
                        deliveries.add(forUnverifiedAddress(p, notice));
                    } else {
                        forPerson(p, notice, preferencesOf.get(notice.personId()), deliveries, messages);
                    }
                }
            }
            // The inbox items and the deliveries are separate documents, written at once.
            IndependentWrites.together(() -> inbox.deliverAll(messages), () -> insert(deliveries));
        }

        private void forPerson(Planned p, Notice notice, Preferences prefs, List<Delivery> deliveries, List<Inbox.NewMessage> messages) {
            for (var channel : PERSONAL_CHANNELS) {
                if (!wants(prefs, notice, channel)) {
                    continue;
                }
                var delivery = pending(p.eventId(), p.eventType(), notice.personId(), channel, p.trace());
                delivery.kind = notice.kind();
                delivery.category = notice.category();
                delivery.personId = notice.personId();
                delivery.values = notice.values();
                if (channel == Channel.IN_APP) {
                    var message = inAppMessage(p.eventId(), notice, prefs, p.trace());
                    messages.add(message);
                    delivery.status = DeliveryStatus.SENT;
                    delivery.notBefore = null;
                    delivery.sentAt = delivery.createdAt;
                    delivery.subject = message.title();
                } else {
                    delivery.notBefore = prefs.release(notice.category(), channel, delivery.createdAt);
                }
                deliveries.add(delivery);
            }
        }

        /**
         * The verification link, to the address the account gave: at once, and only by email, since the person is not
         * known to the directory until they follow it.
         */
        private Delivery forUnverifiedAddress(Planned p, Notice notice) {
            var delivery = pending(p.eventId(), p.eventType(), notice.personId(), Channel.EMAIL, p.trace());
            delivery.kind = notice.kind();
            delivery.category = notice.category();
            delivery.personId = notice.personId();
            delivery.toAddress = notice.address();
            delivery.locale = notice.locale();
            delivery.values = notice.values();
            return delivery;
        }

        /** Organisations are written to at their contact address, at once: they keep office hours, not quiet hours. */
        private Delivery forOrganisation(Planned p, Notice notice) {
            var delivery = pending(p.eventId(), p.eventType(), notice.organisationId(), Channel.EMAIL, p.trace());
            delivery.kind = notice.kind();
            delivery.category = notice.category();
            delivery.organisationId = notice.organisationId();
            delivery.values = notice.values();
            return delivery;
        }
    }

    /**
     * The in-app messages the notices of several events make, for the people who take them in the app, as {@link Plan}
     * puts them in the inbox (one read of the people's preferences); nothing is written.
     */
    public final class InAppMessages {

        private final List<Planned> planned = new ArrayList<>();

        /** Adds an event's notices, in the event's trace (the current one). */
        public void add(String eventId, List<Notice> notices) {
            if (!notices.isEmpty()) {
                planned.add(new Planned(eventId, null, notices, trace.capture()));
            }
        }

        /** The messages of what was added since the last call. */
        public List<Inbox.NewMessage> take() {
            var batch = List.copyOf(planned);
            planned.clear();
            var preferencesOf = preferences.of(batch.stream().flatMap(p -> p.notices().stream()).filter(Deliveries::toPerson)
                    .map(Notice::personId).collect(Collectors.toSet()));
            var messages = new ArrayList<Inbox.NewMessage>();
            for (var p : batch) {
                for (var notice : p.notices()) {
                    if (toPerson(notice) && wants(preferencesOf.get(notice.personId()), notice, Channel.IN_APP)) {
                        messages.add(inAppMessage(p.eventId(), notice, preferencesOf.get(notice.personId()), p.trace()));
                    }
                }
            }
            return messages;
        }
    }

    private Inbox.NewMessage inAppMessage(String eventId, Notice notice, Preferences prefs, Map<String, String> trace) {
        var rendered = templates.render(notice.kind(), prefs.locale(), notice.values());
        return new Inbox.NewMessage(eventId, notice.personId(), notice.kind().toUpperCase().replace('-', '_'), rendered.subject(),
                rendered.body(), trace);
    }

    /** A notice to a known person (not an organisation, not an address yet to be verified). */
    private static boolean toPerson(Notice notice) {
        return notice.organisationId() == null && notice.address() == null;
    }

    private static boolean wants(Preferences prefs, Notice notice, Channel channel) {
        return prefs.wants(notice.category(), channel) && (notice.channels() == null || notice.channels().contains(channel));
    }

    /** One signed POST of the event to a partner's webhook. */
    public void planWebhook(String eventId, String eventType, String webhookId, String organisationId, String payload) {
        var delivery = pending(eventId, eventType, webhookId, Channel.WEBHOOK, trace.capture());
        delivery.kind = "webhook";
        delivery.category = Category.PROJECTS;
        delivery.organisationId = organisationId;
        delivery.webhookId = webhookId;
        delivery.payload = payload;
        insert(List.of(delivery));
    }

    private Delivery pending(String eventId, String eventType, String recipient, Channel channel, Map<String, String> trace) {
        var delivery = new Delivery();
        delivery.id = Delivery.idFor(eventId, recipient, channel);
        delivery.eventId = eventId;
        delivery.eventType = eventType;
        delivery.channel = channel;
        delivery.status = DeliveryStatus.PENDING;
        delivery.createdAt = clock.instant();
        delivery.notBefore = delivery.createdAt;
        delivery.trace = trace;
        return delivery;
    }

    /** The person is erased: what has not gone will not, and what went keeps no trace of what it said. */
    public void forget(String personId) {
        mongo.remove(Query.query(Criteria.where("personId").is(personId).and("status").in(DeliveryStatus.PENDING,
                DeliveryStatus.FAILED)), Delivery.class);
        mongo.updateMulti(Query.query(Criteria.where("personId").is(personId)),
                new Update().unset("values").unset("address").unset("toAddress").unset("subject").set("personId", "erased"),
                Delivery.class);
    }

    /**
     * One write for all. A delivery that exists already is of an event that came again: one is all there will be.
     * Expecting it anyway is harmless (the claim is conditional) and sends it soon if the instance that planned it
     * died before it went.
     */
    private void insert(List<Delivery> deliveries) {
        outbox.insertAll(deliveries, delivery -> delivery.channel != Channel.IN_APP ? List.of()
                : List.of(NotificationEvents.NOTIFICATION_SENT.of(delivery.id, new NotificationEvents.NotificationSent(delivery.id,
                        delivery.eventId, delivery.eventType, delivery.kind, delivery.channel.name(), delivery.personId, null, "SENT",
                        delivery.sentAt))), delivery -> delivery.trace);
        for (var delivery : deliveries) {
            if (delivery.status == DeliveryStatus.PENDING) {
                dispatcher.expect(delivery.channel, delivery.id, delivery.notBefore);
            }
        }
        dispatcher.wake();
    }
}
