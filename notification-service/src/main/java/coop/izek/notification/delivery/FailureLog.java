package coop.izek.notification.delivery;

import java.time.Clock;
import java.time.Instant;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;

/** Deliveries that failed after their retries, for staff to look into and send again. */
@Service
public class FailureLog {

    public record Failure(String id, String causeEventId, String causeEventType, String kind, String channel, String personId,
                          String organisationId, int attempts, String reason, Instant failedAt) {
    }

    private final MongoTemplate mongo;
    private final Dispatcher dispatcher;
    private final Clock clock;

    FailureLog(MongoTemplate mongo, Dispatcher dispatcher, Clock clock) {
        this.mongo = mongo;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public PageResponse<Failure> page(int page, int size) {
        var query = Query.query(Criteria.where("status").is(DeliveryStatus.FAILED));
        long total = mongo.count(query, Delivery.class);
        var items = mongo.find(query.with(Sort.by(Sort.Direction.DESC, "failedAt")).skip((long) page * size).limit(size), Delivery.class)
                .stream().map(d -> new Failure(d.id, d.eventId, d.eventType, d.kind, d.channel.name(), d.personId, d.organisationId,
                        d.attempts, d.lastError, d.failedAt)).toList();
        return new PageResponse<>(items, page, size, total);
    }

    /** Sends a failed delivery again, with a fresh set of attempts; only a FAILED one, and only once per replay. */
    public void replay(String deliveryId) {
        var now = clock.instant();
        var replayed = mongo.findAndModify(Query.query(Criteria.where("_id").is(deliveryId).and("status").is(DeliveryStatus.FAILED)),
                new Update().set("status", DeliveryStatus.PENDING).set("attempts", 0).set("notBefore", now)
                        .unset("failedAt"), Delivery.class);
        if (replayed == null) {
            if (mongo.findById(deliveryId, Delivery.class) == null) {
                throw ProblemException.notFound("delivery", deliveryId);
            }
            throw ProblemException.conflict("not-failed", "Only a failed delivery is replayed; this one is not (or no longer) failed.");
        }
        dispatcher.expect(replayed.channel, deliveryId, now);
        dispatcher.wake();
    }
}
