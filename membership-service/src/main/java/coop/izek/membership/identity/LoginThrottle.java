package coop.izek.membership.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import coop.izek.support.housekeeping.Retention;
import coop.izek.support.secrets.Secrets;
import coop.izek.support.web.ProblemException;

/**
 * Slows down password guessing, per account and per client address. An attempt is <em>reserved</em> before the
 * password is compared, by one conditional increment in the store that holds only while failures plus attempts in
 * progress stay under the limit: however many guesses arrive in parallel, on any number of instances, no more than
 * the limit are ever checked. Within a {@value #WINDOW_MINUTES}-minute window an account may fail
 * {@value #ACCOUNT_ATTEMPTS} times and an address {@value #ADDRESS_ATTEMPTS} times; then it is locked, for 1, 2, 4 …
 * minutes up to an hour on repeated locks, and the lock memory fades after a quiet day. A success clears the
 * account's failures. Records are keyed by an HMAC of the email or address, never the address itself, and expire by
 * housekeeping.
 */
@Component
class LoginThrottle {

    static final int ACCOUNT_ATTEMPTS = 5;
    static final int ADDRESS_ATTEMPTS = 30;
    static final int WINDOW_MINUTES = 15;
    static final Duration WINDOW = Duration.ofMinutes(WINDOW_MINUTES);
    static final String COLLECTION = "login_throttle";
    private static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    private static final Duration LONGEST_LOCK = Duration.ofHours(1);
    private static final Duration LOCKS_REMEMBERED = Duration.ofHours(24);
    /** How long to wait when the limit is taken by attempts still being checked (not a lock: they may all succeed). */
    private static final Duration BUSY = Duration.ofSeconds(1);

    /** The attempt in progress: what to settle when its password has been compared. */
    record Attempt(String accountKey, String addressKey) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Secrets secrets;

