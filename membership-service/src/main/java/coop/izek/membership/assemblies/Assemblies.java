package coop.izek.membership.assemblies;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import coop.izek.membership.members.MemberStatus;
import coop.izek.membership.members.Members;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;

/** General assemblies: convening, proxies the represented members grant, voting (one member, one vote) and results. */
@Service
public class Assemblies {

    public record MotionDraft(String title, String text) {
    }

    public record Convened(String id, List<MotionRef> motions) {
    }

    public record MotionRef(String id, String title) {
    }

    public record Result(int yes, int no, int abstain, int eligible, int votesCast, boolean quorumMet, boolean passed) {

        /** Quorum: at least {@code quorum} of the roll voted; passed: quorum met and more yes than no votes. */
        static Result of(int yes, int no, int abstain, int eligible, double quorum) {
            int cast = yes + no + abstain;
            boolean met = eligible > 0 && cast >= Math.ceil(eligible * quorum);
            return new Result(yes, no, abstain, eligible, cast, met, met && yes > no);
        }
    }

    /** An assembly and its motions, as members and staff read it. */
    public record AssemblyView(String id, String title, LocalDate date, LocalDate recordDate, List<MotionView> motions) {
    }

    public record MotionView(String id, String title, String text) {
    }

    /**
     * Where the caller stands at an assembly: on its roll or not, the proxy they gave (to whom, by member number), the
     * one they carry (for whom), and the votes cast for them or by them on someone's behalf.
     */
    public record Standing(boolean onRoll, String memberId, String memberNumber, GivenProxy given, CarriedProxy carried,
                           List<CastVote> votes) {
    }

    public record GivenProxy(String id, String holderMemberNumber, boolean used) {
    }

    public record CarriedProxy(String representedMemberId, String representedMemberNumber, boolean used) {
    }

    public record CastVote(String motionId, String memberId, Choice choice) {
    }

    /** A proxy as staff see it. */
    public record ProxyView(String id, String holderMemberId, String representedMemberId, Instant grantedAt, boolean used) {
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
     * The caller (an ACTIVE member on the roll) gives their vote at this assembly to another such member, before the
     * assembly's day and before voting on anything themself. One grant per member, one proxy per holder.
     */
    public String grantProxy(String assemblyId, String callerPersonId, String proxyMemberId) {
        var assembly = assembly(assemblyId);
        var grantor = rolledMember(assembly, callerPersonId);
        if (proxyMemberId.equals(grantor.id())) {
            throw ProblemException.ruleViolated("proxy-to-self", "A proxy is given to another member.");
        }
        if (!LocalDate.now(clock).isBefore(assembly.date())) {
            throw ProblemException.conflict("proxies-closed", "Proxies are given before the assembly's day (" + assembly.date() + ").");
        }
        if (!members.isActive(proxyMemberId) || !assembly.isEligible(proxyMemberId)) {
            throw ProblemException.ruleViolated("proxy-not-eligible", "A proxy goes to another ACTIVE member on the assembly's roll.");
        }
        if (mongo.exists(Query.query(Criteria.where("assemblyId").is(assemblyId).and("memberId").is(grantor.id())), Vote.class)) {
            throw ProblemException.conflict("already-voted", "You have voted at this assembly already; your vote cannot be given to another.");
        }
        var proxy = new Proxy(UUID.randomUUID().toString(), assemblyId, proxyMemberId, grantor.id(), clock.instant(), false, null);
        try {
            mongo.insert(proxy);
        } catch (DuplicateKeyException taken) {
            throw ProblemException.conflict("proxy-limit",
                    "A member gives their proxy to one member only, and a member carries at most one proxy vote.");
        }
        return proxy.id();
    }

    /** The proxy given to the member with this number (what a member knows of another: the number on their card). */
    public String grantProxyByNumber(String assemblyId, String callerPersonId, String proxyMemberNumber) {
        var proxy = members.findByNumber(proxyMemberNumber)
                .orElseThrow(() -> ProblemException.ruleViolated("proxy-not-eligible", "A proxy goes to another ACTIVE member on the assembly's roll."));
        return grantProxy(assemblyId, callerPersonId, proxy.id());
    }

    /** The member who gave a proxy takes it back, as long as it has not been used. */
    public void revokeProxy(String assemblyId, String proxyId, String callerPersonId) {
        var grantor = members.findByPerson(callerPersonId).orElseThrow(() -> ProblemException.notFound("proxy", proxyId));
        var mine = Criteria.where("_id").is(proxyId).and("assemblyId").is(assemblyId).and("representedMemberId").is(grantor.id());
        if (mongo.remove(Query.query(new Criteria().andOperator(mine, Criteria.where("used").ne(true))), Proxy.class).getDeletedCount() == 0) {
            if (mongo.exists(Query.query(mine), Proxy.class)) {
                throw ProblemException.conflict("proxy-used", "This proxy has been used to vote; it can no longer be taken back.");
            }
            throw ProblemException.notFound("proxy", proxyId);
        }
    }

