package coop.izek.notification.reminders;

import java.time.Clock;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import coop.izek.events.WorkshopEvents;
import coop.izek.notification.delivery.Deliveries;
import coop.izek.notification.directory.Directory;
import coop.izek.notification.messages.Notices;
import coop.izek.support.messaging.IncomingEvent;

/**
 * Reminds every group holding places of each session of their workshop, a day ahead. Which groups hold places is
 * learnt from workshop events. A reminder is a delivery like any other, with an id made of the session and the
 * enrolment, so however many instances look at the same time, each reminder goes once; a marker on the enrolment
 * then spares later looks the work.
 */
@Service
public class SessionReminders {

    public static final String EVENT_TYPE = "coop.izek.notification.session-reminder";

    /** A group holding places; once cancelled it stays cancelled, whatever arrives late. */
    @Document("reminder_enrolments")
    record HeldPlaces(@Id String enrolmentId, String workshopId, String enrolleeId, List<WorkshopEvents.Participant> participants,
                      boolean active, List<String> remindedSessions) {
    }

    private final MongoTemplate mongo;
    private final Directory directory;
    private final Notices notices;
    private final Deliveries deliveries;
    private final ReminderProperties properties;
    private final Clock clock;

    SessionReminders(MongoTemplate mongo, Directory directory, Notices notices, Deliveries deliveries, ReminderProperties properties,
                     Clock clock) {
        this.mongo = mongo;
        this.directory = directory;
        this.notices = notices;
        this.deliveries = deliveries;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What a batch of workshop events teaches about who holds places, written in one ordered bulk write: a group's
     * confirmation and its cancellation in the same batch are applied in the order they came.
     */
    public final class Tracking {

        private BulkOperations pending;

        /** Learns who holds places from a workshop event; other events are ignored. */
        public Tracking add(IncomingEvent event) {
            if (event.is(WorkshopEvents.ENROLMENT_CONFIRMED)) {
                var e = event.data(WorkshopEvents.ENROLMENT_CONFIRMED);
                holds(e.enrolmentId(), e.workshopId(), e.enrolleeId(), e.participants());
            } else if (event.is(WorkshopEvents.ENROLMENT_PROMOTED)) {
                var e = event.data(WorkshopEvents.ENROLMENT_PROMOTED);
                holds(e.enrolmentId(), e.workshopId(), e.enrolleeId(), e.participants());
            } else if (event.is(WorkshopEvents.ENROLMENT_CANCELLED)) {
                var e = event.data(WorkshopEvents.ENROLMENT_CANCELLED);
                bulk().upsert(Query.query(Criteria.where("_id").is(e.enrolmentId())), Update.update("active", false)
                        .setOnInsert("workshopId", e.workshopId()).setOnInsert("enrolleeId", e.enrolleeId()));
            } else if (event.is(WorkshopEvents.WORKSHOP_CANCELLED)) {
                var e = event.data(WorkshopEvents.WORKSHOP_CANCELLED);
                bulk().updateMulti(Query.query(Criteria.where("workshopId").is(e.workshopId())), Update.update("active", false));
            }
            return this;
        }

        /** Writes what was learnt since the last write. */
        public void write() {
            if (pending != null) {
                var writing = pending;
                pending = null;
                writing.execute();
            }
        }

        private void holds(String enrolmentId, String workshopId, String enrolleeId, List<WorkshopEvents.Participant> participants) {
            // Only a first sighting makes it active: a confirmation replayed after the cancellation does not revive it.
            bulk().upsert(Query.query(Criteria.where("_id").is(enrolmentId)), new Update().setOnInsert("active", true)
                    .set("workshopId", workshopId).set("enrolleeId", enrolleeId).set("participants", participants));
        }

        private BulkOperations bulk() {
            if (pending == null) {
                pending = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, HeldPlaces.class);
            }
            return pending;
        }
    }

    @Scheduled(fixedDelayString = "${izek.notification.reminders.check:PT1M}")
    public void remindComingSessions() {
        var now = clock.instant();
        var horizon = now.plus(properties.lead());
        for (var workshop : directory.workshopsWithSessionsBetween(now, horizon)) {
            for (var session : workshop.sessions()) {
                if (session.start().isAfter(now) && !session.start().isAfter(horizon)) {
                    remind(workshop, session);
                }
            }
        }
    }

    private void remind(Directory.Workshop workshop, Directory.Workshop.Session session) {
        var sessionKey = workshop.workshopId() + ":" + session.sessionId();
        var due = Query.query(Criteria.where("workshopId").is(workshop.workshopId()).and("active").is(true)
                .and("remindedSessions").ne(sessionKey));
        for (var held : mongo.find(due, HeldPlaces.class)) {
            var reminderId = "session-reminder:" + sessionKey + ":" + held.enrolmentId();
            deliveries.plan(reminderId, EVENT_TYPE, List.of(notices.sessionReminder(workshop.title(), session.start(), held.enrolleeId(),
                    held.participants())));
            mongo.updateFirst(Query.query(Criteria.where("_id").is(held.enrolmentId())), new Update().addToSet("remindedSessions", sessionKey),
                    HeldPlaces.class);
        }
    }

    /** The person is erased: nothing reminds them any more. */
    public void forget(String personId) {
        mongo.remove(Query.query(Criteria.where("enrolleeId").is(personId)), HeldPlaces.class);
    }
}
