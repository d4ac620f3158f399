package coop.izek.system.resilience;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import coop.izek.system.Platform;
import coop.izek.testsupport.TestMail;

/**
 * The books after a scenario, from the stores, the mail server and the inboxes: what was acknowledged is stored as
 * it was told (or promoted from the waiting list, or cancelled as asked), no workshop holds more than its places,
 * waiting lists were promoted in order and no place is free while someone waits, every enrolment, promotion and
 * cancellation produced exactly one mail and one inbox item for its enrollee, the project's indicators count every
 * confirmed participant of its workshops once, and no event waits in any outbox.
 */
final class Books {

    private static final List<String> DATABASES = List.of("izek-membership", "izek-workshop", "izek-project", "izek-notification");
    private static final Duration SETTLE = Duration.ofMinutes(3);

    /** Someone who enrolled, as the test knows them. */
    record Person(String email, String token) {
    }

    private final Platform platform;

    Books(Platform platform) {
        this.platform = platform;
    }

    /**
     * What the people are told of an enrolment, mail subject and inbox title alike, in Turkish, their language (from
     * notification-service's {@code messages/notifications.properties}), before ": " and the workshop's title.
     */
    private static final String CONFIRMED = "Kaydınız onaylandı";
    private static final String WAITLISTED = "Bekleme listesindesiniz";
    private static final String PROMOTED = "Yer açıldı";
    private static final String CANCELLED = "Kaydınız iptal edildi";