    /** Assemblies, the coming ones first. */
    public PageResponse<AssemblyView> page(int page, int size) {
        var query = new Query().with(Sort.by(Sort.Direction.DESC, "date")).skip((long) page * size).limit(size);
        var items = mongo.find(query, Assembly.class).stream().map(Assemblies::view).toList();
        return new PageResponse<>(items, page, size, mongo.count(new Query(), Assembly.class));
    }

    public AssemblyView find(String assemblyId) {
        return view(assembly(assemblyId));
    }

    public Standing standing(String assemblyId, String callerPersonId) {
        var assembly = assembly(assemblyId);
        var member = members.findByPerson(callerPersonId).orElse(null);
        if (member == null) {
            return new Standing(false, null, null, null, null, List.of());
        }
        var onRoll = member.status() == MemberStatus.ACTIVE && assembly.isEligible(member.id());
        var given = mongo.findOne(Query.query(Criteria.where("assemblyId").is(assemblyId).and("representedMemberId").is(member.id())), Proxy.class);
        var carried = mongo.findOne(Query.query(Criteria.where("assemblyId").is(assemblyId).and("holderMemberId").is(member.id())), Proxy.class);
        var mine = new ArrayList<String>(List.of(member.id()));
        if (carried != null) {
            mine.add(carried.representedMemberId());
        }
        var votes = mongo.find(Query.query(Criteria.where("assemblyId").is(assemblyId).and("memberId").in(mine)), Vote.class).stream()
                .map(v -> new CastVote(v.motionId(), v.memberId(), Choice.valueOf(v.choice().name()))).toList();
        return new Standing(onRoll, member.id(), member.memberNumber(),
                given == null ? null : new GivenProxy(given.id(), members.find(given.holderMemberId()).memberNumber(), given.used()),
                carried == null ? null : new CarriedProxy(carried.representedMemberId(),
                        members.find(carried.representedMemberId()).memberNumber(), carried.used()),
                votes);
    }

    private static AssemblyView view(Assembly assembly) {
        return new AssemblyView(assembly.id(), assembly.title(), assembly.date(), assembly.recordDate(),
                assembly.motions().stream().map(m -> new MotionView(m.id(), m.title(), m.text())).toList());
    }

    public List<ProxyView> proxies(String assemblyId) {
        assembly(assemblyId);
        return mongo.find(Query.query(Criteria.where("assemblyId").is(assemblyId)).with(Sort.by("grantedAt")), Proxy.class).stream()
                .map(p -> new ProxyView(p.id(), p.holderMemberId(), p.representedMemberId(), p.grantedAt(), p.used())).toList();
    }

    /**
     * The caller's own vote, or (with {@code onBehalfOf}) the vote of the member who gave them their proxy. Only members
     * ACTIVE on the record date and still ACTIVE now vote; a second vote for the same member on the same motion gets 409.
     */
    public void vote(String assemblyId, String motionId, String callerPersonId, Choice choice, String onBehalfOf) {
        var assembly = assembly(assemblyId);
        if (!assembly.hasMotion(motionId)) {
            throw ProblemException.notFound("motion", motionId);
        }
        var voter = rolledMember(assembly, callerPersonId);
        var votingFor = voter.id();
        if (onBehalfOf != null && !onBehalfOf.equals(voter.id())) {
            useProxy(assemblyId, voter.id(), onBehalfOf);
            if (!members.isActive(onBehalfOf)) {
                throw ProblemException.forbidden("The member who gave you their proxy is not ACTIVE any more.");
            }
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
        return Result.of(count(motionId, Vote.Choice.YES), count(motionId, Vote.Choice.NO), count(motionId, Vote.Choice.ABSTAIN),
                assembly.electorate(), properties.quorum());
    }

    /**
     * Marks the grant used in the same write that finds it, so a revocation racing with the vote either comes first
     * (and there is no grant to vote with) or finds it used.
     */
    private void useProxy(String assemblyId, String holder, String represented) {
        var grant = mongo.findAndModify(Query.query(Criteria.where("assemblyId").is(assemblyId).and("holderMemberId").is(holder)
                        .and("representedMemberId").is(represented)),
                new Update().set("used", true).set("usedAt", clock.instant()), Proxy.class);
        if (grant == null) {
            throw ProblemException.forbidden("You vote on behalf of another member only with the proxy that member gave you.");
        }
    }

    private Members.MemberView rolledMember(Assembly assembly, String personId) {
        return members.findByPerson(personId).filter(m -> m.status() == MemberStatus.ACTIVE && assembly.isEligible(m.id()))
                .orElseThrow(() -> ProblemException.forbidden("Only members who are ACTIVE and were on the roll on the record date vote."));
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
