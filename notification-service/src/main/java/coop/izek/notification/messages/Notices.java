package coop.izek.notification.messages;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import coop.izek.events.MembershipEvents;
import coop.izek.events.ProjectEvents;
import coop.izek.events.WorkshopEvents;
import coop.izek.notification.directory.Directory;
import coop.izek.support.messaging.IncomingEvent;

/**
 * Which events people hear about, who hears (a child's messages go to the guardian who enrolled them) and what goes
 * into the message. Events nobody needs to hear about give no notices.
 */
@Component
public class Notices {

    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final Directory directory;

    Notices(Directory directory) {
        this.directory = directory;
    }

    /**
     * Reads at once the people whose names the enrolment events among these will be written with (their groups'
     * participants), so that planning a batch's messages does not read them one event at a time.
     */
    public void recallPeopleNamedIn(List<IncomingEvent> events) {
        var people = new LinkedHashSet<String>();
        for (var event : events) {
            List<WorkshopEvents.Participant> participants = null;
            if (event.is(WorkshopEvents.ENROLMENT_CONFIRMED)) {
                participants = event.data(WorkshopEvents.ENROLMENT_CONFIRMED).participants();
            } else if (event.is(WorkshopEvents.ENROLMENT_WAITLISTED)) {
                participants = event.data(WorkshopEvents.ENROLMENT_WAITLISTED).participants();
            } else if (event.is(WorkshopEvents.ENROLMENT_PROMOTED)) {
                participants = event.data(WorkshopEvents.ENROLMENT_PROMOTED).participants();
            } else if (event.is(WorkshopEvents.ENROLMENT_CANCELLED)) {
                participants = event.data(WorkshopEvents.ENROLMENT_CANCELLED).participants();
            }
            if (participants != null) {
                participants.stream().map(WorkshopEvents.Participant::personId).filter(Objects::nonNull).forEach(people::add);
            }
        }
        directory.recallPeople(people);
    }