    /**
     * Counts and checks; waits (up to a few minutes) for deliveries and outboxes to settle before counting what left.
     * {@code answers} hold the enrolments (POST) and the cancellations of some of them (DELETE) made in the burst.
     */
    Map<String, Object> check(Map<String, String> workshopTitles, Map<String, Person> peopleById, List<RetryingClient.Answer> answers) {
        var figures = new LinkedHashMap<String, Object>();
        long lost = 0;
        long overbooked = 0;
        long unacknowledged = 0;
        long duplicatedPlaces = 0;
        long promoted = 0;
        long waitingListOff = 0;
        var expectedMessages = new HashMap<String, Map<String, Integer>>();
        var placedAfterRetry = new ArrayList<PlacedAfterRetry>();
        var confirmedParticipants = new HashMap<String, Long>();
        // Per enrollee and message about a workshop, what the harness saw of it: to name the case when the books are off.
        var stories = new HashMap<String, String>();
        try (var mongo = MongoClients.create("mongodb://127.0.0.1:" + platform.ports.get("STORE"))) {
            awaitNoOutboxBacklog(mongo);
            var workshops = mongo.getDatabase("izek-workshop").getCollection("workshops");
            for (var entry : workshopTitles.entrySet()) {
                var title = entry.getValue();
                var workshop = workshops.find(Filters.eq("_id", entry.getKey())).first();
                var told = new HashMap<String, String>();
                var tries = new HashMap<String, Integer>();
                var cancelled = new java.util.HashSet<String>();
                for (var answer : answers) {
                    var path = answer.write().path();
                    if (answer.status() == 201 && path.equals("/api/workshops/" + entry.getKey() + "/enrolments")) {
                        var said = Platform.JSON.readTree(answer.body());
                        told.put(said.get("id").asString(), said.get("status").asString());
                        tries.put(said.get("id").asString(), answer.tries());
                    } else if (answer.status() == 204 && path.startsWith("/api/workshops/" + entry.getKey() + "/enrolments/")) {
                        cancelled.add(path.substring(path.lastIndexOf('/') + 1));
                    }
                }
                var stored = new LinkedHashMap<String, Document>();
                var participants = new HashMap<String, Integer>();
                // In arrival order: a freed place goes to the first who waits, so those promoted come before all still waiting.
                boolean someoneWaits = false;
                for (var enrolment : workshop.getList("enrolments", Document.class)) {
                    var id = String.valueOf(enrolment.containsKey("_id") ? enrolment.get("_id") : enrolment.get("id"));
                    stored.put(id, enrolment);
                    var status = enrolment.getString("status");
                    if (status.equals("CONFIRMED") || status.equals("WAITLISTED")) {
                        for (var key : enrolment.getList("participantKeys", String.class)) {
                            participants.merge(key, 1, Integer::sum);
                        }
                    }
                    var said = told.getOrDefault(id, status);
                    var messages = expectedMessages.computeIfAbsent(peopleById.get(enrolment.getString("enrolleeId")).email(), e -> new HashMap<>());
                    if (said.equals("CONFIRMED") && !status.equals("WAITLISTED") && tries.getOrDefault(id, 1) > 1) {
                        // A retry whose first run recorded the enrolment answers with its status now: it may have been
                        // waitlisted first and promoted since, and then was told so twice, rightly (and may have given
                        // the place up since, as told it had one).
                        placedAfterRetry.add(new PlacedAfterRetry(peopleById.get(enrolment.getString("enrolleeId")).email(), title));
                    } else if (said.equals("CONFIRMED") || said.equals("WAITLISTED")) {
                        messages.merge((said.equals("CONFIRMED") ? CONFIRMED : WAITLISTED) + ": " + title, 1, Integer::sum);
                    }
                    if (said.equals("WAITLISTED") && status.equals("CONFIRMED")) {
                        promoted++;
                        messages.merge(PROMOTED + ": " + title, 1, Integer::sum);
                        waitingListOff += someoneWaits ? 1 : 0;
                    }
                    if (status.equals("CANCELLED")) {
                        messages.merge(CANCELLED + ": " + title, 1, Integer::sum);
                    }
                    someoneWaits |= status.equals("WAITLISTED");
                    stories.merge(peopleById.get(enrolment.getString("enrolleeId")).email() + " " + title, "enrolment " + id + " told "
                            + told.getOrDefault(id, "nothing") + " after " + tries.getOrDefault(id, 0) + " tries, stored " + status
                            + (cancelled.contains(id) ? ", cancelled as asked" : ""), (a, b) -> a + "; " + b);
                }
                duplicatedPlaces += participants.values().stream().filter(n -> n > 1).count();
                long seated = stored.values().stream().filter(e -> "CONFIRMED".equals(e.getString("status"))).count();
                confirmedParticipants.put(entry.getKey(), stored.values().stream().filter(e -> "CONFIRMED".equals(e.getString("status")))
                        .mapToLong(e -> e.getList("participantKeys", String.class).size()).sum());
                if (seated > workshop.getInteger("capacity") || seated + workshop.getInteger("seatsLeft") != workshop.getInteger("capacity")) {
                    overbooked++;
                }
                if (someoneWaits && workshop.getInteger("seatsLeft") > 0) {
                    waitingListOff++;
                }
                for (var said : told.entrySet()) {
                    var enrolment = stored.get(said.getKey());
                    var status = enrolment == null ? null : enrolment.getString("status");
                    boolean asTold = said.getValue().equals(status)
                            || (said.getValue().equals("WAITLISTED") && "CONFIRMED".equals(status))
                            || (said.getValue().equals("CONFIRMED") && "CANCELLED".equals(status) && cancelled.contains(said.getKey()));
                    lost += asTold ? 0 : 1;
                }
                lost += cancelled.stream().filter(id -> stored.get(id) == null || !"CANCELLED".equals(stored.get(id).getString("status"))).count();
                unacknowledged += stored.size() - told.size();
            }
            awaitDeliveriesSettled(mongo, peopleById.keySet());
            figures.put("projectPlacesOff", projectPlacesOff(mongo, confirmedParticipants));
        }
        var titles = workshopTitles.values();
        var expected = new Expected(expectedMessages, placedAfterRetry);
        var resent = new java.util.concurrent.ConcurrentHashMap<String, Integer>();
        var mails = mailsPerWorkshop(expected, titles, resent);
        var inbox = inboxItemsPerWorkshop(peopleById.values(), expected, titles);
        var offBy = new ArrayList<String>();
        mails.off().forEach(off -> offBy.add("mail " + off + " (" + stories.get(off.email() + " " + off.title()) + ")"));
        inbox.off().forEach(off -> offBy.add("inbox " + off + " (" + stories.get(off.email() + " " + off.title()) + ")"));
        figures.put("lost", lost);
        figures.put("overbooked", overbooked);
        figures.put("duplicatedPlaces", duplicatedPlaces);
        figures.put("unacknowledged", unacknowledged);
        figures.put("promoted", promoted);
        figures.put("waitingListOff", waitingListOff);
        figures.put("mailsMissing", mails.missing());
        figures.put("mailsDuplicated", mails.duplicated());
        figures.put("mailsResentWithTheirId", resent.values().stream().mapToLong(Integer::longValue).sum());
        figures.put("inboxItemsMissing", inbox.missing());
        figures.put("inboxItemsDuplicated", inbox.duplicated());
        if (!offBy.isEmpty()) {
            figures.put("messagesOff", offBy);
        }
        return figures;
    }

