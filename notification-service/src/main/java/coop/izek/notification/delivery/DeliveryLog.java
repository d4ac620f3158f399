package coop.izek.notification.delivery;

import java.time.Instant;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import coop.izek.notification.messages.Channel;
import coop.izek.support.web.PageResponse;

/** Every delivery with how it went, newest first, for staff answering "did they get it?". */
@Service
public class DeliveryLog {

    public record Entry(String id, String causeEventId, String causeEventType, String kind, Channel channel, String personId,
                        String organisationId, String status, int attempts, String address, String subject, String note,
                        String lastError, Instant createdAt, Instant sentAt, Instant failedAt) {
    }

    public record Filter(String personId, String organisationId, Channel channel, DeliveryStatus status) {
    }

    private final MongoTemplate mongo;

    DeliveryLog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public PageResponse<Entry> page(Filter filter, int page, int size) {
        var criteria = new Criteria();
        if (filter.personId() != null) {
            criteria = criteria.and("personId").is(filter.personId());
        }
        if (filter.organisationId() != null) {
            criteria = criteria.and("organisationId").is(filter.organisationId());
        }
        if (filter.channel() != null) {
            criteria = criteria.and("channel").is(filter.channel());
        }
        if (filter.status() != null) {
            criteria = criteria.and("status").is(filter.status());
        }
        var query = Query.query(criteria);
        long total = mongo.count(query, Delivery.class);
        var items = mongo.find(query.with(Sort.by(Sort.Direction.DESC, "createdAt")).skip((long) page * size).limit(size), Delivery.class)
                .stream().map(d -> new Entry(d.id, d.eventId, d.eventType, d.kind, d.channel, d.personId, d.organisationId, d.status.name(),
                        d.attempts, d.address, d.subject, d.note, d.lastError, d.createdAt, d.sentAt, d.failedAt)).toList();
        return new PageResponse<>(items, page, size, total);
    }
}
