package coop.izek.support.sample;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A write that is not idempotent by itself: every call books anew, under a fresh id. */
@RestController
class SampleBookings {

    static final String COLLECTION = "sample_bookings";
    /** Held by a test to keep a booking running while another request comes in; {@code entered} says one is. */
    static volatile CountDownLatch hold = new CountDownLatch(0);
    static volatile CountDownLatch entered = new CountDownLatch(1);

    record Booking(String seat) {
    }

    private final MongoTemplate mongo;

    SampleBookings(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @PostMapping("/samples/bookings/{workshop}")
    ResponseEntity<Map<String, Object>> book(@PathVariable String workshop, @RequestBody Booking booking) throws InterruptedException {
        entered.countDown();
        if (!hold.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("held too long");
        }
        var id = UUID.randomUUID().toString();
        mongo.getCollection(COLLECTION).insertOne(new Document("_id", id).append("workshop", workshop).append("seat", booking.seat()));
        if ("broken".equals(booking.seat())) {
            throw new IllegalStateException("the seat broke after it was booked");
        }
        return ResponseEntity.created(java.net.URI.create("/samples/bookings/" + workshop + "/" + id))
                .body(Map.of("id", id, "seat", booking.seat()));
    }

    long count(String workshop) {
        return mongo.getCollection(COLLECTION).countDocuments(new Document("workshop", workshop));
    }
}