    record Tally(long missing, long duplicated, List<Off> off) {
    }

    /** A message about a workshop ({@code subject}: what it says, ": ", the workshop's title) found more or less often than expected. */
    record Off(String email, String subject, int found, int expected) {

        String title() {
            return subject.substring(subject.indexOf(": ") + 2);
        }

        @Override
        public String toString() {
            return email + ": " + subject + " ×" + found + ", expected " + expected;
        }
    }

    /** A place a retry was told of: either "confirmed", or "waitlisted" and then "a place opened", about one workshop. */
    record PlacedAfterRetry(String email, String title) {
    }

    /**
     * The messages each enrollee should have, by subject, once a reading shows which way each place after a retry
     * went. {@code sure} names every enrollee, those with a place after a retry included.
     */
    record Expected(Map<String, Map<String, Integer>> sure, List<PlacedAfterRetry> placedAfterRetry) {

        Map<String, Map<String, Integer>> given(Map<String, Map<String, Integer>> reading) {
            var expected = new HashMap<String, Map<String, Integer>>();
            sure.forEach((email, messages) -> expected.put(email, new HashMap<>(messages)));
            for (var placed : placedAfterRetry) {
                var messages = expected.computeIfAbsent(placed.email(), e -> new HashMap<>());
                if (reading.getOrDefault(placed.email(), Map.of()).containsKey(WAITLISTED + ": " + placed.title())) {
                    messages.merge(WAITLISTED + ": " + placed.title(), 1, Integer::sum);
                    messages.merge(PROMOTED + ": " + placed.title(), 1, Integer::sum);
                } else {
                    messages.merge(CONFIRMED + ": " + placed.title(), 1, Integer::sum);
                }
            }
            return expected;
        }
    }

    /**
     * Per enrollee, the mails about these workshops as a mail client shows them: one per Message-ID. The notifier makes
     * the id from the delivery, and sends a delivery again when the mail server took the whole message but died before
     * answering (it cannot know whether the message was kept); that copy is the same message to the reader and is
     * counted apart, in {@code resent} (copies beyond the first, by address, as last read). A mail sent twice as two
     * deliveries has two ids and counts twice.
     */
    private Tally mailsPerWorkshop(Expected expected, java.util.Collection<String> titles, Map<String, Integer> resent) {
        return settled(expected, titles, email -> {
            var envelopes = TestMail.envelopes("127.0.0.1", platform.ports.get("IMAP"), email);
            var byId = new LinkedHashMap<String, String>();
            for (var envelope : envelopes) {
                byId.putIfAbsent(envelope.messageId() == null ? java.util.UUID.randomUUID().toString() : envelope.messageId(), envelope.subject());
            }
            resent.put(email, envelopes.size() - byId.size());
            return List.copyOf(byId.values());
        });
    }

    /** Per enrollee, the inbox items about these workshops, by title. */
    private Tally inboxItemsPerWorkshop(java.util.Collection<Person> people, Expected expected,
                                        java.util.Collection<String> titles) {
        var tokens = new HashMap<String, String>();
        people.forEach(person -> tokens.put(person.email(), person.token()));
        return settled(expected, titles, email -> {
            var titlesRead = new ArrayList<String>();
            platform.json(platform.get("/api/notifications/inbox?size=100", tokens.get(email))).get("items")
                    .forEach(item -> titlesRead.add(item.get("title").asString()));
            return titlesRead;
        });
    }