    LoginThrottle(MongoTemplate mongo, Clock clock, Secrets secrets) {
        this.mongo = mongo;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** Reserves the attempt for the account and the address; 429 with how long to wait while either is full or locked. */
    Attempt reserve(String emailKey, String clientAddress) {
        var account = key("account", emailKey);
        var address = clientAddress == null ? null : key("address", clientAddress);
        take(account, ACCOUNT_ATTEMPTS, "this account");
        if (address != null) {
            try {
                take(address, ADDRESS_ATTEMPTS, "your network address");
            } catch (ProblemException refused) {
                // The password was not compared: the account's reservation is given back, not counted as a failure.
                collection().updateOne(Filters.and(Filters.eq("_id", account), Filters.gt("inFlight", 0)), Updates.inc("inFlight", -1));
                throw refused;
            }
        }
        return new Attempt(account, address);
    }

    void succeeded(Attempt attempt) {
        settle(attempt.accountKey(), true, ACCOUNT_ATTEMPTS);
        if (attempt.addressKey() != null) {
            settle(attempt.addressKey(), true, ADDRESS_ATTEMPTS);
        }
    }

    void failed(Attempt attempt) {
        settle(attempt.accountKey(), false, ACCOUNT_ATTEMPTS);
        if (attempt.addressKey() != null) {
            settle(attempt.addressKey(), false, ADDRESS_ATTEMPTS);
        }
    }

    /** Forgets the account's failures and lock (a password reset, staff help, or erasure). */
    void release(String emailKey) {
        collection().deleteOne(Filters.eq("_id", key("account", emailKey)));
    }

    /** One more attempt in progress, if failures and attempts in progress leave room for it in the current window. */
    private void take(String key, int limit, String what) {
        var expires = Date.from(clock.instant().plus(LOCKS_REMEMBERED));
        for (int tries = 0; tries < 10; tries++) {
            var now = clock.instant();
            var unlocked = Filters.or(Filters.exists("lockedUntil", false), Filters.lte("lockedUntil", Date.from(now)));
            var room = Filters.expr(new Document("$lt", List.of(new Document("$add", List.of("$failures", "$inFlight")), limit)));
            var taken = collection().findOneAndUpdate(
                    Filters.and(Filters.eq("_id", key), Filters.gt("windowStart", Date.from(now.minus(WINDOW))), unlocked, room),
                    Updates.combine(Updates.inc("inFlight", 1), Updates.set("expiresAt", expires)));
            if (taken != null) {
                return;
            }
            var existing = collection().find(Filters.eq("_id", key)).first();
            var lockedUntil = existing == null ? null : date(existing, "lockedUntil");
            if (lockedUntil != null && lockedUntil.isAfter(now)) {
                throw locked(what, lockedUntil, now);
            }
            var windowStart = existing == null ? null : date(existing, "windowStart");
            if (windowStart != null && windowStart.isAfter(now.minus(WINDOW))) {
                throw ProblemException.tooManyRequests("too-many-sign-in-attempts", "Too many sign-in attempts for " + what
                        + " at once; try again in a moment.", BUSY);
            }
            try {
                // Only the one that finds the old window over starts the new one; a racer's upsert collides and tries again.
                var started = collection().findOneAndUpdate(
                        Filters.and(Filters.eq("_id", key), Filters.or(Filters.exists("windowStart", false),
                                Filters.lte("windowStart", Date.from(now.minus(WINDOW)))), unlocked),
                        Updates.combine(Updates.set("windowStart", Date.from(now)), Updates.set("failures", 0),
                                Updates.set("inFlight", 1), Updates.set("expiresAt", expires)),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                if (started != null) {
                    return;
                }
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            } catch (DuplicateKeyException raced) {
                // try again above
            }
        }
        throw new IllegalStateException("Could not count a sign-in attempt");
    }

    /** The attempt is over: a success clears the failures, a failure adds one and locks at the limit. */
    private void settle(String key, boolean success, int limit) {
        var update = success ? Updates.combine(Updates.inc("inFlight", -1), Updates.set("failures", 0))
                : Updates.combine(Updates.inc("inFlight", -1), Updates.inc("failures", 1));
        var after = collection().findOneAndUpdate(Filters.and(Filters.eq("_id", key), Filters.gt("inFlight", 0)), update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (!success && after != null && after.getInteger("failures", 0) >= limit) {
            lock(key, after, clock.instant());
        }
    }

    /** Locks once per excess (whoever is first; the others see the lock), doubling on repeated locks. */
    private Instant lock(String key, Document record, Instant now) {
        var lastLock = date(record, "lastLockAt");
        int level = lastLock == null || lastLock.isBefore(now.minus(LOCKS_REMEMBERED)) ? 0 : record.getInteger("lockLevel", 0);
        var duration = FIRST_LOCK.multipliedBy(1L << Math.min(level, 10));
        var until = now.plus(duration.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : duration);
        var locked = collection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", key), Filters.or(Filters.exists("lockedUntil", false),
                        Filters.lte("lockedUntil", Date.from(now)))),
                Updates.combine(Updates.set("lockedUntil", Date.from(until)), Updates.set("lockLevel", level + 1),
                        Updates.set("lastLockAt", Date.from(now)), Updates.set("windowStart", Date.from(until)),
                        Updates.set("failures", 0)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (locked == null) {
            var current = collection().find(Filters.eq("_id", key)).first();
            var existing = current == null ? null : date(current, "lockedUntil");
            return existing != null && existing.isAfter(now) ? existing : until;
        }
        return until;
    }

    private static ProblemException locked(String what, Instant until, Instant now) {
        // Rounded up: a client that waits what it is told finds the lock over.
        var wait = Duration.ofSeconds((Duration.between(now, until).toMillis() + 999) / 1000);
        return ProblemException.tooManyRequests("too-many-sign-in-attempts", "Too many sign-in attempts for " + what
                + "; try again in " + Math.max(1, wait.toSeconds()) + " seconds, or reset the password by email.", wait);
    }

    /** Records keyed by an HMAC: the store never holds the email or address these limits are about. */
    private String key(String kind, String value) {
        return kind + ":" + secrets.fingerprint("login-throttle", value);
    }

    private static Instant date(Document record, String field) {
        var date = record.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private com.mongodb.client.MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Housekeeping {

        /** A record is kept a day past its last attempt, to remember repeated locks; then it goes. */
        @Bean
        Retention loginThrottleRetention() {
            return Retention.of(COLLECTION, "expiresAt", Duration.ZERO);
        }
    }
}
