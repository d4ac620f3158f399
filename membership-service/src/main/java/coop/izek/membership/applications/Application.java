package coop.izek.membership.applications;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.events.DomainEvent;
import coop.izek.events.MembershipEvents;
import coop.izek.events.MembershipEvents.ApplicationSubmitted;
import coop.izek.events.WorkshopCategory;
import coop.izek.membership.members.MemberType;
import coop.izek.support.outbox.OutboxAggregate;

/**
 * A membership application. While it is open, {@code openFor} holds the applicant's person id under a unique
 * index, so a person can have only one open application, however many are sent at once.
 */
@Document("applications")
class Application extends OutboxAggregate {

    @Id
    private String id;
    @Indexed
    private String personId;
    @Indexed(unique = true, sparse = true)
    private String openFor;
    private MemberType memberType;
    private List<WorkshopCategory> expertise;
    private String motivation;
    private int acceptedPrinciplesVersion;
    private boolean dataProcessingConsent;
    @Indexed
    private ApplicationStatus status;
    private Instant submittedAt;
    private Instant decidedAt;
    private String decidedBy;
    private String reason;
    private String memberId;
    private String memberNumber;

    Application() {
    }

    record Submission(Application application, List<DomainEvent<?>> events) {
    }

    static Submission submit(String personId, MemberType type, List<WorkshopCategory> expertise, String motivation,
                             int principlesVersion, Instant now) {
        var application = new Application();
        application.id = UUID.randomUUID().toString();
        application.personId = personId;
        application.openFor = personId;
        application.memberType = type;
        application.expertise = List.copyOf(expertise);
        application.motivation = motivation;
        application.acceptedPrinciplesVersion = principlesVersion;
        application.dataProcessingConsent = true;
        application.status = ApplicationStatus.PENDING;
        application.submittedAt = now;
        var event = MembershipEvents.APPLICATION_SUBMITTED.of(application.id, new ApplicationSubmitted(application.id,
                personId, type.name(), application.expertise, principlesVersion));
        return new Submission(application, List.of(event));
    }

    @Override
    public String aggregateId() {
        return id;
    }

    Applications.ApplicationView view(String applicantName) {
        return new Applications.ApplicationView(id, personId, applicantName, memberType, expertise, motivation, acceptedPrinciplesVersion,
                status, submittedAt, decidedAt, reason, memberId, memberNumber);
    }

    String id() {
        return id;
    }

    String personId() {
        return personId;
    }

    MemberType memberType() {
        return memberType;
    }

    List<WorkshopCategory> expertise() {
        return expertise;
    }

    String decidedBy() {
        return decidedBy;
    }

    ApplicationStatus status() {
        return status;
    }
}
