package coop.izek.project.deliverables;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import coop.izek.support.observability.Figures;

/** Deliverables past their due date and not handed in, the figure project coordinators are chased on. */
@Component
class DeliverableFigures {

    DeliverableFigures(Figures figures, MongoTemplate mongo, Clock clock) {
        figures.register("izek.project.deliverables.overdue", "Deliverables past their due date and not yet submitted",
                () -> mongo.count(Query.query(Criteria.where("status").in(DeliverableDeadlines.OUTSTANDING)
                        .and("dueDate").lt(LocalDate.now(clock.withZone(DeliverableDeadlines.ISTANBUL)))), Deliverable.class));
    }
}
