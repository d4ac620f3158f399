package coop.izek.project.activity;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import coop.izek.project.activity.ActivityRecords.ActivityWorkshop;
import coop.izek.project.activity.ActivityRecords.Place;
import coop.izek.project.activity.ActivityRecords.Session;
import coop.izek.project.mobilities.Mobilities;
import coop.izek.project.projects.Projects;
import coop.izek.support.security.Caller;

/**
 * A project's indicators, counted from what happened: its workshops (delivered = completed), the distinct people
 * who held a confirmed place in them (completed or not), those on solidarity seats, the hours they attended, and the
 * project's realised mobilities.
 */
@Service
public class ProjectIndicators {

    public record Indicators(String projectId, String acronym, long workshopsDelivered, int participantsReached, int solidarityParticipants,
                             BigDecimal attendanceHours, Map<String, Integer> byTargetGroup, int mobilities, int mobilityParticipants,
                             int mobilitiesPlanned) {
    }

    private final MongoTemplate mongo;
    private final Projects projects;
    private final Mobilities mobilities;

    ProjectIndicators(MongoTemplate mongo, Projects projects, Mobilities mobilities) {
        this.mongo = mongo;
        this.projects = projects;
        this.mobilities = mobilities;
    }

    public Indicators of(String projectId, Caller caller) {
        return of(projects.membership(projectId, caller));
    }

    /** A granted project's figures, for anyone: counts only, nobody named. */
    public Indicators ofPublished(String projectId) {
        return of(projects.publishedMembership(projectId));
    }

    private Indicators of(Projects.Membership project) {
        long delivered = mongo.count(Query.query(Criteria.where("projectId").is(project.id()).and("status").is("COMPLETED")),
                ActivityWorkshop.class);
        Set<String> reached = new HashSet<>();
        Set<String> solidarity = new HashSet<>();
        Map<String, Set<String>> byGroup = new TreeMap<>();
        for (var place : mongo.find(Query.query(Criteria.where("projectId").is(project.id()).and("confirmed").is(true)), Place.class)) {
            reached.add(place.key());
            if ("SOLIDARITY".equals(place.seatType())) {
                solidarity.add(place.key());
            }
            byGroup.computeIfAbsent(place.targetGroup(), g -> new HashSet<>()).add(place.key());
        }
        var hours = BigDecimal.ZERO;
        for (var session : mongo.find(Query.query(Criteria.where("projectId").is(project.id())), Session.class)) {
            hours = hours.add(session.hours().multiply(BigDecimal.valueOf(session.present())));
        }
        var groups = new TreeMap<String, Integer>();
        byGroup.forEach((group, keys) -> groups.put(group, keys.size()));
        var mobility = mobilities.figures(project.id());
        return new Indicators(project.id(), project.acronym(), delivered, reached.size(), solidarity.size(), LearningCityReport.plain(hours), groups, mobility.realised(), mobility.participants(), mobility.planned());
    }
}
