package coop.izek.workshop.workshops;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonInclude;

import coop.izek.events.WorkshopCategory;
import coop.izek.workshop.directory.Directory;

/**
 * A lifelong learning record: the completed workshops of a person and of each of their children, with hours
 * attended, categories and certificates.
 */
@Service
public class LearningRecords {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String learnerId, boolean self, String learnerName, String workshopId, String title,
                        WorkshopCategory category, LocalDate completedOn, int sessionsAttended, int sessions, BigDecimal hours,
                        String certificateCode) {
    }

    public record Learner(String learnerId, boolean self, String name, int workshops, BigDecimal hours,
                          List<WorkshopCategory> categories, int certificates) {
    }

    public record LearningRecord(List<Learner> learners, List<Entry> entries, BigDecimal totalHours) {
    }

    private final MongoTemplate mongo;
    private final Directory directory;

    LearningRecords(MongoTemplate mongo, Directory directory) {
        this.mongo = mongo;
        this.directory = directory;
    }

    public LearningRecord of(String personId) {
        var learners = new LinkedHashMap<String, LearnerTotals>();
        learners.put(personId, new LearnerTotals(personId, true, directory.fullName(personId).orElse(null)));
        directory.dependantsOf(personId).stream().sorted(Comparator.comparing(Directory.Dependant::fullName))
                .forEach(d -> learners.put(d.dependantId(), new LearnerTotals(d.dependantId(), false, d.fullName())));

        var entries = new ArrayList<Entry>();
        var workshops = mongo.find(Query.query(Criteria.where("enrolments.enrolleeId").is(personId)
                .and("status").is(WorkshopStatus.COMPLETED)), Workshop.class);
        for (var workshop : workshops) {
            var completedOn = LocalDate.ofInstant(workshop.completedAt, Catalogue.ISTANBUL);
            var presence = workshop.presence();
            for (var enrolment : workshop.confirmed()) {
                if (!enrolment.enrolleeId().equals(personId)) {
                    continue;
                }
                for (var participant : enrolment.participants()) {
                    var attended = workshop.sessions.stream().filter(s -> presence.get(s.id()).contains(participant.id())).toList();
                    if (attended.isEmpty()) {
                        continue;
                    }
                    var hours = new BigDecimal(Workshop.hours(attended.stream().mapToLong(Workshop.Session::minutes).sum()));
                    var certificate = workshop.certificates.stream().filter(c -> c.participantId().equals(participant.id()))
                            .map(Workshop.Certificate::code).findFirst().orElse(null);
                    var learner = learners.computeIfAbsent(participant.id(), id -> new LearnerTotals(id, false, null));
                    learner.add(workshop.category, hours, certificate != null);
                    entries.add(new Entry(participant.id(), learner.self, learner.name, workshop.id, Catalogue.firstTitle(workshop.title),
                            workshop.category, completedOn, attended.size(), workshop.sessions.size(), hours, certificate));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::completedOn).reversed().thenComparing(Entry::title));
        var total = learners.values().stream().map(l -> l.hours).reduce(new BigDecimal("0.00"), BigDecimal::add);
        return new LearningRecord(learners.values().stream().map(LearnerTotals::toLearner).toList(), entries, total);
    }

    private static final class LearnerTotals {
        final String id;
        final boolean self;
        final String name;
        int workshops;
        BigDecimal hours = new BigDecimal("0.00");
        final TreeSet<WorkshopCategory> categories = new TreeSet<>();
        int certificates;

        LearnerTotals(String id, boolean self, String name) {
            this.id = id;
            this.self = self;
            this.name = name;
        }

        void add(WorkshopCategory category, BigDecimal moreHours, boolean certified) {
            workshops++;
            hours = hours.add(moreHours);
            categories.add(category);
            certificates += certified ? 1 : 0;
        }

        Learner toLearner() {
            return new Learner(id, self, name, workshops, hours, List.copyOf(categories), certificates);
        }
    }
}
