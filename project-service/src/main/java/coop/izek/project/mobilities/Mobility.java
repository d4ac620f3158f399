package coop.izek.project.mobilities;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.events.TargetGroup;

/**
 * A learning mobility of a project: a training, exchange, study visit or job shadowing from a sending to a receiving
 * organisation. Participants are counted by target group; their names, if the organiser gives them, are the
 * organiser's to see.
 */
@Document("mobilities")
record Mobility(@Id String id, @Indexed String projectId, MobilityType type, String title, int workPackage,
                String sendingOrganisationId, String receivingOrganisationId, String country, LocalDate startDate, LocalDate endDate,
                Map<TargetGroup, Integer> participants, List<String> participantNames, MobilityStatus status,
                String organiserOrganisationId, Instant reportedAt, String reportedBy) {

    int participantCount() {
        return participants.values().stream().mapToInt(Integer::intValue).sum();
    }

    boolean involves(String organisationId) {
        return sendingOrganisationId.equals(organisationId) || receivingOrganisationId.equals(organisationId);
    }
}
