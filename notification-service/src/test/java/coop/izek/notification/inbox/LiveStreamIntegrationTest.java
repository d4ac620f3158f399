package coop.izek.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import coop.izek.events.WorkshopEvents;
import coop.izek.notification.NotificationIntegrationTest;
import coop.izek.notification.messages.Channel;
import coop.izek.support.observability.TraceCarrier;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.EventSender;
import coop.izek.testsupport.TestClock;
import coop.izek.testsupport.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

@NotificationIntegrationTest
class LiveStreamIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    TestClock clock;

    @Autowired
    StreamProperties streamProperties;

    @Autowired
    TraceCarrier trace;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    final HttpClient http = HttpClient.newHttpClient();
    final List<Stream<String>> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeStreams() {
        open.forEach(Stream::close);
    }

    @Test
    void shouldPushNewInboxItemsToAConnectedBrowser() throws Exception {
        var personId = UUID.randomUUID().toString();
        registerAndAwaitWelcome(personId);

        var stream = connect(personId, null);
        try (var sender = EventSender.create()) {
            sender.send(Topics.MEMBERSHIP, MembershipEvents.MEMBER_ACTIVATED.name(), personId, EventContracts.sample(
                    MembershipEvents.MEMBER_ACTIVATED, Map.of("memberId", "m-1", "personId", personId, "memberNumber", "IZEK-000042")));
        }

        var event = stream.awaitEvent("MEMBER_ACTIVATED");
        assertThat(event.data()).contains("\"read\":false", "IZEK-000042", "\"eventId\"");
        assertThat(event.name()).isEqualTo("notification");
        // The stream carries what is new: the welcome written before connecting is not repeated.
        assertThat(stream.lines()).noneMatch(line -> line.contains("WELCOME"));
    }

    /**
     * In a rush the workshop listener's batches queue behind the rush's writes (here: held back). The answer to an
     * enrolment reaches its enrollee's inbox and stream without waiting for them, once however often the event arrives;
     * when the listener then applies the event, the stream is not told again.
     */
    @Test
    void shouldTellTheEnrolleesStreamOfTheAnswerWithoutWaitingForTheWorkshopListener() {
        var personId = UUID.randomUUID().toString();
        registerAndAwaitWelcome(personId);
        var stream = connect(personId, null);
        var eventId = UUID.randomUUID().toString();
        var item = InboxItem.idFor(eventId, personId);
        var workshopId = UUID.randomUUID().toString();
        var workshopListener = listeners.getListenerContainers().stream()
                .filter(c -> List.of(c.getContainerProperties().getTopics()).contains(Topics.WORKSHOP)).findFirst().orElseThrow();

        workshopListener.pause();
        try {
            await().until(workshopListener::isContainerPaused);
            for (int arrival = 0; arrival < 2; arrival++) {
                EventContracts.publishWithId(WorkshopEvents.ENROLMENT_CONFIRMED, "default", eventId, workshopId, Map.of("workshopId",
                        workshopId, "enrolmentId", "e-1", "enrolleeId", personId, "personId", personId, "targetGroup", "ADULTS"));
            }

            var told = stream.awaitEvent(item);
            assertThat(told.name()).isEqualTo("notification");
            assertThat(told.data()).contains("ENROLMENT_CONFIRMED", eventId);
            // Stored before it was told, as every item is: the page that reloads its list on the event finds it.
            assertThat(mongo.findById(item, InboxItem.class)).isNotNull();
            assertThat(mongo.exists(appliedByTheListener(eventId), "deliveries")).isFalse();
        } finally {
            workshopListener.resume();
        }

        await().until(() -> mongo.exists(appliedByTheListener(eventId), "deliveries"));
        // A later item proves polls after the listener's turn did not send it again.
        stream.awaitEvent(writtenElsewhere(personId, "WELCOME", "t"));
        assertThat(stream.lines()).filteredOn(line -> line.startsWith("id:") && line.contains(item)).hasSize(1);
    }

    /** The listener's record of the event's in-app message, which only it writes. */
    private static org.springframework.data.mongodb.core.query.Query appliedByTheListener(String eventId) {
        return org.springframework.data.mongodb.core.query.Query.query(org.springframework.data.mongodb.core.query.Criteria
                .where("eventId").is(eventId).and("channel").is(Channel.IN_APP.name()));
    }

    /**
     * An attempt that stored the inbox item and then died (the store's answer lost, the instance killed) told no
     * stream; the event comes again and finds the item stored already. The stream must still get it.
     */
    @Test
    void shouldPushAnItemWhoseFirstDeliveryEndedBeforeTellingTheStreams() {
        var personId = UUID.randomUUID().toString();
        registerAndAwaitWelcome(personId);
        var stream = connect(personId, null);
        var eventId = UUID.randomUUID().toString();
        var item = InboxItem.idFor(eventId, personId);
        mongo.insert(new InboxItem(item, personId, "MEMBER_ACTIVATED", "Üyeliğiniz onaylandı", "IZEK-000043", clock.instant(), false,
                eventId, null));

        try (var sender = EventSender.create()) {
            sender.sendWithId(Topics.MEMBERSHIP, eventId, MembershipEvents.MEMBER_ACTIVATED.name(), personId, EventContracts.sample(
                    MembershipEvents.MEMBER_ACTIVATED, Map.of("memberId", "m-2", "personId", personId, "memberNumber", "IZEK-000043")));
        }

        stream.awaitEvent(item);
        // Polls after it, and the listing written twice, send it no second time.
        stream.awaitEvent(writtenElsewhere(personId, "WELCOME", "t"));
        assertThat(stream.lines()).filteredOn(line -> line.startsWith("id:") && line.contains(item)).hasSize(1);
    }

    @Test
    void shouldPushItemsAnotherInstanceWroteOnce() {
        var personId = UUID.randomUUID().toString();
        var stream = connect(personId, null);

        var item = writtenElsewhere(personId, "ASSEMBLY_CONVENED", "Genel kurul");

        stream.awaitEvent(item);
        // A later item proves polls after the first one did not send it again.
        stream.awaitEvent(writtenElsewhere(personId, "WELCOME", "t"));
        assertThat(stream.lines()).filteredOn(line -> line.startsWith("id:") && line.contains(item)).hasSize(1);
    }

    @Test
    void shouldResumeAfterTheLastEventTheBrowserSaw() {
        var personId = UUID.randomUUID().toString();
        var first = new InboxItem("a-" + UUID.randomUUID(), personId, "WELCOME", "first", "b", clock.instant(), false, "e1", null);
        var second = new InboxItem("b-" + UUID.randomUUID(), personId, "WELCOME", "second", "b", clock.instant().plusMillis(5), false, "e2", null);
        mongo.insert(first);
        mongo.insert(second);

        var resumed = connect(personId, first.id());

        resumed.awaitEvent(second.id());
        assertThat(resumed.lines()).noneMatch(line -> line.contains(first.id()));
    }

    /** Another person's item id as Last-Event-ID resumes nothing of theirs: the stream only ever carries one's own. */
    @Test
    void shouldNeverCarryAnotherPersonsItemsWhateverTheLastEventId() {
        var owner = UUID.randomUUID().toString();
        var other = UUID.randomUUID().toString();
        var before = new InboxItem("own-" + UUID.randomUUID(), owner, "WELCOME", "owner's", "b", clock.instant(), false, "e1", null);
        var after = new InboxItem("own-" + UUID.randomUUID(), owner, "WELCOME", "owner's later", "b", clock.instant().plusMillis(5), false, "e2", null);
        mongo.insert(before);
        mongo.insert(after);

        var intruding = connect(other, before.id());
        var ownItem = writtenElsewhere(other, "WELCOME", "other's");

        intruding.awaitEvent(ownItem);
        assertThat(intruding.lines()).noneMatch(line -> line.contains(after.id()) || line.contains(before.id()));
    }

    @Test
    void shouldRefuseTheStreamWithoutAToken() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/notifications/stream"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    /** An item another instance put in the person's inbox: its own code, the shared store, none of this one's streams told. */
    private String writtenElsewhere(String personId, String kind, String title) {
        var elsewhere = new Inbox(mongo, new LiveInbox(mongo, streamProperties, clock, new SimpleMeterRegistry(), trace), clock, trace);
        var eventId = UUID.randomUUID().toString();
        assertThat(elsewhere.deliver(eventId, personId, kind, title, "b")).isTrue();
        return InboxItem.idFor(eventId, personId);
    }

    record Event(String id, String name, String data) {
    }

    /** What a browser's EventSource reads, line by line, as it arrives. */
    final class OpenStream {
        final List<String> lines = new CopyOnWriteArrayList<>();

        List<String> lines() {
            return List.copyOf(lines);
        }

        Event awaitEvent(String containing) {
            return await().until(() -> events().stream().filter(e -> e.data().contains(containing) || e.id().equals(containing))
                    .findFirst().orElse(null), java.util.Objects::nonNull);
        }

        List<Event> events() {
            var events = new java.util.ArrayList<Event>();
            String id = null, name = null, data = null;
            for (var line : lines()) {
                if (line.startsWith("id:")) {
                    id = line.substring(3);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6);
                } else if (line.startsWith("data:")) {
                    data = line.substring(5);
                } else if (line.isEmpty() && data != null) {
                    events.add(new Event(id, name, data));
                    id = name = data = null;
                }
            }
            return events;
        }
    }

    private OpenStream connect(String personId, String lastEventId) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/notifications/stream"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + TestTokens.forPerson(personId));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        var stream = new OpenStream();
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            open.add(response.body());
            Thread.ofVirtual().start(() -> {
                try {
                    response.body().forEach(stream.lines::add);
                } catch (UncheckedIOException closed) {
                    // the test closed it
                }
            });
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        await().until(() -> stream.lines().contains(":connected"));
        return stream;
    }

    /** Registers the person and waits for their welcome, written before any stream of theirs opens. */
    private void registerAndAwaitWelcome(String personId) {
        try (var sender = EventSender.create()) {
            sender.send(Topics.MEMBERSHIP, MembershipEvents.PERSON_REGISTERED.name(), personId, EventContracts.sample(
                    MembershipEvents.PERSON_REGISTERED, Map.of("personId", personId, "email", personId + "@example.org", "fullName", "Nehir Aksoy")));
        }
        await().until(() -> mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("personId").is(personId)), InboxItem.class));
    }
}
