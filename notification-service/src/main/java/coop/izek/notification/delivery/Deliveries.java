package coop.izek.notification.delivery;

import java.time.Clock;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
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

    public void plan(String eventId, String eventType, List<Notice> notices) {
        for (var notice : notices) {
            if (notice.organisationId() != null) {
                planForOrganisation(eventId, eventType, notice);
                continue;
            }
            if (notice.address() != null) {
                planForUnverifiedAddress(eventId, eventType, notice);
                continue;
            }
            var prefs = preferences.of(notice.personId());
            for (var channel : PERSONAL_CHANNELS) {
                if (!prefs.wants(notice.category(), channel) || (notice.channels() != null && !notice.channels().contains(channel))) {
                    continue;
                }
                var delivery = pending(eventId, eventType, notice.personId(), channel);
                delivery.kind = notice.kind();
                delivery.category = notice.category();
                delivery.personId = notice.personId();
                delivery.values = notice.values();
                if (channel == Channel.IN_APP) {
                    var rendered = templates.render(notice.kind(), prefs.locale(), notice.values());
                    inbox.deliver(eventId, notice.personId(), notice.kind().toUpperCase().replace('-', '_'), rendered.subject(), rendered.body());
                    delivery.status = DeliveryStatus.SENT;
                    delivery.notBefore = null;
                    delivery.sentAt = delivery.createdAt;
                    delivery.subject = rendered.subject();
                    insert(delivery, List.of(NotificationEvents.NOTIFICATION_SENT.of(delivery.id, new NotificationEvents.NotificationSent(
                            delivery.id, eventId, eventType, delivery.kind, channel.name(), delivery.personId, null, "SENT", delivery.sentAt))));
                } else {
                    delivery.notBefore = prefs.release(notice.category(), channel, delivery.createdAt);
                    insert(delivery, List.of());
                }
            }
        }
        dispatcher.wake();
    }

    /**
     * The verification link, to the address the account gave: at once, and only by email, since the person is not
     * known to the directory until they follow it.
     */
    private void planForUnverifiedAddress(String eventId, String eventType, Notice notice) {
        var delivery = pending(eventId, eventType, notice.personId(), Channel.EMAIL);
        delivery.kind = notice.kind();
        delivery.category = notice.category();
        delivery.personId = notice.personId();
        delivery.toAddress = notice.address();
        delivery.locale = notice.locale();
        delivery.values = notice.values();
        insert(delivery, List.of());
    }

    /** Organisations are written to at their contact address, at once: they keep office hours, not quiet hours. */
    private void planForOrganisation(String eventId, String eventType, Notice notice) {
        var delivery = pending(eventId, eventType, notice.organisationId(), Channel.EMAIL);
        delivery.kind = notice.kind();
        delivery.category = notice.category();
        delivery.organisationId = notice.organisationId();
        delivery.values = notice.values();
        insert(delivery, List.of());
    }

    /** One signed POST of the event to a partner's webhook. */
    public void planWebhook(String eventId, String eventType, String webhookId, String organisationId, String payload) {
        var delivery = pending(eventId, eventType, webhookId, Channel.WEBHOOK);
        delivery.kind = "webhook";
        delivery.category = Category.PROJECTS;
        delivery.organisationId = organisationId;
        delivery.webhookId = webhookId;
        delivery.payload = payload;
        insert(delivery, List.of());
        dispatcher.wake();
    }

    private Delivery pending(String eventId, String eventType, String recipient, Channel channel) {
        var delivery = new Delivery();
        delivery.id = Delivery.idFor(eventId, recipient, channel);
        delivery.eventId = eventId;
        delivery.eventType = eventType;
        delivery.channel = channel;
        delivery.status = DeliveryStatus.PENDING;
        delivery.createdAt = clock.instant();
        delivery.notBefore = delivery.createdAt;
        delivery.trace = trace.capture();
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

    private void insert(Delivery delivery, List<? extends coop.izek.events.DomainEvent<?>> events) {
        try {
            outbox.insert(delivery, events);
        } catch (DuplicateKeyException alreadyPlanned) {
            // The event came again: this delivery exists, and one is all there will be. Expecting it is harmless (the
            // claim is conditional) and sends it soon if the instance that planned it died before it went.
        }
        if (delivery.status == DeliveryStatus.PENDING) {
            dispatcher.expect(delivery.channel, delivery.id, delivery.notBefore);
        }
    }
}
