package coop.izek.workshop.workshops;

import java.util.List;
import java.util.function.Function;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import coop.izek.events.DomainEvent;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.web.ProblemException;

/**
 * Changes a workshop by a decision of the aggregate: load, decide, save state and events together if nobody
 * changed the workshop meanwhile, otherwise decide again on fresh state. So a freed seat, a solidarity seat or a
 * completion is given out exactly once, however many requests race.
 */
@Component
class WorkshopChanges {

    private static final int MAX_ATTEMPTS = 50;

    private final MongoTemplate mongo;
    private final Outbox outbox;

    WorkshopChanges(MongoTemplate mongo, Outbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /** Applies {@code decision} (which may refuse with a problem) and returns the workshop as saved. */
    Workshop change(String workshopId, Function<Workshop, List<? extends DomainEvent<?>>> decision) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var workshop = mongo.findById(workshopId, Workshop.class);
            if (workshop == null) {
                throw ProblemException.notFound("workshop", workshopId);
            }
            var events = decision.apply(workshop);
            try {
                return outbox.save(workshop, events);
            } catch (OptimisticLockingFailureException concurrentChange) {
                // someone enrolled, cancelled or decided meanwhile: decide again
            }
        }
        throw ProblemException.conflict("busy", "The workshop is changing quickly; try again.");
    }

    /** The caller runs the workshop (its educator) or is staff; others do not see drafts and may not act. */
    static void requireOwner(Workshop workshop, String callerId, boolean staff) {
        if (staff || workshop.isOwnedBy(callerId)) {
            return;
        }
        if (workshop.status == WorkshopStatus.DRAFT) {
            throw ProblemException.notFound("workshop", workshop.id);
        }
        throw ProblemException.forbidden("Only the workshop's educator or staff do this.");
    }
}
