package coop.izek.workshop.workshops;

import java.util.List;
import java.util.function.Function;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import coop.izek.events.DomainEvent;
import coop.izek.workshop.directory.Directory;
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
    private final Directory directory;

    WorkshopChanges(MongoTemplate mongo, Outbox outbox, Directory directory) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.directory = directory;
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

    /**
     * The caller runs the workshop (its educator, while an ACTIVE educator member) or is staff; others do not see drafts
     * and may not act. An educator who was suspended, resigned or expelled keeps no access to their workshops or
     * their participants: staff hand the workshop to another educator or cancel it.
     */
    void requireOwner(Workshop workshop, String callerId, boolean staff) {
        if (staff) {
            return;
        }
        if (workshop.isOwnedBy(callerId)) {
            if (directory.member(callerId).filter(Directory.Member::isActiveEducator).isEmpty()) {
                throw ProblemException.forbidden("Your membership is not ACTIVE, so your workshops are in staff's hands for now.");
            }
            return;
        }
        if (workshop.status == WorkshopStatus.DRAFT) {
            throw ProblemException.notFound("workshop", workshop.id);
        }
        throw ProblemException.forbidden("Only the workshop's educator or staff do this.");
    }
}
