package coop.izek.notification.inbox;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import coop.izek.support.messaging.NewDocuments;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;
import coop.izek.support.observability.TraceCarrier;

/** People's in-app inboxes. */
@Service
public class Inbox {

    /** A message as the inbox shows it. */
    public record Message(String id, String kind, String title, String body, java.time.Instant createdAt, boolean read,
                          String eventId) {
    }

    private final MongoTemplate mongo;
    private final LiveInbox live;
    private final Clock clock;
    private final TraceCarrier trace;

    Inbox(MongoTemplate mongo, LiveInbox live, Clock clock, TraceCarrier trace) {
        this.trace = trace;
        this.mongo = mongo;
        this.live = live;
        this.clock = clock;
    }

    /** A message for a person's inbox because of an event, carrying the event's trace. */
    public record NewMessage(String eventId, String personId, String kind, String title, String body, Map<String, String> trace) {
    }

    /** Puts a message in the person's inbox once per event; returns false when it was there already. */
    public boolean deliver(String eventId, String personId, String kind, String title, String body) {
        return deliverAll(List.of(new NewMessage(eventId, personId, kind, title, body, trace.capture()))) == 1;
    }

    /**
     * Puts messages in their people's inboxes, each once per event, in one write, and pushes them to live streams;
     * returns how many were not there already.
     */
    public int deliverAll(List<NewMessage> messages) {
        var now = clock.instant();
        var all = messages.stream().map(m -> new InboxItem(InboxItem.idFor(m.eventId(), m.personId()), m.personId(), m.kind(),
                m.title(), m.body(), now, false, m.eventId(), m.trace())).toList();
        var items = NewDocuments.insert(mongo, all);
        live.delivered(items);
        if (items.size() < all.size()) {
            var stored = items.stream().map(InboxItem::id).collect(Collectors.toSet());
            live.deliveredBefore(all.stream().map(InboxItem::id).filter(id -> !stored.contains(id)).toList());
        }
        return items.size();
    }

    /** Whether the person has a stream open on this instance. */
    public boolean streaming(String personId) {
        return live.streaming(personId);
    }

    public PageResponse<Message> page(String personId, boolean unreadOnly, int page, int size) {
        var criteria = Criteria.where("personId").is(personId);
        if (unreadOnly) {
            criteria = criteria.and("read").is(false);
        }
        var query = Query.query(criteria);
        long total = mongo.count(query, InboxItem.class);
        List<Message> items = mongo.find(query.with(Sort.by(Sort.Direction.DESC, "createdAt")).skip((long) page * size).limit(size),
                InboxItem.class).stream().map(Inbox::toMessage).toList();
        return new PageResponse<>(items, page, size, total);
    }

    /** Marks one of the person's own messages read; someone else's message does not exist for them. */
    public void markRead(String personId, String messageId) {
        var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(messageId).and("personId").is(personId)),
                Update.update("read", true), InboxItem.class);
        if (result.getMatchedCount() == 0) {
            throw ProblemException.notFound("message", messageId);
        }
    }

    /** The person is erased: their messages go. */
    public void forget(String personId) {
        mongo.remove(Query.query(Criteria.where("personId").is(personId)), InboxItem.class);
        live.forget(personId);
    }

    static Message toMessage(InboxItem item) {
        return new Message(item.id(), item.kind(), item.title(), item.body(), item.createdAt(), item.read(), item.eventId());
    }
}