    /**
     * Reads each enrollee's messages ({@code read}, by address) until they hold all that is expected or time is up,
     * and tallies the last whole reading: what is missing, and what came more often than expected.
     */
    private static Tally settled(Expected expected, java.util.Collection<String> titles,
                                 java.util.function.Function<String, List<String>> read) {
        var last = new java.util.concurrent.atomic.AtomicReference<Map<String, Map<String, Integer>>>(Map.of());
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                var reading = new HashMap<String, Map<String, Integer>>();
                for (var email : expected.sure().keySet()) {
                    var counts = new HashMap<String, Integer>();
                    for (var text : read.apply(email)) {
                        if (aboutOneOf(text, titles)) {
                            counts.merge(text, 1, Integer::sum);
                        }
                    }
                    reading.put(email, counts);
                }
                last.set(reading);
                return covers(reading, expected.given(reading));
            });
        } catch (org.awaitility.core.ConditionTimeoutException notAll) {
            // Counted below as missing.
        }
        return tally(expected.given(last.get()), last.get());
    }

    private static boolean aboutOneOf(String subject, java.util.Collection<String> workshopTitles) {
        return workshopTitles.stream().anyMatch(title -> subject.endsWith(": " + title));
    }

    private static boolean covers(Map<String, Map<String, Integer>> found, Map<String, Map<String, Integer>> expected) {
        return expected.entrySet().stream().allMatch(person -> person.getValue().entrySet().stream()
                .allMatch(title -> found.getOrDefault(person.getKey(), Map.of()).getOrDefault(title.getKey(), 0) >= title.getValue()));
    }

    private static Tally tally(Map<String, Map<String, Integer>> expected, Map<String, Map<String, Integer>> found) {
        long missing = 0;
        long duplicated = 0;
        var off = new ArrayList<Off>();
        for (var person : expected.entrySet()) {
            var got = found.getOrDefault(person.getKey(), Map.of());
            var subjects = new java.util.TreeSet<>(person.getValue().keySet());
            // Also what was not expected at all (a promotion told to someone who had a place).
            subjects.addAll(got.keySet());
            for (var subject : subjects) {
                int wanted = person.getValue().getOrDefault(subject, 0);
                int had = got.getOrDefault(subject, 0);
                missing += Math.max(0, wanted - had);
                duplicated += Math.max(0, had - wanted);
                if (had != wanted) {
                    off.add(new Off(person.getKey(), subject, had, wanted));
                }
            }
        }
        return new Tally(missing, duplicated, off);
    }

    /**
     * The project's indicators equal the enrolments: project-service holds one confirmed place per participant with a
     * confirmed place in each of its workshops (it keeps them under keyed fingerprints, so they are counted, not
     * matched). Waits for them to settle; returns how far off they are, summed over the workshops.
     */
    private static long projectPlacesOff(MongoClient mongo, Map<String, Long> confirmedParticipants) {
        var places = mongo.getDatabase("izek-project").getCollection("activity_places");
        var off = new java.util.concurrent.atomic.AtomicLong();
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                off.set(confirmedParticipants.entrySet().stream().mapToLong(workshop -> Math.abs(workshop.getValue()
                        - places.countDocuments(Filters.and(Filters.eq("workshopId", workshop.getKey()), Filters.eq("confirmed", true))))).sum());
                return off.get() == 0;
            });
        } catch (org.awaitility.core.ConditionTimeoutException stillOff) {
            // Reported as it stands.
        }
        return off.get();
    }

    /** Every event stored with its aggregate has been published and taken out of its document. */
    private static void awaitNoOutboxBacklog(MongoClient mongo) {
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> backlog(mongo).isEmpty());
    }

    static List<String> backlog(MongoClient mongo) {
        var waiting = new ArrayList<String>();
        for (var name : DATABASES) {
            var database = mongo.getDatabase(name);
            for (var collection : database.listCollectionNames()) {
                long count = database.getCollection(collection).countDocuments(Filters.exists("outbox.0"));
                if (count > 0) {
                    waiting.add(name + "." + collection + ": " + count);
                }
            }
        }
        return waiting;
    }

    /** No delivery to these people is waiting or being sent: what will go has gone. */
    private static void awaitDeliveriesSettled(MongoClient mongo, java.util.Set<String> personIds) {
        var deliveries = mongo.getDatabase("izek-notification").getCollection("deliveries");
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> deliveries.countDocuments(
                Filters.and(Filters.in("personId", personIds), Filters.in("status", "PENDING", "SENDING"))) == 0);
    }
}
