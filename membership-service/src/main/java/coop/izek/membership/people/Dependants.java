package coop.izek.membership.people;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import coop.izek.support.outbox.Outbox;
import coop.izek.support.outbox.OutboxEvent;
import coop.izek.support.web.ProblemException;

/** Guardians' dependants: children, who never get accounts of their own. */
@Service
public class Dependants {

    public record DependantView(String id, String guardianId, String fullName, LocalDate birthDate, Instant addedAt) {
    }

    static final int ADULT_AGE = 18;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Clock clock;

    Dependants(MongoTemplate mongo, Outbox outbox, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A guardian adds a child (under 18, born already). */
    public String addDependant(String guardianId, String fullName, LocalDate birthDate) {
        var today = LocalDate.now(clock);
        if (birthDate.isAfter(today)) {
            throw ProblemException.ruleViolated("birth-date-in-future", "A birth date cannot be in the future.");
        }
        if (Period.between(birthDate, today).getYears() >= ADULT_AGE) {
            throw ProblemException.ruleViolated("dependant-not-a-child",
                    "Dependants are children under " + ADULT_AGE + "; adults register an account of their own.");
        }
        var addition = Dependant.add(guardianId, fullName, birthDate, clock.instant());
        outbox.insert(addition.dependant(), addition.events());
        return addition.dependant().aggregateId();
    }

    public List<DependantView> dependantsOf(String guardianId) {
        return mongo.find(Query.query(Criteria.where("guardianId").is(guardianId).and("erased").ne(true)).with(Sort.by("addedAt")),
                Dependant.class).stream().map(Dependant::view).toList();
    }

    /**
     * Anonymises a guardian's dependants, dropping any of their events not published yet (they would only carry
     * what is being forgotten; the guardian's erasure names the children instead); returns their ids. Repeating it
     * changes nothing.
     */
    public List<String> eraseDependantsOf(String guardianId) {
        var ids = mongo.find(Query.query(Criteria.where("guardianId").is(guardianId)), Dependant.class).stream()
                .map(Dependant::aggregateId).toList();
        mongo.updateMulti(Query.query(Criteria.where("guardianId").is(guardianId)),
                new Update().set("fullName", "—").unset("birthDate").set("erased", true).set(OutboxEvent.FIELD, List.of()),
                Dependant.class);
        return ids;
    }
}
