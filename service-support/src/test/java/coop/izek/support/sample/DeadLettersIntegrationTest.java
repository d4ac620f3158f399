package coop.izek.support.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.model.Filters;

import coop.izek.events.Topics;
import coop.izek.support.deadletters.DeadLetters;
import coop.izek.support.messaging.ProcessedEvents;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.EventSender;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Staff's dead letters: what the sample listener (group {@code support-tests}) gives up on is listed, fixed and
 * replayed through the API, and the replay reaches that listener alone, once.
 */
@IntegrationTest
class DeadLettersIntegrationTest {

    static final String TYPE = EventConsumptionIntegrationTest.TYPE;
    static final String CONSUMER = "sample-listener";

    @LocalServerPort
    int port;

    @Autowired
    ProcessedEvents processed;

    @Autowired
    MongoTemplate mongo;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    final String staff = TestTokens.forPerson("staff-" + UUID.randomUUID(), "ADMIN");
    final String sampleId = "s-" + UUID.randomUUID();

    @Test
    void shouldListAPoisonEventForStaffThenApplyItOnceFixedAndReplayed() throws Exception {
        var eventId = event("{\"sampleId\": [oops");
        var letter = awaitLetterOf(eventId);
        assertThat(letter.path("status").asString()).isEqualTo("PARKED");
        assertThat(letter.path("consumerGroup").asString()).isEqualTo("support-tests");
        assertThat(letter.path("topic").asString()).isEqualTo(Topics.PROJECT);
        assertThat(letter.path("eventType").asString()).isEqualTo(TYPE);
        assertThat(letter.path("value").asString()).isEqualTo("{\"sampleId\": [oops");
        assertThat(letter.path("reason").asString()).contains("unreadable body");
        var id = letter.path("id").asString();

        var fixed = send("PATCH", id, staff, "{\"value\":\"{\\\"sampleId\\\":\\\"" + sampleId + "\\\",\\\"step\\\":1,\\\"fail\\\":false}\"}");
        assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
        assertThat(json.readTree(fixed.body()).path("fixedBy").asString()).startsWith("staff-");
        var replayed = send("POST", id + "/replay", staff, null);

        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(202);
        assertThat(json.readTree(replayed.body()).path("status").asString()).isEqualTo("REPLAYED");
        await().until(() -> processed.isApplied(CONSUMER, eventId));
        assertThat(mongo.getCollection(SampleListener.APPLIED).countDocuments(Filters.eq("eventId", eventId))).isEqualTo(1);
        assertThat(mongo.getCollection(DeadLetters.COLLECTION).find(Filters.eq("original.value", "{\"sampleId\": [oops")).first())
                .as("the record as it was parked is kept beside the fix").isNotNull();
    }

