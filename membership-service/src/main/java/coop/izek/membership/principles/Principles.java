package coop.izek.membership.principles;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import coop.izek.events.MembershipEvents;
import coop.izek.events.MembershipEvents.PrinciplesPublished;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.web.ProblemException;

/** The versioned vision, mission and principles, and who accepted which version. */
@Service
public class Principles {

    public record Current(int version, Map<String, String> text, Instant publishedAt) {
    }

    public record AcceptanceRecord(String personId, int version, Instant acceptedAt, String occasion) {
    }

    static final Set<String> LANGUAGES = Set.of("tr", "en");

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Clock clock;

    Principles(MongoTemplate mongo, Outbox outbox, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Current current() {
        var latest = mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "version")).limit(1), PrinciplesVersion.class);
        if (latest == null) {
            throw ProblemException.notFound("principles version", "current");
        }
        return new Current(latest.version(), latest.text(), latest.publishedAt());
    }

    public Current version(int version) {
        var found = mongo.findOne(Query.query(Criteria.where("version").is(version)), PrinciplesVersion.class);
        if (found == null) {
            throw ProblemException.notFound("principles version", Integer.toString(version));
        }
        return new Current(found.version(), found.text(), found.publishedAt());
    }

    public int currentVersion() {
        return current().version();
    }

    /** Publishes the next version (both languages required); concurrent publishers get consecutive numbers. */
    public int publish(Map<String, String> text, String publishedBy) {
        if (!text.keySet().containsAll(LANGUAGES) || text.values().stream().anyMatch(t -> t == null || t.isBlank())) {
            throw ProblemException.ruleViolated("principles-text-incomplete", "The principles need a Turkish (tr) and an English (en) text.");
        }
        while (true) {
            var latest = mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "version")).limit(1), PrinciplesVersion.class);
            int next = latest == null ? 1 : latest.version() + 1;
            try {
                insertVersion(next, text, publishedBy);
                return next;
            } catch (DuplicateKeyException taken) {
                // another publisher took this number; take the next
            }
        }
    }

    /** Version 1, unless it exists (instances starting together all end up with the one version 1). */
    void publishFirstVersion(Map<String, String> text, String publishedBy) {
        try {
            insertVersion(1, text, publishedBy);
        } catch (DuplicateKeyException seededAlready) {
            // another instance seeded it
        }
    }

    private void insertVersion(int version, Map<String, String> text, String publishedBy) {
        outbox.insert(new PrinciplesVersion(version, text, clock.instant(), publishedBy),
                List.of(MembershipEvents.PRINCIPLES_PUBLISHED.of(Integer.toString(version), new PrinciplesPublished(version))));
    }

    /** Records that the person accepts {@code version}; accepting the same version again changes nothing. */
    public void accept(String personId, int version, String occasion) {
        if (!mongo.exists(Query.query(Criteria.where("version").is(version)), PrinciplesVersion.class)) {
            throw ProblemException.notFound("principles version", Integer.toString(version));
        }
        try {
            mongo.insert(new Acceptance(Acceptance.idFor(personId, version), personId, version, clock.instant(), occasion));
        } catch (DuplicateKeyException alreadyAccepted) {
            // the first acceptance is the one on record
        }
    }

    public boolean hasAccepted(String personId, int version) {
        return mongo.exists(Query.query(Criteria.where("_id").is(Acceptance.idFor(personId, version))), Acceptance.class);
    }

    public List<AcceptanceRecord> acceptancesOf(String personId) {
        return mongo.find(Query.query(Criteria.where("personId").is(personId)).with(Sort.by("version")), Acceptance.class)
                .stream().map(a -> new AcceptanceRecord(a.personId(), a.version(), a.acceptedAt(), a.occasion())).toList();
    }

    /** Of these people, those who have not accepted the current version. */
    public List<String> notAcceptingCurrent(List<String> personIds) {
        int version = currentVersion();
        var accepted = mongo.find(Query.query(Criteria.where("version").is(version).and("personId").in(personIds)), Acceptance.class)
                .stream().map(Acceptance::personId).collect(java.util.stream.Collectors.toSet());
        return personIds.stream().filter(id -> !accepted.contains(id)).toList();
    }
}
