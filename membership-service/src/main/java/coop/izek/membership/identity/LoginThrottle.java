package coop.izek.membership.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import coop.izek.support.web.ProblemException;

/**
 * Slows down password guessing: after {@value #FREE_ATTEMPTS} failed sign-ins in a row for one email, further
 * attempts are refused for a lock that doubles each time (1, 2, 4 … up to 60 minutes). A success clears it.
 * Counted in the store with atomic increments, so every instance and every parallel guess counts.
 */
@Component
class LoginThrottle {

    static final int FREE_ATTEMPTS = 5;
    static final String COLLECTION = "login_failures";
    private static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    private static final Duration LONGEST_LOCK = Duration.ofHours(1);

    private final MongoTemplate mongo;
    private final Clock clock;

    LoginThrottle(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Refuses with 429 while the email is locked. */
    void checkAllowed(String emailKey) {
        var record = mongo.getCollection(COLLECTION).find(Filters.eq("_id", emailKey)).first();
        var lockedUntil = record == null ? null : record.getDate("lockedUntil");
        if (lockedUntil != null && lockedUntil.toInstant().isAfter(clock.instant())) {
            throw locked(lockedUntil.toInstant());
        }
    }

    void failed(String emailKey) {
        var record = mongo.getCollection(COLLECTION).findOneAndUpdate(Filters.eq("_id", emailKey),
                Updates.combine(Updates.inc("failures", 1), Updates.set("lastFailureAt", Date.from(clock.instant()))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        int failures = record == null ? 1 : record.getInteger("failures", 1);
        if (failures >= FREE_ATTEMPTS) {
            int extra = Math.min(failures - FREE_ATTEMPTS, 10);
            var lock = FIRST_LOCK.multipliedBy(1L << extra);
            var until = clock.instant().plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
            mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", emailKey), Updates.set("lockedUntil", Date.from(until)));
        }
    }

    void succeeded(String emailKey) {
        mongo.getCollection(COLLECTION).deleteOne(Filters.eq("_id", emailKey));
    }

    private ProblemException locked(Instant until) {
        long seconds = Math.max(1, Duration.between(clock.instant(), until).toSeconds());
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-in-attempts", "Too many attempts",
                "Too many failed sign-ins for this account; try again in " + seconds + " seconds.",
                Map.of("retryAfterSeconds", seconds));
    }

}
