package coop.izek.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import coop.izek.notification.NotificationIntegrationTest;
import coop.izek.notification.messages.Channel;
import coop.izek.testsupport.TestClock;

/**
 * A claim's lease against what other instances see in the store: while its sender holds it, renewals keep it from
 * them past the lease's first end; once the sender lets go (done, or dead), it lapses a lease later. Asked with the
 * dispatcher's own criterion for what may be claimed.
 */
@NotificationIntegrationTest
class LeaseRenewalIntegrationTest {

    @Autowired
    Leases leases;

    @Autowired
    DeliveryProperties properties;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldKeepAClaimFromOtherInstancesWhileItsSenderHoldsItAndLetItLapseAfter() {
        var delivery = claimed();
        var claim = leases.hold(delivery);
        try {
            // Past the lease it was claimed with. (The scheduled renewal may run meanwhile too: it renews as this does.)
            clock.advance(properties.lease().plusSeconds(1));
            leases.renew();
            assertThat(claimableElsewhere(delivery)).as("renewed while held, past its first end").isFalse();
            assertThat(claim.until).isAfter(clock.instant());
        } finally {
            leases.release(claim);
        }
        clock.advance(properties.lease().plusSeconds(1));
        leases.renew();
        assertThat(claimableElsewhere(delivery)).as("a lease after its sender let go").isTrue();
    }

    /** Another instance took the lapsed claim over: the first one's renewal must not lengthen the new owner's lease. */
    @Test
    void shouldNotRenewAClaimAnotherInstanceHasTakenOver() {
        var delivery = claimed();
        var claim = leases.hold(delivery);
        try {
            var theirs = Date.from(clock.instant().plus(Duration.ofSeconds(7)));
            deliveries().updateOne(new Document("_id", delivery.id), new Document("$set", new Document("attempts", 2)
                    .append("leaseUntil", theirs)));
            clock.advance(Duration.ofSeconds(1));
            leases.renew();
            assertThat(deliveries().find(new Document("_id", delivery.id)).first().getDate("leaseUntil")).isEqualTo(theirs);
        } finally {
            leases.release(claim);
        }
    }

    /** A delivery as {@code Dispatcher.claim} leaves it: sending, one attempt, leased from now. */
    private Delivery claimed() {
        var delivery = new Delivery();
        delivery.id = "lease-" + UUID.randomUUID();
        delivery.channel = Channel.EMAIL;
        delivery.personId = UUID.randomUUID().toString();
        delivery.status = DeliveryStatus.SENDING;
        delivery.attempts = 1;
        delivery.leaseUntil = leases.newLease(clock.instant());
        mongo.insert(delivery);
        return delivery;
    }

    private boolean claimableElsewhere(Delivery delivery) {
        return mongo.exists(Query.query(new Criteria().andOperator(Criteria.where("_id").is(delivery.id),
                Dispatcher.due(clock.instant()))), Delivery.class);
    }

    private com.mongodb.client.MongoCollection<Document> deliveries() {
        return mongo.getCollection(mongo.getCollectionName(Delivery.class));
    }
}
