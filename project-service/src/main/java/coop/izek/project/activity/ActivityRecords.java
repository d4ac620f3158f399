package coop.izek.project.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What project-service keeps of workshop activity, built from workshop events and keyed by their ids, so a replay
 * writes the same documents again. People appear only as keyed fingerprints ({@code key}), enough to count each
 * participant once and nothing more.
 */
final class ActivityRecords {

    private ActivityRecords() {
    }

    /** A workshop (any, for the Learning City report; {@code projectId} when a project funds it). */
    @Document("activity_workshops")
    record ActivityWorkshop(@Id String workshopId, @Indexed String projectId, String title, String category, List<String> targetGroups,
                            String district, String city, List<String> learningCityFeatures, String status, Instant completedAt,
                            Integer completedYear, BigDecimal hours, List<CompletedParticipant> completedParticipants) {
    }

    /** Someone who took part in a completed workshop. */
    record CompletedParticipant(String key, String targetGroup, String seatType, int sessionsAttended, BigDecimal hours) {
    }

    /** One participant's place in a project workshop ({@code enrolmentId:position}); confirmed until cancelled. */
    @Document("activity_places")
    record Place(@Id String id, @Indexed String projectId, String workshopId, String key, String targetGroup, String seatType,
                 boolean confirmed, Instant at) {
    }

    /** The latest attendance of one session of a project workshop. */
    @Document("activity_sessions")
    record Session(@Id String id, @Indexed String projectId, String workshopId, BigDecimal hours, int present, Instant at) {
    }
}
