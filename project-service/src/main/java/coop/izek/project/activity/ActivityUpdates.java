package coop.izek.project.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import coop.izek.events.WorkshopEvents;
import coop.izek.project.activity.ActivityRecords.ActivityWorkshop;
import coop.izek.project.activity.ActivityRecords.CompletedParticipant;
import coop.izek.project.activity.ActivityRecords.Place;
import coop.izek.project.activity.ActivityRecords.Session;
import coop.izek.support.messaging.IncomingEvent;
import coop.izek.support.messaging.LatestEvent;

/**
 * Workshop events into the activity records. Every write is an upsert by the event's own ids, and a place or a
 * session keeps the state of the latest event about it (by event time), so a redelivered, replayed or late event
 * never counts twice nor undoes a later one.
 */
@Component
public class ActivityUpdates {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    private final MongoTemplate mongo;
    private final ParticipantKeys keys;

    ActivityUpdates(MongoTemplate mongo, ParticipantKeys keys) {
        this.mongo = mongo;
        this.keys = keys;
    }

    public boolean handles(IncomingEvent event) {
        return event.is(WorkshopEvents.WORKSHOP_PUBLISHED) || event.is(WorkshopEvents.WORKSHOP_CANCELLED)
                || event.is(WorkshopEvents.WORKSHOP_COMPLETED) || event.is(WorkshopEvents.ENROLMENT_CONFIRMED)
                || event.is(WorkshopEvents.ENROLMENT_PROMOTED) || event.is(WorkshopEvents.ENROLMENT_CANCELLED)
                || event.is(WorkshopEvents.ATTENDANCE_RECORDED);
    }

    public void apply(IncomingEvent event) {
        var at = event.time().toInstant();
        if (event.is(WorkshopEvents.WORKSHOP_PUBLISHED)) {
            published(event.data(WorkshopEvents.WORKSHOP_PUBLISHED));
        } else if (event.is(WorkshopEvents.WORKSHOP_CANCELLED)) {
            var e = event.data(WorkshopEvents.WORKSHOP_CANCELLED);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(e.workshopId()).and("status").ne("COMPLETED")),
                    Update.update("status", "CANCELLED"), ActivityWorkshop.class);
            e.enrolments().forEach(enrolment -> cancelled(enrolment.enrolmentId(), enrolment.participants().size(), at));
        } else if (event.is(WorkshopEvents.WORKSHOP_COMPLETED)) {
            completed(event.data(WorkshopEvents.WORKSHOP_COMPLETED));
        } else if (event.is(WorkshopEvents.ENROLMENT_CONFIRMED)) {
            var e = event.data(WorkshopEvents.ENROLMENT_CONFIRMED);
            confirmed(e.workshopId(), e.enrolmentId(), e.participants(), e.seatType(), at);
        } else if (event.is(WorkshopEvents.ENROLMENT_PROMOTED)) {
            var e = event.data(WorkshopEvents.ENROLMENT_PROMOTED);
            confirmed(e.workshopId(), e.enrolmentId(), e.participants(), "STANDARD", at);
        } else if (event.is(WorkshopEvents.ENROLMENT_CANCELLED)) {
            var e = event.data(WorkshopEvents.ENROLMENT_CANCELLED);
            cancelled(e.enrolmentId(), e.participants().size(), at);
        } else if (event.is(WorkshopEvents.ATTENDANCE_RECORDED)) {
            attended(event.data(WorkshopEvents.ATTENDANCE_RECORDED), at);
        }
    }

    private void published(WorkshopEvents.WorkshopPublished e) {
        var update = describe(new Update(), e.projectId(), e.title(), e.category().name(), e.targetGroups(), e.district(), e.city(),
                e.learningCityFeatures()).setOnInsert("status", "PUBLISHED");
        mongo.upsert(Query.query(Criteria.where("_id").is(e.workshopId())), update, ActivityWorkshop.class);
    }

    private void completed(WorkshopEvents.WorkshopCompleted e) {
        var participants = e.participants().stream().map(p -> new CompletedParticipant(keys.of(p.participant()),
                p.participant().targetGroup(), p.seatType(), p.sessionsAttended(), new BigDecimal(p.hours()))).toList();
        var update = describe(new Update(), e.projectId(), e.title(), e.category().name(), e.targetGroups(), e.district(), e.city(),
                e.learningCityFeatures())
                .set("status", "COMPLETED").set("completedAt", e.completedAt().toInstant())
                .set("completedYear", e.completedAt().atZoneSameInstant(ISTANBUL).getYear())
                .set("hours", new BigDecimal(e.hours())).set("completedParticipants", participants);
        mongo.upsert(Query.query(Criteria.where("_id").is(e.workshopId())), update, ActivityWorkshop.class);
    }

    private static Update describe(Update update, String projectId, String title, String category, List<String> targetGroups,
                                   String district, String city, List<String> features) {
        return update.set("projectId", projectId).set("title", title).set("category", category)
                .set("targetGroups", targetGroups == null ? List.of() : targetGroups).set("district", district).set("city", city)
                .set("learningCityFeatures", features == null ? List.of() : features);
    }

    /** Only workshops a project funds have places counted. */
    private void confirmed(String workshopId, String enrolmentId, List<WorkshopEvents.Participant> participants, String seatType, Instant at) {
        var workshop = mongo.findById(workshopId, ActivityWorkshop.class);
        if (workshop == null || workshop.projectId() == null) {
            return;
        }
        for (int i = 0; i < participants.size(); i++) {
            var participant = participants.get(i);
            var update = Update.update("projectId", workshop.projectId()).set("workshopId", workshopId)
                    .set("targetGroup", participant.targetGroup()).set("seatType", seatType).set("confirmed", true)
                    .setOnInsert("key", keys.of(participant));
            LatestEvent.upsert(mongo, Place.class, enrolmentId + ":" + i, "at", at, update);
        }
    }

    private void cancelled(String enrolmentId, int participants, Instant at) {
        for (int i = 0; i < participants; i++) {
            var id = enrolmentId + ":" + i;
            // Only places that were counted: a cancelled wait or a workshop outside projects leaves nothing behind.
            if (mongo.exists(Query.query(Criteria.where("_id").is(id)), Place.class)) {
                LatestEvent.upsert(mongo, Place.class, id, "at", at, Update.update("confirmed", false));
            }
        }
    }

    private void attended(WorkshopEvents.AttendanceRecorded e, Instant at) {
        if (e.projectId() == null) {
            return;
        }
        var update = Update.update("projectId", e.projectId()).set("workshopId", e.workshopId()).set("hours", new BigDecimal(e.hours()))
                .set("present", e.present().size());
        LatestEvent.upsert(mongo, Session.class, e.workshopId() + ":" + e.sessionId(), "at", at, update);
    }
}
