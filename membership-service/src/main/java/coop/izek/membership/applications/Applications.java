package coop.izek.membership.applications;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import coop.izek.events.MembershipEvents;
import coop.izek.events.MembershipEvents.ApplicationDecided;
import coop.izek.events.WorkshopCategory;
import coop.izek.membership.identity.Accounts;
import coop.izek.membership.members.MemberType;
import coop.izek.membership.members.Members;
import coop.izek.membership.principles.Principles;
import coop.izek.support.outbox.OutboxEvent;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;

/** Membership applications and staff decisions on them. */
@Service
public class Applications {

    /** An application; {@code applicantName} is the applicant's name as their account has it, for staff deciding. */
    public record ApplicationView(String id, String personId, String applicantName, MemberType memberType,
                                  List<WorkshopCategory> expertise, String motivation, int acceptedPrinciplesVersion, ApplicationStatus status,
                                  Instant submittedAt, Instant decidedAt, String reason, String memberId, String memberNumber) {
    }

    public record Decision(ApplicationStatus status, String memberId, String memberNumber) {
    }

    public enum Verdict {
        APPROVE, REJECT
    }

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Principles principles;
    private final Members members;
    private final Accounts accounts;
    private final Clock clock;

    Applications(MongoTemplate mongo, Outbox outbox, Principles principles, Members members, Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.mongo = mongo;
        this.outbox = outbox;
        this.principles = principles;
        this.members = members;
        this.clock = clock;
    }

    public ApplicationView submit(String personId, MemberType type, List<WorkshopCategory> expertise, String motivation,
                                  int acceptedPrinciplesVersion, boolean consent) {
        if (!consent) {
            throw ProblemException.ruleViolated("consent-required", "Applying needs consent to the processing of your data (KVKK/GDPR).");
        }
        int current = principles.currentVersion();
        if (acceptedPrinciplesVersion != current) {
            throw ProblemException.ruleViolated("principles-version-not-current",
                    "Accept the current principles, version " + current + ", to apply.");
        }
        if (type == MemberType.EDUCATOR && expertise.isEmpty()) {
            throw ProblemException.ruleViolated("expertise-required", "An educator names at least one area of expertise.");
        }
        if (members.findByPerson(personId).isPresent()) {
            throw ProblemException.conflict("already-a-member", "You are a member already.");
        }
        var submission = Application.submit(personId, type, expertise, motivation, acceptedPrinciplesVersion, clock.instant());
        try {
            outbox.insert(submission.application(), submission.events());
        } catch (DuplicateKeyException open) {
            throw ProblemException.conflict("application-open", "You have an application waiting for a decision already.");
        }
        principles.accept(personId, acceptedPrinciplesVersion, "membership application " + submission.application().id());
        return view(submission.application());
    }

    /**
     * Approves (a member with the next number, awaiting the share payment) or rejects (with a reason). The first
     * decision wins: the application leaves PENDING in one conditional update, and a second decision gets 409.
     */
    public Decision decide(String applicationId, Verdict verdict, String reason, String staffId) {
        var application = find(applicationId);
        if (verdict == Verdict.REJECT && (reason == null || reason.isBlank())) {
            throw ProblemException.ruleViolated("reason-required", "A rejection needs a reason.");
        }
        var now = clock.instant();
        var update = new Update()
                .set("status", verdict == Verdict.APPROVE ? ApplicationStatus.APPROVED : ApplicationStatus.REJECTED)
                .set("decidedAt", now).set("decidedBy", staffId).set("reason", reason).unset("openFor");
        if (verdict == Verdict.REJECT) {
            OutboxEvent event = outbox.toOutboxEvent(MembershipEvents.APPLICATION_DECIDED.of(applicationId,
                    new ApplicationDecided(applicationId, application.personId(), "REJECT", reason, null, null)));
            update.push(OutboxEvent.FIELD, event);
        }
        var claimed = mongo.findAndModify(Query.query(Criteria.where("_id").is(applicationId).and("status").is(ApplicationStatus.PENDING)),
                update, FindAndModifyOptions.options().returnNew(true), Application.class);
        if (claimed == null) {
            throw ProblemException.conflict("application-decided", "This application has been decided already.");
        }
        if (verdict == Verdict.REJECT) {
            outbox.afterWrite(Application.class, applicationId);
            return new Decision(ApplicationStatus.REJECTED, null, null);
        }
        var member = completeApproval(claimed);
        return new Decision(ApplicationStatus.APPROVED, member.id(), member.memberNumber());
    }

    public ApplicationView find(String applicationId) {
        var application = mongo.findById(applicationId, Application.class);
        if (application == null) {
            throw ProblemException.notFound("application", applicationId);
        }
        return view(application);
    }

    private ApplicationView view(Application application) {
        return application.view(accounts.profile(application.personId()).fullName());
    }

    public PageResponse<ApplicationView> page(ApplicationStatus status, int page, int size) {
        var query = status == null ? new Query() : Query.query(Criteria.where("status").is(status));
        long total = mongo.count(query, Application.class);
        var items = mongo.find(query.with(Sort.by("submittedAt")).skip((long) page * size).limit(size), Application.class)
                .stream().map(this::view).toList();
        return new PageResponse<>(items, page, size, total);
    }

    public List<ApplicationView> ofPerson(String personId) {
        return mongo.find(Query.query(Criteria.where("personId").is(personId)).with(Sort.by("submittedAt")), Application.class)
                .stream().map(this::view).toList();
    }

    /** Removes the applicant's own words from their applications; the decisions stay on record. */
    /** What a person wrote and what staff wrote about them go; the decision itself (for the register) stays. */
    public void eraseMotivationsOf(String personId) {
        mongo.updateMulti(Query.query(Criteria.where("personId").is(personId)),
                new Update().set("motivation", "—").unset("reason").set(coop.izek.support.outbox.OutboxEvent.FIELD, java.util.List.of()),
                Application.class);
    }

    /** Approved applications whose member was not created (the service stopped in between) get it now. */
    void completeInterruptedApprovals(Instant decidedBefore) {
        mongo.find(Query.query(Criteria.where("status").is(ApplicationStatus.APPROVED).and("memberId").is(null)
                .and("decidedAt").lt(decidedBefore)), Application.class).forEach(this::completeApproval);
    }

    private Members.MemberView completeApproval(Application approved) {
        var member = members.createApproved(approved.id(), approved.personId(), approved.memberType(), approved.expertise(),
                approved.decidedBy());
        mongo.updateFirst(Query.query(Criteria.where("_id").is(approved.id())),
                new Update().set("memberId", member.id()).set("memberNumber", member.memberNumber()), Application.class);
        return member;
    }
}
