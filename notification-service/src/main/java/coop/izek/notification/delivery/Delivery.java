package coop.izek.notification.delivery;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.notification.messages.Category;
import coop.izek.notification.messages.Channel;
import coop.izek.support.outbox.OutboxAggregate;

/**
 * One message to one recipient on one channel because of one event. Its id is made of those three, so however often
 * the event arrives there is one delivery, and it is claimed, sent and marked by conditional updates, so it goes out
 * once. Its text is rendered when it goes, in the recipient's language of that moment.
 */
@Document("deliveries")
@CompoundIndexes({
        @CompoundIndex(name = "due", def = "{'status': 1, 'notBefore': 1}"),
        @CompoundIndex(name = "person", def = "{'personId': 1}")
})
class Delivery extends OutboxAggregate {

    @Id
    String id;
    String eventId;
    String eventType;
    String kind;
    Category category;
    Channel channel;
    String personId;
    String organisationId;
    String webhookId;
    /** What a webhook delivery POSTs, fixed when planned so every attempt sends the same body. */
    String payload;
    Map<String, String> values;
    DeliveryStatus status;
    int attempts;
    Instant notBefore;
    Instant leaseUntil;
    /**
     * When the mail server had the whole message, its answer not yet read: set during a claim, kept once sent, and
     * cleared when the attempt is given up. A lapsed claim that has it was not sent again (see {@link Dispatcher}).
     */
    Instant handedAt;
    String lastError;
    Instant createdAt;
    Instant sentAt;
    Instant failedAt;
    /** Where it went (or goes): known when sent; set beforehand only for a verification link to an unverified address. */
    String address;
    String toAddress;
    /** The language of a mail to an address the directory does not know yet. */
    String locale;
    String subject;
    /** Said to staff about how it went, e.g. that an SMS only reached the log. */
    String note;
    /** The trace of the event it is for, continued by whichever instance sends it. */
    Map<String, String> trace;

    static String idFor(String eventId, String recipient, Channel channel) {
        return eventId + ":" + recipient + ":" + channel;
    }

    @Override
    public String aggregateId() {
        return id;
    }
}
