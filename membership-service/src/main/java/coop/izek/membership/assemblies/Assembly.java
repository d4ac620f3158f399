package coop.izek.membership.assemblies;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.events.DomainEvent;
import coop.izek.events.MembershipEvents;
import coop.izek.events.MembershipEvents.AssemblyConvened;
import coop.izek.support.outbox.OutboxAggregate;

/**
 * A general assembly with its motions. The electorate is fixed when it is convened (the record date): the members
 * ACTIVE then.
 */
@Document("assemblies")
class Assembly extends OutboxAggregate {

    record Motion(String id, String title, String text) {
    }

    @Id
    private String id;
    private String title;
    private LocalDate date;
    private LocalDate recordDate;
    private List<Motion> motions;
    private List<String> eligibleMemberIds;
    private Instant convenedAt;
    private String convenedBy;

    Assembly() {
    }

    record Convening(Assembly assembly, List<DomainEvent<?>> events) {
    }

    static Convening convene(String title, LocalDate date, List<Motion> motions, List<String> eligibleMemberIds,
                             List<String> eligiblePersonIds, LocalDate recordDate, String by, Instant now) {
        var assembly = new Assembly();
        assembly.id = UUID.randomUUID().toString();
        assembly.title = title.strip();
        assembly.date = date;
        assembly.recordDate = recordDate;
        assembly.motions = motions.stream().map(m -> new Motion(UUID.randomUUID().toString(), m.title().strip(), m.text())).toList();
        assembly.eligibleMemberIds = List.copyOf(eligibleMemberIds);
        assembly.convenedAt = now;
        assembly.convenedBy = by;
        var event = MembershipEvents.ASSEMBLY_CONVENED.of(assembly.id, new AssemblyConvened(assembly.id, assembly.title, date,
                recordDate, assembly.motions.stream().map(m -> new AssemblyConvened.Motion(m.id(), m.title())).toList(),
                List.copyOf(eligiblePersonIds)));
        return new Convening(assembly, List.of(event));
    }

    @Override
    public String aggregateId() {
        return id;
    }

    String id() {
        return id;
    }

    String title() {
        return title;
    }

    LocalDate date() {
        return date;
    }

    LocalDate recordDate() {
        return recordDate;
    }

    List<Motion> motions() {
        return motions;
    }

    boolean hasMotion(String motionId) {
        return motions.stream().anyMatch(m -> m.id().equals(motionId));
    }

    boolean isEligible(String memberId) {
        return eligibleMemberIds.contains(memberId);
    }

    int electorate() {
        return eligibleMemberIds.size();
    }
}
