package coop.izek.workshop.projects;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import coop.izek.events.ProjectEvents;
import coop.izek.support.cooperative.CooperativeProperties;
import coop.izek.support.messaging.IncomingEvent;
import coop.izek.support.messaging.LatestEvent;
import coop.izek.support.web.ProblemException;

/**
 * The projects that may fund workshops, as project events describe them: a workshop links to a GRANTED or RUNNING
 * project the cooperative takes part in, by the project's staff or an educator the project assigned; its places are
 * free while the project stays so. Every write is keyed by the project id; the status keeps the latest event's.
 */
@Service
public class FundingProjects {

    @Document("funding_projects")
    record FundingProject(@Id String projectId, String acronym, String status, Instant statusAt, List<String> organisationIds,
                          List<String> educators) {
        boolean isFunded() {
            return "GRANTED".equals(status) || "RUNNING".equals(status);
        }
    }

    private final MongoTemplate mongo;
    private final CooperativeProperties cooperative;

    FundingProjects(MongoTemplate mongo, CooperativeProperties cooperative) {
        this.mongo = mongo;
        this.cooperative = cooperative;
    }

    /** Refuses (422) a link to a project that does not fund the cooperative's workshops, or from someone it did not assign. */
    public void requireLinkable(String projectId, String educatorPersonId, boolean staff) {
        var project = mongo.findById(projectId, FundingProject.class);
        if (project == null) {
            throw ProblemException.ruleViolated("unknown-project", "There is no project " + projectId + ".");
        }
        if (!project.isFunded()) {
            throw ProblemException.ruleViolated("project-not-funded", "Project " + project.acronym() + " is " + project.status()
                    + "; only a GRANTED or RUNNING project funds workshops.");
        }
        if (!project.organisationIds().contains(cooperative.organisationId())) {
            throw ProblemException.ruleViolated("cooperative-not-a-partner", "The cooperative is not in project " + project.acronym()
                    + "'s consortium.");
        }
        if (!staff && (project.educators() == null || !project.educators().contains(educatorPersonId))) {
            throw ProblemException.ruleViolated("not-assigned-to-project", "Only the project's staff or an educator assigned to "
                    + project.acronym() + " link workshops to it.");
        }
    }

    /** Whether the project pays for places now (GRANTED or RUNNING, with the cooperative in it). */
    public boolean funds(String projectId) {
        var project = projectId == null ? null : mongo.findById(projectId, FundingProject.class);
        return project != null && project.isFunded() && project.organisationIds().contains(cooperative.organisationId());
    }

    public boolean handles(IncomingEvent event) {
        return event.is(ProjectEvents.PROJECT_CREATED) || event.is(ProjectEvents.PROJECT_STATUS_CHANGED)
                || event.is(ProjectEvents.PARTNER_ADDED) || event.is(ProjectEvents.EDUCATOR_ASSIGNED);
    }

    public void apply(IncomingEvent event) {
        var at = event.time().toInstant();
        if (event.is(ProjectEvents.PROJECT_CREATED)) {
            var e = event.data(ProjectEvents.PROJECT_CREATED);
            mongo.upsert(byId(e.projectId()), Update.update("acronym", e.acronym()).addToSet("organisationIds", e.coordinatorOrganisationId()),
                    FundingProject.class);
            // The status of the latest event about it: a replayed older one does not undo a later step.
            LatestEvent.upsert(mongo, FundingProject.class, e.projectId(), "statusAt", at, Update.update("status", e.status()));
        } else if (event.is(ProjectEvents.PROJECT_STATUS_CHANGED)) {
            var e = event.data(ProjectEvents.PROJECT_STATUS_CHANGED);
            mongo.upsert(byId(e.projectId()), Update.update("acronym", e.acronym()), FundingProject.class);
            LatestEvent.upsert(mongo, FundingProject.class, e.projectId(), "statusAt", at, Update.update("status", e.to()));
        } else if (event.is(ProjectEvents.PARTNER_ADDED)) {
            var e = event.data(ProjectEvents.PARTNER_ADDED);
            mongo.upsert(byId(e.projectId()), new Update().set("acronym", e.acronym()).addToSet("organisationIds", e.organisationId()),
                    FundingProject.class);
        } else if (event.is(ProjectEvents.EDUCATOR_ASSIGNED)) {
            var e = event.data(ProjectEvents.EDUCATOR_ASSIGNED);
            mongo.upsert(byId(e.projectId()), new Update().set("acronym", e.acronym()).addToSet("educators", e.personId()),
                    FundingProject.class);
        }
    }

    /** An erased educator is no longer assigned anywhere. */
    public void forgetEducator(String personId) {
        mongo.updateMulti(Query.query(Criteria.where("educators").is(personId)), new Update().pull("educators", personId), FundingProject.class);
    }

    private static Query byId(String projectId) {
        return Query.query(Criteria.where("_id").is(projectId));
    }
}
