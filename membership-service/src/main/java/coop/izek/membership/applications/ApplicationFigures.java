package coop.izek.membership.applications;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import coop.izek.support.observability.Figures;

/** Membership applications waiting for the board. */
@Component
class ApplicationFigures {

    ApplicationFigures(Figures figures, MongoTemplate mongo) {
        figures.register("izek.membership.applications.pending", "Membership applications waiting for a decision",
                () -> mongo.count(Query.query(Criteria.where("status").is(ApplicationStatus.PENDING)), Application.class));
    }
}
