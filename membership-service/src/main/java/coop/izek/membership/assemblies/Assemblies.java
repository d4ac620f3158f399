package coop.izek.membership.assemblies;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import coop.izek.membership.members.MemberStatus;
import coop.izek.membership.members.Members;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.web.ProblemException;

/** General assemblies: convening, voting (one member, one vote, at most one proxy each) and results. */
@Service
public class Assemblies {

    public record MotionDraft(String title, String text) {
    }

    public record Convened(String id, List<MotionRef> motions) {
    }

    public record MotionRef(String id, String title) {
    }

    public record Result(int yes, int no, int abstain, int eligible, int votesCast, boolean quorumMet, boolean passed) {
    }

    public enum Choice {
        YES, NO, ABSTAIN
    }

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Members members;
    private final AssemblyProperties properties;
    private final Clock clock;

    Assemblies(MongoTemplate mongo, Outbox outbox, Members members, AssemblyProperties properties, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.members = members;
        this.properties = properties;
        this.clock = clock;
    }

    public Convened convene(String title, LocalDate date, List<MotionDraft> motions, String by) {
        if (date.isBefore(LocalDate.now(clock))) {
            throw ProblemException.ruleViolated("assembly-in-past", "An assembly is convened for today or a later date.");
        }
        var eligible = members.activeMemberIds();
        var eligiblePeople = members.activePersonIds();
        var convening = Assembly.convene(title, date, motions.stream().map(m -> new Assembly.Motion(null, m.title(), m.text())).toList(),
                eligible, eligiblePeople, LocalDate.now(clock), by, clock.instant());
        outbox.insert(convening.assembly(), convening.events());
        var assembly = convening.assembly();
        return new Convened(assembly.id(), assembly.motions().stream().map(m -> new MotionRef(m.id(), m.title())).toList());
    }

    /**
     * The caller's own vote, or (with {@code onBehalfOf}) the one member they carry a proxy for. Only members ACTIVE on
     * the record date and still ACTIVE now vote; a second vote for the same member on the same motion gets 409.
     */
    public void vote(String assemblyId, String motionId, String callerPersonId, Choice choice, String onBehalfOf) {
        var assembly = assembly(assemblyId);
        if (!assembly.hasMotion(motionId)) {
            throw ProblemException.notFound("motion", motionId);
        }
        var voter = members.findByPerson(callerPersonId)
                .filter(m -> m.status() == MemberStatus.ACTIVE && assembly.isEligible(m.id()))
                .orElseThrow(() -> ProblemException.forbidden("Only members who are ACTIVE and were on the roll on the record date vote."));
        var votingFor = voter.id();
        if (onBehalfOf != null && !onBehalfOf.equals(voter.id())) {
            if (!members.isActive(onBehalfOf) || !assembly.isEligible(onBehalfOf)) {
                throw ProblemException.ruleViolated("proxy-not-eligible", "A proxy vote is only for another ACTIVE member on the roll.");
            }
            holdProxy(assemblyId, voter.id(), onBehalfOf);
            votingFor = onBehalfOf;
        }
        var vote = new Vote(Vote.idFor(motionId, votingFor), assemblyId, motionId, votingFor, voter.id(),
                Vote.Choice.valueOf(choice.name()), clock.instant());
        try {
            mongo.insert(vote);
        } catch (DuplicateKeyException second) {
            throw ProblemException.conflict("already-voted", "This member has voted on this motion already.");
        }
        // A suspension racing with the vote: whichever wrote last, a vote by someone no longer ACTIVE does not stand.
        if (!members.isActive(voter.id()) || !members.isActive(votingFor)) {
            mongo.remove(Query.query(Criteria.where("_id").is(vote.id())), Vote.class);
            throw ProblemException.forbidden("Only ACTIVE members vote.");
        }
    }

    public Result results(String assemblyId, String motionId) {
        var assembly = assembly(assemblyId);
        if (!assembly.hasMotion(motionId)) {
            throw ProblemException.notFound("motion", motionId);
        }
        int yes = count(motionId, Vote.Choice.YES);
        int no = count(motionId, Vote.Choice.NO);
        int abstain = count(motionId, Vote.Choice.ABSTAIN);
        int cast = yes + no + abstain;
        int eligible = assembly.electorate();
        boolean quorum = eligible > 0 && cast >= Math.ceil(eligible * properties.quorum());
        return new Result(yes, no, abstain, eligible, cast, quorum, quorum && yes > no);
    }

    private void holdProxy(String assemblyId, String holder, String represented) {
        try {
            mongo.insert(new Proxy(Proxy.idFor(assemblyId, holder), assemblyId, holder, represented, clock.instant()));
        } catch (DuplicateKeyException taken) {
            var existing = mongo.findById(Proxy.idFor(assemblyId, holder), Proxy.class);
            if (existing == null || !existing.representedMemberId().equals(represented)) {
                throw ProblemException.conflict("proxy-limit",
                        "A member carries at most one proxy vote, and a member gives their proxy to one member only.");
            }
        }
    }

    private int count(String motionId, Vote.Choice choice) {
        return (int) mongo.count(Query.query(Criteria.where("motionId").is(motionId).and("choice").is(choice)), Vote.class);
    }

    private Assembly assembly(String id) {
        var assembly = mongo.findById(id, Assembly.class);
        if (assembly == null) {
            throw ProblemException.notFound("assembly", id);
        }
        return assembly;
    }
}
