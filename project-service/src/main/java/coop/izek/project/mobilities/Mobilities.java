package coop.izek.project.mobilities;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import coop.izek.events.TargetGroup;
import coop.izek.project.directory.Directory;
import coop.izek.project.projects.Projects;
import coop.izek.support.security.Caller;
import coop.izek.support.web.ProblemException;

/**
 * Learning mobilities as staff and partners report them. A partner reports and sees those of its projects, may
 * record only those it sends or receives, and sees participants' names only of those it organised.
 */
@Service
public class Mobilities {

    public record Report(MobilityType type, String title, String workPackage, String sendingOrganisationId, String receivingOrganisationId,
                         String country, LocalDate startDate, LocalDate endDate, Map<TargetGroup, Integer> participants,
                         List<String> participantNames, MobilityStatus status) {
    }

    /** {@code participantNames} only for staff and the organiser. */
    public record MobilityView(String id, MobilityType type, String title, String workPackage, String sendingOrganisationId,
                               String receivingOrganisationId, String country, LocalDate startDate, LocalDate endDate,
                               Map<TargetGroup, Integer> participants, int participantCount, List<String> participantNames,
                               MobilityStatus status, String organiserOrganisationId) {
    }

    /** What a project's indicators count: realised mobilities and their participants, and how many are still planned. */
    public record Figures(int realised, int participants, int planned) {
    }

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final MongoTemplate mongo;
    private final Projects projects;
    private final Directory directory;
    private final Clock clock;

    Mobilities(MongoTemplate mongo, Projects projects, Directory directory, Clock clock) {
        this.mongo = mongo;
        this.projects = projects;
        this.directory = directory;
        this.clock = clock;
    }

    public MobilityView report(String projectId, Report report, Caller caller) {
        return report(UUID.randomUUID().toString(), projectId, report, caller);
    }

