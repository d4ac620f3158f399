package coop.izek.workshop.workshops;

import coop.izek.events.TargetGroup;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The educator's register: who is in the workshop, who came to each session, and completion, which issues a
 * certificate to everyone whose attendance reaches the threshold.
 */
@Service
public class Attendance {

    public record RosterSession(String sessionId, OffsetDateTime start, OffsetDateTime end, boolean recorded, int present) {
    }

    /** {@code seatType} is shown to staff only: an educator does not learn which child holds a solidarity seat. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RosterParticipant(String participantId, boolean self, String name, String enrolmentId,
                                    Enrolment.SeatType seatType, TargetGroup targetGroup, List<String> sessionsAttended) {
    }

    public record Roster(String workshopId, WorkshopStatus status, List<RosterSession> sessions,
                         List<RosterParticipant> participants) {
    }

    public record Completion(WorkshopStatus status, int certificatesIssued) {
    }

    /** Letters and digits nobody misreads (no 0/O, 1/I/L). */
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Catalogue catalogue;
    private final Enrolments enrolments;
    private final WorkshopChanges changes;
    private final WorkshopProperties properties;
    private final Clock clock;

    Attendance(Catalogue catalogue, Enrolments enrolments, WorkshopChanges changes, WorkshopProperties properties,
               Clock clock) {
        this.catalogue = catalogue;
        this.enrolments = enrolments;
        this.changes = changes;
        this.properties = properties;
        this.clock = clock;
    }

    public Roster roster(String workshopId, String callerId, boolean staff) {
        var workshop = catalogue.visible(workshopId, callerId, staff);
        changes.requireOwner(workshop, callerId, staff);
        return roster(workshop, staff);
    }

    /** Who was present at a session (replacing what was said before); returns the register as it now stands. */
    public Roster record(String workshopId, String sessionId, List<String> present, String callerId, boolean staff) {
        return roster(changes.change(workshopId, workshop -> {
            changes.requireOwner(workshop, callerId, staff);
            return workshop.recordAttendance(sessionId, present, clock.instant());
        }), staff);
    }

    public Completion complete(String workshopId, String callerId, boolean staff) {
        var completed = changes.change(workshopId, workshop -> {
            changes.requireOwner(workshop, callerId, staff);
            return workshop.complete(clock.instant(), properties.certificateThreshold(), properties.commissionRate(),
                    Attendance::newCertificateCode, participant -> initials(enrolments.name(participant)));
        });
        return new Completion(completed.status, completed.certificates.size());
    }

    private Roster roster(Workshop workshop, boolean staff) {
        var presence = workshop.presence();
        var sessions = workshop.sessions.stream().map(s -> new RosterSession(s.id(), Workshop.istanbul(s.start()),
                Workshop.istanbul(s.end()), workshop.attendance.containsKey(s.id()), presence.get(s.id()).size())).toList();
        var participants = new ArrayList<RosterParticipant>();
        for (var enrolment : workshop.confirmed()) {
            for (var p : enrolment.participants()) {
                var attended = workshop.sessions.stream().map(Workshop.Session::id)
                        .filter(session -> presence.get(session).contains(p.id())).toList();
                participants.add(new RosterParticipant(p.id(), p.personId() != null, enrolments.name(p), enrolment.id(),
                        staff ? enrolment.seatType() : null, p.targetGroup(), attended));
            }
        }
        return new Roster(workshop.id, workshop.status, sessions, participants);
    }

    static String newCertificateCode() {
        var code = new StringBuilder("IZEK");
        for (int i = 0; i < 12; i++) {
            if (i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    /** "Ayşe Nur Yılmaz" → "A. N. Y."; what a public verification may show of a holder. */
    static String initials(String fullName) {
        if (fullName == null || fullName.isBlank()) {
            return null;
        }
        var initials = new StringBuilder();
        for (var word : fullName.strip().split("\\s+")) {
            if (Character.isLetter(word.codePointAt(0))) {
                initials.append(initials.isEmpty() ? "" : " ").appendCodePoint(Character.toUpperCase(word.codePointAt(0))).append('.');
            }
        }
        return initials.isEmpty() ? null : initials.toString();
    }
}