    public List<Notice> from(IncomingEvent event) {
        var account = fromAccount(event);
        if (account != null) {
            return account;
        }
        if (event.is(MembershipEvents.PERSON_REGISTERED)) {
            var e = event.data(MembershipEvents.PERSON_REGISTERED);
            return List.of(Notice.toPerson("welcome", Category.ACCOUNT, e.personId(), Map.of("name", e.fullName())));
        }
        if (event.is(MembershipEvents.APPLICATION_DECIDED)) {
            var e = event.data(MembershipEvents.APPLICATION_DECIDED);
            var approved = "APPROVE".equals(e.decision());
            return List.of(Notice.toPerson(approved ? "application-approved" : "application-rejected", Category.MEMBERSHIP, e.personId(),
                    values("name", name(e.personId()), "memberNumber", e.memberNumber(), "reason", e.reason())));
        }
        if (event.is(MembershipEvents.SHARE_PAYMENT_RECORDED)) {
            var e = event.data(MembershipEvents.SHARE_PAYMENT_RECORDED);
            return List.of(Notice.toPerson("share-payment-recorded", Category.MEMBERSHIP, e.personId(), values("shares",
                    Integer.toString(e.shares()), "amount", e.amount() + " " + e.currency(), "sharesHeld", Integer.toString(e.sharesHeld()),
                    "paidOn", e.paidOn() == null ? null : e.paidOn().toString())));
        }
        if (event.is(MembershipEvents.MEMBER_ACTIVATED)) {
            var e = event.data(MembershipEvents.MEMBER_ACTIVATED);
            return List.of(Notice.toPerson("member-activated", Category.MEMBERSHIP, e.personId(),
                    values("name", name(e.personId()), "memberNumber", e.memberNumber())));
        }
        if (event.is(MembershipEvents.MEMBER_STATUS_CHANGED)) {
            var e = event.data(MembershipEvents.MEMBER_STATUS_CHANGED);
            return List.of(Notice.toPerson("member-status-changed", Category.MEMBERSHIP, e.personId(),
                    values("status", e.to(), "reason", e.reason())));
        }
        if (event.is(MembershipEvents.ASSEMBLY_CONVENED)) {
            var e = event.data(MembershipEvents.ASSEMBLY_CONVENED);
            var values = values("title", e.title(), "date", e.date().toString());
            return e.eligiblePersonIds().stream().distinct().map(p -> Notice.toPerson("assembly-convened", Category.MEMBERSHIP, p, values)).toList();
        }
        if (event.is(WorkshopEvents.ENROLMENT_CONFIRMED)) {
            var e = event.data(WorkshopEvents.ENROLMENT_CONFIRMED);
            return List.of(enrolment("enrolment-confirmed", Category.WORKSHOPS, e.workshopId(), e.enrolleeId(), e.participants(),
                    e.price() + " " + e.currency()));
        }
        if (event.is(WorkshopEvents.ENROLMENT_WAITLISTED)) {
            var e = event.data(WorkshopEvents.ENROLMENT_WAITLISTED);
            return List.of(enrolment("enrolment-waitlisted", Category.WORKSHOPS, e.workshopId(), e.enrolleeId(), e.participants(), null));
        }
        if (event.is(WorkshopEvents.ENROLMENT_PROMOTED)) {
            var e = event.data(WorkshopEvents.ENROLMENT_PROMOTED);
            return List.of(enrolment("enrolment-promoted", Category.WORKSHOPS, e.workshopId(), e.enrolleeId(), e.participants(),
                    e.price() + " " + e.currency()));
        }
        if (event.is(WorkshopEvents.ENROLMENT_CANCELLED)) {
            var e = event.data(WorkshopEvents.ENROLMENT_CANCELLED);
            return switch (e.cause() == null ? "ENROLLEE" : e.cause()) {
                // The workshop's own cancellation is the message; its enrolments' cancellations are not told twice.
                case "WORKSHOP_CANCELLED" -> List.of();
                case "STAFF" -> List.of(enrolment("enrolment-cancelled-by-staff", Category.CANCELLATIONS, e.workshopId(),
                        e.enrolleeId(), e.participants(), null));
                default -> List.of(enrolment("enrolment-cancelled", Category.WORKSHOPS, e.workshopId(), e.enrolleeId(),
                        e.participants(), null));
            };
        }
        if (event.is(WorkshopEvents.SOLIDARITY_REQUEST_DECLINED)) {
            var e = event.data(WorkshopEvents.SOLIDARITY_REQUEST_DECLINED);
            return List.of(enrolment("solidarity-request-declined", Category.WORKSHOPS, e.workshopId(), e.enrolleeId(),
                    e.participants(), null));
        }
        if (event.is(WorkshopEvents.WORKSHOP_CANCELLED)) {
            var e = event.data(WorkshopEvents.WORKSHOP_CANCELLED);
            var notices = new ArrayList<Notice>();
            var told = new LinkedHashSet<String>();
            for (var affected : e.enrolments()) {
                if (told.add(affected.enrolleeId())) {
                    var values = values("workshop", e.title(), "start", e.firstStart() == null ? null
                            : WHEN.format(e.firstStart().atZoneSameInstant(ISTANBUL)), "reason", e.reason(),
                            "participants", participants(affected.enrolleeId(), affected.participants()));
                    notices.add(Notice.toPerson("workshop-cancelled", Category.CANCELLATIONS, affected.enrolleeId(), values));
                }
            }
            return notices;
        }
        if (event.is(WorkshopEvents.CERTIFICATE_ISSUED)) {
            var e = event.data(WorkshopEvents.CERTIFICATE_ISSUED);
            return List.of(Notice.toPerson("certificate-issued", Category.WORKSHOPS, e.enrolleeId(), values("workshop", e.workshopTitle(),
                    "learner", participants(e.enrolleeId(), List.of(e.participant())), "code", e.certificateCode(), "hours", e.hours())));
        }
        return fromProject(event);
    }

    /**
     * Account mails: the verification link goes to the address the account gave (the only mail an unverified address
     * ever gets, and it carries nothing the registering caller wrote); the rest go to the verified owner.
     */
    private List<Notice> fromAccount(IncomingEvent event) {
        if (event.is(MembershipEvents.EMAIL_VERIFICATION_REQUESTED)) {
            var e = event.data(MembershipEvents.EMAIL_VERIFICATION_REQUESTED);
            return List.of(Notice.toUnverifiedAddress("verify-email", e.personId(), e.email(), e.locale(),
                    AccountLinks.seed(AccountLinks.VERIFY_EMAIL, e.personId(), e.verificationId(), e.expiresAt())));
        }
        if (event.is(MembershipEvents.REGISTRATION_ATTEMPTED)) {
            var e = event.data(MembershipEvents.REGISTRATION_ATTEMPTED);
            return List.of(Notice.emailToPerson("registration-attempted", Category.SECURITY, e.personId(),
                    values("name", name(e.personId()))));
        }
        if (event.is(MembershipEvents.PASSWORD_RESET_REQUESTED)) {
            var e = event.data(MembershipEvents.PASSWORD_RESET_REQUESTED);
            var values = new LinkedHashMap<>(AccountLinks.seed(AccountLinks.RESET_PASSWORD, e.personId(), e.resetId(), e.expiresAt()));
            values.put("name", name(e.personId()));
            return List.of(Notice.emailToPerson("password-reset", Category.SECURITY, e.personId(), values));
        }
        if (event.is(MembershipEvents.PASSWORD_CHANGED)) {
            var e = event.data(MembershipEvents.PASSWORD_CHANGED);
            return List.of(Notice.toPerson("password-changed", Category.SECURITY, e.personId(), values("name", name(e.personId()),
                    "when", e.changedAt() == null ? null : WHEN.format(e.changedAt().atZone(ISTANBUL)))));
        }
        return null;
    }

