package coop.izek.notification.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import coop.izek.events.MembershipEvents;
import coop.izek.events.ProjectEvents;
import coop.izek.events.WorkshopEvents;
import coop.izek.support.messaging.ReadModel;

/**
 * What this service knows to address people, built from events: people (address, name, locale), children (whose
 * messages go to their guardian), workshops (titles and sessions), partner organisations and the projects they are in.
 * Every write is an upsert keyed by id, so replaying an event changes nothing. An erased person or child leaves a
 * tombstone, so a late event about them (another partition, a replay) never writes their address or name again.
 * <p>
 * People and workshops found are remembered for a second: one enrolment asks for its workshop and its people several
 * times (the notice, the preferences' locale, the mail), and in a rush these reads were a third of the store round trips.
 * This instance's own writes forget them at once; another instance's write (it owns other partitions) is seen within
 * the second, no later than events across topics are seen anyway.
 */
@Service
public class Directory {

    public record Person(String personId, String email, String fullName, String locale) {
    }

    public record Dependant(String dependantId, String guardianId, String fullName) {
    }

    public record Workshop(String workshopId, String title, List<Session> sessions) {
        public record Session(String sessionId, Instant start) {
        }
    }

    /** A partner organisation; messages to it go to its contact address, in the language of its country. */
    public record Organisation(String organisationId, String name, String country, String contactEmail) {
        public String locale() {
            return switch (country == null ? "" : country.toUpperCase(java.util.Locale.ROOT)) {
                case "TR" -> "tr";
                case "PL" -> "pl";
                default -> "en";
            };
        }
    }

    /** The organisations of a project's consortium. */
    public record Project(String projectId, String acronym, String coordinatorOrganisationId, List<String> organisationIds) {
    }

    static final String PEOPLE = "directory_people";
    static final String ORGANISATIONS = "directory_organisations";
    static final String PROJECTS = "directory_projects";
    static final String DEPENDANTS = "directory_dependants";
    static final String WORKSHOPS = "directory_workshops";

    private final MongoTemplate mongo;
    private final ReadModel people;
    private final ReadModel dependants;
    private final Cache<String, Person> recentPeople = recent();
    private final Cache<String, Workshop> recentWorkshops = recent();

    Directory(MongoTemplate mongo) {
        this.mongo = mongo;
        this.people = new ReadModel(mongo, PEOPLE);
        this.dependants = new ReadModel(mongo, DEPENDANTS);
    }

    private static <T> Cache<String, T> recent() {
        return Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(1)).maximumSize(10_000).build();
    }

    /** What is found is remembered; what is not is asked for again (its event may be just about to arrive). */
    private static <T> Optional<T> remembered(Cache<String, T> cache, String id, Function<String, T> find) {
        var known = cache.getIfPresent(id);
        if (known == null) {
            known = find.apply(id);
            if (known != null) {
                cache.put(id, known);
            }
        }
        return Optional.ofNullable(known);
    }

    /**
     * Reads the people among these that are not remembered in one query, and remembers them: the events of one batch
     * name many people, each of whom would otherwise be one read before the batch's first inbox item is written.
     */
    public void recallPeople(Collection<String> personIds) {
        var unknown = personIds.stream().filter(id -> recentPeople.getIfPresent(id) == null).distinct().toList();
        if (!unknown.isEmpty()) {
            people.findAll(unknown, Person.class).forEach(person -> recentPeople.put(person.personId(), person));
        }
    }

    public Optional<Person> person(String personId) {
        return remembered(recentPeople, personId, id -> people.find(id, Person.class));
    }

    public Optional<Dependant> dependant(String dependantId) {
        return Optional.ofNullable(dependants.find(dependantId, Dependant.class));
    }

    public Optional<Workshop> workshop(String workshopId) {
        return remembered(recentWorkshops, workshopId, id -> mongo.findById(id, Workshop.class, WORKSHOPS));
    }

    public Optional<Organisation> organisation(String organisationId) {
        return Optional.ofNullable(mongo.findById(organisationId, Organisation.class, ORGANISATIONS));
    }

    public Optional<Project> project(String projectId) {
        return Optional.ofNullable(mongo.findById(projectId, Project.class, PROJECTS));
    }

    /** Workshops not cancelled with a session starting in (from, to]. */
    public List<Workshop> workshopsWithSessionsBetween(Instant from, Instant to) {
        return mongo.find(Query.query(Criteria.where("cancelled").ne(true).and("sessions")
                .elemMatch(Criteria.where("start").gt(from).lte(to))), Workshop.class, WORKSHOPS);
    }

    public void workshopCancelled(WorkshopEvents.WorkshopCancelled event) {
        upsert(WORKSHOPS, event.workshopId(), Update.update("cancelled", true).set("workshopId", event.workshopId()));
        recentWorkshops.invalidate(event.workshopId());
    }

    public void organisationRegistered(MembershipEvents.OrganisationRegistered event) {
        upsert(ORGANISATIONS, event.organisationId(), Update.update("organisationId", event.organisationId()).set("name", event.name())
                .set("country", event.country()).set("contactEmail", event.contactEmail()));
    }

    public void projectCreated(ProjectEvents.ProjectCreated event) {
        upsert(PROJECTS, event.projectId(), Update.update("projectId", event.projectId()).set("acronym", event.acronym())
                .set("coordinatorOrganisationId", event.coordinatorOrganisationId())
                .addToSet("organisationIds", event.coordinatorOrganisationId()));
    }

    public void partnerAdded(ProjectEvents.PartnerAdded event) {
        upsert(PROJECTS, event.projectId(), Update.update("projectId", event.projectId()).set("acronym", event.acronym())
                .addToSet("organisationIds", event.organisationId()));
    }

    public void personRegistered(MembershipEvents.PersonRegistered event) {
        people.upsert(event.personId(), Update.update("email", event.email()).set("fullName", event.fullName())
                .set("locale", event.locale()).set("personId", event.personId()));
        recentPeople.invalidate(event.personId());
    }

    public void dependantAdded(MembershipEvents.DependantAdded event) {
        if (people.isErased(event.guardianId())) {
            return;
        }
        dependants.upsert(event.dependantId(), Update.update("guardianId", event.guardianId()).set("fullName", event.fullName())
                .set("dependantId", event.dependantId()));
    }

    public void workshopPublished(WorkshopEvents.WorkshopPublished event) {
        upsert(WORKSHOPS, event.workshopId(), Update.update("title", event.title()).set("workshopId", event.workshopId())
                .set("sessions", event.sessions().stream().map(s -> new Workshop.Session(s.sessionId(), s.start().toInstant())).toList()));
        recentWorkshops.invalidate(event.workshopId());
    }

    /** Forgets how to reach the person and their children's names, leaving tombstones. */
    public void personErased(MembershipEvents.PersonErased event) {
        people.erase(event.personId());
        recentPeople.invalidate(event.personId());
        event.dependantIds().forEach(dependants::erase);
    }

    private void upsert(String collection, String id, Update update) {
        mongo.upsert(Query.query(Criteria.where("_id").is(id)), update, collection);
    }
}