    /** With an id of the caller's choosing (the demo's, so loading it twice reports nothing twice). */
    public MobilityView report(String id, String projectId, Report report, Caller caller) {
        var project = projects.membership(projectId, caller);
        int workPackage = Projects.workPackageNumber(report.workPackage(), "workPackage");
        var country = report.country().strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            throw ProblemException.invalidField("country", "must be an ISO 3166 two-letter country code (TR, PL, DE …)");
        }
        requireCounts(report.participants());
        if (!project.workPackages().contains(workPackage)) {
            throw ProblemException.ruleViolated("unknown-work-package", "The project has no WP" + workPackage + ".");
        }
        for (var field : List.of("sendingOrganisationId", "receivingOrganisationId")) {
            var organisationId = field.startsWith("sending") ? report.sendingOrganisationId() : report.receivingOrganisationId();
            if (directory.organisation(organisationId).isEmpty()) {
                throw ProblemException.ruleViolated("unknown-organisation", "The organisation in '" + field + "' is not registered.");
            }
        }
        if (report.sendingOrganisationId().equals(report.receivingOrganisationId())) {
            throw ProblemException.ruleViolated("same-organisation", "A mobility goes from one organisation to another.");
        }
        if (!project.includes(report.sendingOrganisationId()) && !project.includes(report.receivingOrganisationId())) {
            throw ProblemException.ruleViolated("not-a-partner", "The sending or the receiving organisation is in the project's consortium.");
        }
        if (report.endDate().isBefore(report.startDate())) {
            throw ProblemException.ruleViolated("mobility-dates", "A mobility ends on or after the day it starts.");
        }
        var status = report.status() == null ? MobilityStatus.PLANNED : report.status();
        if (status == MobilityStatus.REALISED && report.endDate().isAfter(today())) {
            throw ProblemException.ruleViolated("not-over-yet", "A mobility is realised once it has ended; report it as PLANNED until then.");
        }
        String organiser;
        if (caller.hasRole("ADMIN")) {
            organiser = report.sendingOrganisationId();
        } else {
            organiser = caller.organisationId().orElse("");
            if (!organiser.equals(report.sendingOrganisationId()) && !organiser.equals(report.receivingOrganisationId())) {
                throw ProblemException.forbidden("A partner reports the mobilities it sends or receives.");
            }
        }
        var mobility = new Mobility(id, project.id(), report.type(), report.title().strip(), workPackage,
                report.sendingOrganisationId(), report.receivingOrganisationId(), country, report.startDate(), report.endDate(),
                new EnumMap<>(report.participants()), names(report.participantNames()), status, organiser, clock.instant(), caller.id());
        try {
            mongo.insert(mobility);
        } catch (org.springframework.dao.DuplicateKeyException reported) {
            throw ProblemException.conflict("mobility-exists", "This mobility was reported already.");
        }
        return view(mobility, caller);
    }

    /** It took place: the counts (and names) become what happened. Once. */
    public MobilityView realised(String projectId, String mobilityId, Map<TargetGroup, Integer> participants, List<String> participantNames,
                                 Caller caller) {
        var project = projects.membership(projectId, caller);
        var mobility = mongo.findOne(Query.query(Criteria.where("_id").is(mobilityId).and("projectId").is(project.id())), Mobility.class);
        if (mobility == null) {
            throw ProblemException.notFound("mobility", mobilityId);
        }
        if (!caller.hasRole("ADMIN") && !mobility.involves(caller.organisationId().orElse(""))) {
            throw ProblemException.forbidden("A partner records the mobilities it sends or receives.");
        }
        if (mobility.endDate().isAfter(today())) {
            throw ProblemException.ruleViolated("not-over-yet", "A mobility is realised once it has ended (" + mobility.endDate() + ").");
        }
        var update = new Update().set("status", MobilityStatus.REALISED);
        if (participants != null) {
            requireCounts(participants);
            update.set("participants", new EnumMap<>(participants));
        }
        if (participantNames != null) {
            update.set("participantNames", names(participantNames));
        }
        var changed = mongo.updateFirst(Query.query(Criteria.where("_id").is(mobilityId).and("status").is(MobilityStatus.PLANNED)), update,
                Mobility.class);
        if (changed.getModifiedCount() == 0) {
            throw ProblemException.conflict("already-realised", "This mobility was recorded as realised already.");
        }
        return view(mongo.findById(mobilityId, Mobility.class), caller);
    }

    public List<MobilityView> list(String projectId, Caller caller) {
        var project = projects.membership(projectId, caller);
        return mongo.find(Query.query(Criteria.where("projectId").is(project.id())).with(Sort.by("startDate", "_id")), Mobility.class)
                .stream().map(m -> view(m, caller)).toList();
    }

    public Figures figures(String projectId) {
        int realised = 0;
        int participants = 0;
        int planned = 0;
        for (var m : mongo.find(Query.query(Criteria.where("projectId").is(projectId)), Mobility.class)) {
            if (m.status() == MobilityStatus.REALISED) {
                realised++;
                participants += m.participantCount();
            } else {
                planned++;
            }
        }
        return new Figures(realised, participants, planned);
    }

    private static void requireCounts(Map<TargetGroup, Integer> participants) {
        if (participants.values().stream().anyMatch(count -> count == null || count < 0 || count > 10_000)) {
            throw ProblemException.invalidField("participants", "counts are whole numbers from 0 to 10000");
        }
        if (participants.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw ProblemException.invalidField("participants", "count at least one participant");
        }
    }

    private static List<String> names(List<String> names) {
        return names == null ? List.of() : names.stream().map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ISTANBUL));
    }

    private static MobilityView view(Mobility m, Caller caller) {
        boolean organiser = caller.hasRole("ADMIN") || caller.organisationId().filter(m.organiserOrganisationId()::equals).isPresent();
        return new MobilityView(m.id(), m.type(), m.title(), "WP" + m.workPackage(), m.sendingOrganisationId(), m.receivingOrganisationId(),
                m.country(), m.startDate(), m.endDate(), m.participants(), m.participantCount(), organiser ? m.participantNames() : null,
                m.status(), m.organiserOrganisationId());
    }
}