    /**
     * An educator hears that a project assigned them (their workshops may now be linked to it). Organisations hear by
     * email about joining a consortium, their project's status, and deliverables they are
     * responsible for falling due or late (an overdue one also to the coordinator). Every project event also goes to
     * the consortium's webhooks, which are not notices.
     */
    private List<Notice> fromProject(IncomingEvent event) {
        if (event.is(ProjectEvents.EDUCATOR_ASSIGNED)) {
            var e = event.data(ProjectEvents.EDUCATOR_ASSIGNED);
            return List.of(Notice.toPerson("educator-assigned", Category.PROJECTS, e.personId(), values("name", name(e.personId()),
                    "acronym", e.acronym())));
        }
        if (event.is(ProjectEvents.PARTNER_ADDED)) {
            var e = event.data(ProjectEvents.PARTNER_ADDED);
            return List.of(Notice.toOrganisation("partner-added", e.organisationId(), values("acronym", e.acronym(),
                    "organisation", organisationName(e.organisationId()), "role", e.role())));
        }
        if (event.is(ProjectEvents.PROJECT_STATUS_CHANGED)) {
            var e = event.data(ProjectEvents.PROJECT_STATUS_CHANGED);
            var values = values("acronym", e.acronym(), "from", e.from(), "to", e.to());
            return directory.project(e.projectId()).map(Directory.Project::organisationIds).orElse(List.of()).stream().distinct()
                    .map(organisation -> Notice.toOrganisation("project-status-changed", organisation, values)).toList();
        }
        if (event.is(ProjectEvents.DELIVERABLE_DUE_SOON)) {
            var e = event.data(ProjectEvents.DELIVERABLE_DUE_SOON);
            return List.of(Notice.toOrganisation("deliverable-due-soon", e.responsibleOrganisationId(), values("acronym", e.acronym(),
                    "code", e.code(), "title", e.title(), "dueDate", DAY.format(e.dueDate()), "status", e.status())));
        }
        if (event.is(ProjectEvents.DELIVERABLE_OVERDUE)) {
            var e = event.data(ProjectEvents.DELIVERABLE_OVERDUE);
            var values = values("acronym", e.acronym(), "code", e.code(), "title", e.title(), "dueDate", DAY.format(e.dueDate()),
                    "status", e.status());
            var told = new LinkedHashSet<String>();
            told.add(e.responsibleOrganisationId());
            directory.project(e.projectId()).map(Directory.Project::coordinatorOrganisationId).ifPresent(told::add);
            return told.stream().filter(Objects::nonNull)
                    .map(organisation -> Notice.toOrganisation("deliverable-overdue", organisation, values)).toList();
        }
        return List.of();
    }

    /** A day before a session: to the enrollee (a guardian for their children), naming who takes part. */
    public Notice sessionReminder(String workshopTitle, java.time.Instant start, String enrolleeId,
                                  List<WorkshopEvents.Participant> participants) {
        return Notice.toPerson("session-reminder", Category.REMINDERS, enrolleeId, values("workshop", workshopTitle,
                "start", WHEN.format(start.atZone(ISTANBUL)), "participants", participants(enrolleeId, participants)));
    }

    private String organisationName(String organisationId) {
        return directory.organisation(organisationId).map(Directory.Organisation::name).orElse("");
    }

    private Notice enrolment(String kind, Category category, String workshopId, String enrolleeId,
                             List<WorkshopEvents.Participant> participants, String price) {
        var title = directory.workshop(workshopId).map(Directory.Workshop::title).orElse("");
        return Notice.toPerson(kind, category, enrolleeId, values("workshop", title, "participants", participants(enrolleeId, participants),
                "price", price));
    }

    /** The group by name: the enrollee themself and their children. */
    private String participants(String enrolleeId, List<WorkshopEvents.Participant> participants) {
        var names = new ArrayList<String>();
        for (var p : participants) {
            names.add(p.personId() != null ? name(p.personId())
                    : directory.dependant(p.dependantId()).map(Directory.Dependant::fullName).orElse("—"));
        }
        return String.join(", ", names);
    }

    private String name(String personId) {
        return directory.person(personId).map(Directory.Person::fullName).orElse("");
    }

    /** Pairs of name and value; null values are left out. */
    private static Map<String, String> values(String... pairs) {
        var values = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                values.put(pairs[i], pairs[i + 1]);
            }
        }
        return values;
    }
}
