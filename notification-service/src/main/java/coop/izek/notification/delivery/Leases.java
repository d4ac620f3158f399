package coop.izek.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The leases of the deliveries this instance is sending, renewed while it is at work. A claim's lease is what keeps
 * other instances from taking it over, so it has to outlast the slowest send (a mail server may take a minute to
 * answer); renewed, it can be short, and a dead instance's claims are taken over soon after it died, not minutes later.
 */
@Component
class Leases {

    private static final Logger log = LoggerFactory.getLogger(Leases.class);

    /** A claim in hand: the attempt it is (a renewal holds only for that one) and its lease's end as last written. */
    static final class Claim {
        final String id;
        final int attempts;
        volatile Instant until;

        private Claim(String id, int attempts, Instant until) {
            this.id = id;
            this.attempts = attempts;
            this.until = until;
        }
    }

    private final Map<String, Claim> inHand = new ConcurrentHashMap<>();
    private final MongoTemplate mongo;
    private final DeliveryProperties properties;
    private final Clock clock;

    Leases(MongoTemplate mongo, DeliveryProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    Instant newLease(Instant now) {
        return now.plus(properties.lease());
    }

    /** A claim just made by this instance, kept leased until {@link #release}. */
    Claim hold(Delivery delivery) {
        var claim = new Claim(delivery.id, delivery.attempts, delivery.leaseUntil);
        inHand.put(claim.id, claim);
        return claim;
    }

    void release(Claim claim) {
        inHand.remove(claim.id, claim);
    }

    /** Moves each claim's lease on, if the claim is still that attempt's; one the store cannot reach keeps its old end. */
    @Scheduled(fixedDelayString = "${izek.notification.delivery.lease-renewal:PT5S}")
    void renew() {
        var deliveries = mongo.getCollection(mongo.getCollectionName(Delivery.class));
        for (var claim : inHand.values()) {
            var until = newLease(clock.instant());
            try {
                var renewed = deliveries.updateOne(new Document("_id", claim.id).append("status", DeliveryStatus.SENDING.name())
                        .append("attempts", claim.attempts), new Document("$set", new Document("leaseUntil", Date.from(until))));
                if (renewed.getMatchedCount() == 1) {
                    claim.until = until;
                }
            } catch (RuntimeException e) {
                log.warn("The lease of delivery {} could not be renewed (it ends at {}): {}", claim.id, claim.until, e.toString());
            }
        }
    }
}
