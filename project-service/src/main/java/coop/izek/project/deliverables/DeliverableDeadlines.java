package coop.izek.project.deliverables;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import coop.izek.events.DomainEvent;
import coop.izek.events.ProjectEvents;
import coop.izek.project.projects.Projects;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.outbox.OutboxEvent;

/**
 * Announces deliverables of granted and running projects that fall due within a week, and those whose due date
 * passed before they were submitted: once per deliverable and due date. The announcement is a conditional update
 * that records the date it was made for and stores the event in the same write, so however many instances run the
 * job at once, one of them makes it; a moved due date no longer matches the recorded one and is announced again.
 */
@Component
class DeliverableDeadlines {

    static final int DUE_SOON_DAYS = 7;
    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    static final List<DeliverableStatus> OUTSTANDING = List.of(DeliverableStatus.PENDING, DeliverableStatus.DRAFT);

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Projects projects;
    private final Clock clock;

    DeliverableDeadlines(MongoTemplate mongo, Outbox outbox, Projects projects, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.projects = projects;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${izek.projects.deadlines.check:PT1M}", initialDelayString = "${izek.projects.deadlines.check:PT1M}")
    void check() {
        var today = LocalDate.now(clock.withZone(ISTANBUL));
        for (var project : projects.funded()) {
            var outstanding = Criteria.where("projectId").is(project.id()).and("status").in(OUTSTANDING);
            var dueSoon = mongo.find(Query.query(outstanding).addCriteria(Criteria.where("dueDate").gte(today).lte(today.plusDays(DUE_SOON_DAYS))),
                    Deliverable.class);
            for (var deliverable : dueSoon) {
                announce(deliverable, "dueSoonAnnouncedFor", deliverable.dueSoonAnnouncedFor, d -> ProjectEvents.DELIVERABLE_DUE_SOON.of(d.projectId,
                        new ProjectEvents.DeliverableDueSoon(d.projectId, d.acronym, d.code, d.title, d.dueDate, d.responsibleOrganisationId,
                                d.status.name())));
            }
            var overdue = mongo.find(Query.query(Criteria.where("projectId").is(project.id()).and("status").in(OUTSTANDING)
                    .and("dueDate").lt(today)), Deliverable.class);
            for (var deliverable : overdue) {
                announce(deliverable, "overdueAnnouncedFor", deliverable.overdueAnnouncedFor, d -> ProjectEvents.DELIVERABLE_OVERDUE.of(d.projectId,
                        new ProjectEvents.DeliverableOverdue(d.projectId, d.acronym, d.code, d.title, d.dueDate, d.responsibleOrganisationId,
                                d.status.name())));
            }
        }
    }

    /** Records that this due date was announced, with the announcement, unless it was (or the deliverable moved on). */
    private void announce(Deliverable deliverable, String announcedFor, LocalDate announcedBefore,
                          Function<Deliverable, DomainEvent<?>> event) {
        if (deliverable.dueDate.equals(announcedBefore)) {
            return;
        }
        var stillAsRead = Query.query(Criteria.where("_id").is(deliverable.id).and("dueDate").is(deliverable.dueDate)
                .and("status").is(deliverable.status).and(announcedFor).ne(deliverable.dueDate));
        // The version moves too, so a status change decided on the state before this write is decided again.
        var update = new Update().set(announcedFor, deliverable.dueDate).inc("version", 1)
                .push(OutboxEvent.FIELD, outbox.toOutboxEvent(event.apply(deliverable)));
        if (mongo.updateFirst(stillAsRead, update, Deliverable.class).getModifiedCount() == 1) {
            outbox.afterWrite(Deliverable.class, deliverable.id);
        }
    }
}