    @Test
    void shouldParkAReplayThatFailsAgainAsANewLetterNamingTheFirst() throws Exception {
        var eventId = event("{\"sampleId\":\"" + sampleId + "\",\"step\":1,\"fail\":true}");
        var first = awaitLetterOf(eventId).path("id").asString();

        assertThat(send("POST", first + "/replay", staff, null).statusCode()).isEqualTo(202);

        var second = await().until(() -> lettersOf(eventId).stream().filter(l -> first.equals(l.path("replayOf").asString())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(second.path("status").asString()).isEqualTo("PARKED");
        assertThat(second.path("id").asString()).isNotEqualTo(first);
        assertThat(second.path("reason").asString()).contains("fails on purpose");
        assertThat(processed.isApplied(CONSUMER, eventId)).isFalse();
    }

    @Test
    void shouldReplayOnceWhenStaffReplayAtOnce() throws Exception {
        var eventId = event("{\"sampleId\":\"" + sampleId + "\",\"step\":1,\"fail\":true}");
        var id = awaitLetterOf(eventId).path("id").asString();

        try (var topic = EventProbe.on(Topics.PROJECT); var sender = EventSender.create()) {
            var start = new CountDownLatch(1);
            var answers = new ArrayList<CompletableFuture<Integer>>();
            for (int i = 0; i < 6; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        return send("POST", id + "/replay", staff, null).statusCode();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            start.countDown();
            var statuses = answers.stream().map(CompletableFuture::join).toList();
            // After every answer: the marker shares the replay's key, so its partition, and is read after it.
            var marker = sender.send(Topics.PROJECT, "coop.izek.project.marker.v1", sampleId, "{}");
            topic.await(e -> marker.equals(e.id()));

            assertThat(statuses).containsOnly(202, 409).filteredOn(s -> s == 202).hasSize(1);
            assertThat(topic.received()).filteredOn(e -> id.equals(e.headers().get(DeadLetters.REPLAY_OF))).hasSize(1)
                    .allSatisfy(e -> assertThat(e.headers()).containsEntry(DeadLetters.REPLAY_FOR, "support-tests"));
        }
    }

    @Test
    void shouldPassByAReplayMeantForAnotherConsumerGroup() {
        try (var sender = EventSender.create()) {
            var forOthers = sender.sendWithHeaders(Topics.PROJECT, TYPE, sampleId,
                    "{\"sampleId\":\"" + sampleId + "\",\"step\":1,\"fail\":false}", Map.of(DeadLetters.REPLAY_FOR, "another-service"));
            var forUs = sender.sendWithHeaders(Topics.PROJECT, TYPE, sampleId,
                    "{\"sampleId\":\"" + sampleId + "\",\"step\":2,\"fail\":false}", Map.of(DeadLetters.REPLAY_FOR, "support-tests"));

            await().until(() -> processed.isApplied(CONSUMER, forUs));
            assertThat(processed.isApplied(CONSUMER, forOthers)).isFalse();
        }
    }

    @Test
    void shouldShowDeadLettersToStaffOnly() throws Exception {
        var person = TestTokens.forPerson("p-" + UUID.randomUUID());

        assertThat(send("GET", "", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "", person, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "any/replay", person, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "", staff, null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerWhatCannotBeDoneWithAProblemAndChangeNothing() throws Exception {
        var eventId = event("{\"sampleId\": [oops");
        var id = awaitLetterOf(eventId).path("id").asString();

        var notJson = send("PATCH", id, staff, "{\"value\":\"still [not json\"}");
        var noReason = send("POST", id + "/discard", staff, "{}");
        var unknown = send("POST", "no-such-letter/replay", staff, null);

        assertThat(notJson.statusCode()).isEqualTo(422);
        assertThat(notJson.body()).contains("/problems/dead-letter-not-json");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        var unchanged = json.readTree(send("GET", id, staff, null).body());
        assertThat(unchanged.path("value").asString()).isEqualTo("{\"sampleId\": [oops");
        assertThat(unchanged.path("status").asString()).isEqualTo("PARKED");

        assertThat(send("POST", id + "/discard", staff, "{\"reason\":\"sent by a test\"}").statusCode()).isEqualTo(200);
        var replayDiscarded = send("POST", id + "/replay", staff, null);
        assertThat(replayDiscarded.statusCode()).isEqualTo(409);
        assertThat(replayDiscarded.body()).contains("/problems/dead-letter-handled");
        assertThat(lettersOf(eventId)).singleElement().satisfies(l -> assertThat(l.path("status").asString()).isEqualTo("DISCARDED"));
    }

    /** A sample event with this body; returns its id. */
    private String event(String body) {
        try (var sender = EventSender.create()) {
            return sender.send(Topics.PROJECT, TYPE, sampleId, body);
        }
    }

    private JsonNode awaitLetterOf(String eventId) {
        return await().until(() -> lettersOf(eventId).stream().findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private java.util.List<JsonNode> lettersOf(String eventId) throws Exception {
        var page = send("GET", "?topic=" + Topics.PROJECT + "&size=100", staff, null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        var letters = new ArrayList<JsonNode>();
        json.readTree(page.body()).path("items").forEach(letter -> {
            if (eventId.equals(letter.path("eventId").asString())) {
                letters.add(letter);
            }
        });
        return letters;
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        var target = path.isEmpty() || path.startsWith("?") ? path : "/" + encode(path);
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/samples/dead-letters" + target))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A letter's id holds colons; the action after it stays a path segment of its own. */
    private static String encode(String path) {
        var slash = path.indexOf('/');
        var id = slash < 0 ? path : path.substring(0, slash);
        return URLEncoder.encode(id, StandardCharsets.UTF_8) + (slash < 0 ? "" : path.substring(slash));
    }
}
