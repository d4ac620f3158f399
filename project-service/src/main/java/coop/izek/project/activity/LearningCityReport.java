package coop.izek.project.activity;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import coop.izek.events.LearningCityFeature;
import coop.izek.events.TargetGroup;
import coop.izek.project.activity.ActivityRecords.ActivityWorkshop;
import coop.izek.project.projects.Projects;

/**
 * The cooperative's part in a city's UNESCO Global Network of Learning Cities biennial progress report, for one
 * year: learning activities (workshops completed that year in the city) and the people who took part (attended at
 * least one session), by key feature of the GNLC framework, by target group and by district, each figure with the
 * workshops and projects behind it. A workshop counts under its own key features and its project's.
 */
@Service
public class LearningCityReport {

    public record WorkshopRef(String id, String title) {
    }

    public record ProjectRef(String id, String acronym, String title) {
    }

    /** One figure: how many activities, how many distinct participants (and on solidarity seats), hours, and what is behind it. */
    public record Figure(String code, String label, String dimension, int activities, int participants, int solidarityParticipants,
                         BigDecimal learningHours, List<WorkshopRef> workshops, List<ProjectRef> projects) {
    }

    public record Report(String city, int year, String language, Instant generatedAt, Figure total, List<Figure> keyFeatures,
                         List<Figure> targetGroups, List<Figure> districts) {
    }

    private static final String ONLINE = "ONLINE";

    private final MongoTemplate mongo;
    private final Projects projects;
    private final Clock clock;

    LearningCityReport(MongoTemplate mongo, Projects projects, Clock clock) {
        this.mongo = mongo;
        this.projects = projects;
        this.clock = clock;
    }

    public Report of(String city, int year, String language) {
        var labels = ReportLabels.in(language);
        var wanted = fold(city);
        var workshops = mongo.find(Query.query(Criteria.where("status").is("COMPLETED").and("completedYear").is(year)), ActivityWorkshop.class)
                .stream().filter(w -> w.city() != null && fold(w.city()).equals(wanted))
                .sorted(java.util.Comparator.comparing(ActivityWorkshop::completedAt).thenComparing(ActivityWorkshop::workshopId)).toList();
        var projectsById = new LinkedHashMap<String, Projects.Membership>();
        for (var w : workshops) {
            if (w.projectId() != null && !projectsById.containsKey(w.projectId())) {
                projects.membership(w.projectId()).ifPresent(p -> projectsById.put(p.id(), p));
            }
        }
        Function<ActivityWorkshop, Set<String>> features = w -> {
            var all = new LinkedHashSet<>(w.learningCityFeatures());
            var project = w.projectId() == null ? null : projectsById.get(w.projectId());
            if (project != null) {
                all.addAll(project.learningCityFeatures());
            }
            return all;
        };
        var total = figure("TOTAL", labels.total(), null, workshops, p -> true, projectsById);
        var byFeature = new ArrayList<Figure>();
        for (var feature : LearningCityFeature.values()) {
            var behind = workshops.stream().filter(w -> features.apply(w).contains(feature.name())).toList();
            byFeature.add(figure(feature.name(), labels.feature(feature), labels.dimension(feature), behind, p -> true, projectsById));
        }
        var byGroup = new ArrayList<Figure>();
        for (var group : TargetGroup.values()) {
            var behind = workshops.stream().filter(w -> attended(w).stream().anyMatch(p -> group.name().equals(p.targetGroup()))).toList();
            byGroup.add(figure(group.name(), labels.targetGroup(group), null, behind, p -> group.name().equals(p.targetGroup()), projectsById));
        }
        var districts = new TreeMap<String, List<ActivityWorkshop>>(java.text.Collator.getInstance(Locale.forLanguageTag("tr")));
        workshops.forEach(w -> districts.computeIfAbsent(w.district() == null ? ONLINE : w.district(), d -> new ArrayList<>()).add(w));
        var byDistrict = districts.entrySet().stream().map(e -> figure(e.getKey(), e.getKey().equals(ONLINE) ? labels.online() : e.getKey(),
                null, e.getValue(), p -> true, projectsById)).toList();
        return new Report(workshops.isEmpty() ? city.strip() : workshops.getFirst().city(), year, labels.language(), clock.instant(), total,
                byFeature, byGroup, byDistrict);
    }

    private static Figure figure(String code, String label, String dimension, List<ActivityWorkshop> workshops,
                                 java.util.function.Predicate<ActivityRecords.CompletedParticipant> counted,
                                 Map<String, Projects.Membership> projectsById) {
        Set<String> participants = new HashSet<>();
        Set<String> solidarity = new HashSet<>();
        var hours = BigDecimal.ZERO;
        var projectRefs = new LinkedHashMap<String, ProjectRef>();
        for (var w : workshops) {
            for (var p : attended(w)) {
                if (counted.test(p)) {
                    participants.add(p.key());
                    if ("SOLIDARITY".equals(p.seatType())) {
                        solidarity.add(p.key());
                    }
                    hours = hours.add(p.hours());
                }
            }
            var project = w.projectId() == null ? null : projectsById.get(w.projectId());
            if (project != null) {
                projectRefs.putIfAbsent(project.id(), new ProjectRef(project.id(), project.acronym(), project.title()));
            }
        }
        return new Figure(code, label, dimension, workshops.size(), participants.size(), solidarity.size(), plain(hours),
                workshops.stream().map(w -> new WorkshopRef(w.workshopId(), w.title())).toList(), List.copyOf(projectRefs.values()));
    }

    private static Collection<ActivityRecords.CompletedParticipant> attended(ActivityWorkshop w) {
        return w.completedParticipants() == null ? List.of()
                : w.completedParticipants().stream().filter(p -> p.sessionsAttended() > 0).toList();
    }

    /** "İzmir", "IZMIR", "izmir" and "Izmir" are one city; so are "Karşıyaka" and "Karsiyaka". */
    static String fold(String name) {
        var dotless = name.strip().replace('İ', 'i').replace('I', 'i').replace('ı', 'i');
        return Normalizer.normalize(dotless.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    static BigDecimal plain(BigDecimal value) {
        var stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
