package coop.izek.system.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import coop.izek.events.Topics;
import coop.izek.support.demo.DemoIds;
import coop.izek.system.Platform;

/**
 * Issue 16: the platform as {@code ./izek up} runs it, under enrolment load through the gateway from clients that retry
 * with an {@code Idempotency-Key}, while a process is killed (or frozen); the launcher starts it again, and the books
 * are checked from the store, the mail server and the inboxes. By default a short run of every scenario (part of the
 * test command); {@code scripts/resilience} runs the longer soak.
 */
// Before the authorization matrix, which erases the demo educator whose workshops these are.
@Order(2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceIntegrationTest {

    /**
     * How big a run is: people, each trying for every workshop of a scenario, and how many confirmed places of each
     * workshop are given up once it is full.
     */
    record Scale(String name, int people, int workshops, int capacity, int lanes, int cancellations) {

        static final Scale SHORT = new Scale("short", 6, 3, 4, 6, 1);
        static final Scale SOAK = new Scale("soak", 40, 8, 20, 16, 4);

        static Scale current() {
            return "soak".equals(System.getProperty("izek.resilience.scale")) ? SOAK : SHORT;
        }
    }

    private static final String EDUCATOR = "ayse.demir@demo.izek.coop";
    /** Share payments staff record in each scenario's burst. */
    private static final int PAYMENTS = 3;
    /**
     * The client ids of a second instance's consumers begin with this: it sorts before the run command's
     * ("consumer-notification-service-…"), so range assignment gives the second instance the larger part of a topic.
     */
    private static final String SECOND = "a-second-";
    private static final List<String> CONSUMERS_OF_THE_WORKSHOP_TOPIC = List.of("notification-service", "project-service");

    final Scale scale = Scale.current();
    final Map<String, Map<String, Object>> table = new LinkedHashMap<>();
    final String run = UUID.randomUUID().toString().substring(0, 6);
    Platform platform;
    RetryingClient client;
    Map<String, Books.Person> people;
    final Map<String, String> passwords = new LinkedHashMap<>();
    String staff;
    String member;

    @BeforeAll
    void registerPeople() {
        platform = Platform.shared();
        client = new RetryingClient("http://127.0.0.1:" + platform.ports.get("GATEWAY"));
        people = new LinkedHashMap<>();
        for (int i = 0; i < scale.people(); i++) {
            var email = "dayanikli-" + run + "-" + i + "@resilience.izek.test";
            var password = "Guclu-parola-" + run + "-" + i;
            var registered = platform.post("/api/auth/register", Platform.JSON.writeValueAsString(Map.of("email", email,
                    "password", password, "fullName", "Dayanıklı " + i, "locale", "tr")));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
            platform.verifyFromTheMail(email);
            var token = platform.signIn(email, password);
            // No quiet hours: the books count mail as it goes, whatever the hour in İzmir.
            var preferences = platform.send("PUT", "/api/notifications/preferences", token, "{\"locale\":\"tr\",\"channels\":"
                    + "{\"EMAIL\":true,\"IN_APP\":true},\"quietHours\":{\"start\":\"00:00\",\"end\":\"00:00\"}}");
            assertThat(preferences.statusCode()).as(preferences.body()).isEqualTo(200);
            people.put(subject(token), new Books.Person(email, token));
            passwords.put(email, password);
        }
        staff = platform.admin();
        var demoMember = platform.signIn("hasan.celik@demo.izek.coop", platform.demoPassword());
        member = platform.json(platform.get("/api/membership/members/me", demoMember)).get("id").asString();
    }

    /** The answer is lost on the way back after the enrolment was made; the client sends it again under its key. */
    @Test
    @Order(0)
    void shouldBookOnceWhenAnswersAreCutOffAndClientsRetry() throws Exception {
        try (var proxy = new CuttingProxy(platform.ports.get("GATEWAY"), scale.people())) {
            scenario("answers cut off", new RetryingClient("http://127.0.0.1:" + proxy.port()), () -> Duration.ZERO);

            // A cut answer is sent again; the books above show it was done once.
            assertThat(proxy.cut.get()).isEqualTo(scale.people());
            assertThat((long) table.get("answers cut off").get("retried")).isPositive();
        }
    }

    @Test
    @Order(1)
    void shouldKeepTheBooksWhenWorkshopServiceIsKilledDuringAnEnrolmentBurst() {
        scenario("workshop-service killed", client, () -> kill("workshop-service"));
    }

    @Test
    @Order(2)
    void shouldSendEachMessageOnceWhenNotificationServiceIsKilledMidBatch() {
        scenario("notification-service killed", client, () -> kill("notification-service"));
    }

    @Test
    @Order(3)
    void shouldKeepTheBooksWhenTheBrokerIsKilledDuringTraffic() {
        scenario("Kafka broker killed", client, () -> kill("kafka"));
    }

    @Test
    @Order(4)
    void shouldKeepTheBooksWhenTheStoreIsKilledDuringTraffic() {
        scenario("store killed", client, () -> kill("store"));
    }

    @Test
    @Order(5)
    void shouldSendEveryMailOnceWhenTheMailServerIsKilled() {
        scenario("mail server killed", client, () -> kill("mail"));
    }

    @Test
    @Order(6)
    void shouldSendEveryMailOnceWhenTheMailServerHangsForAWhile() {
        scenario("mail server frozen 15 s", client, () -> freeze("mail", Duration.ofSeconds(15)));
    }

    /**
     * A record no consumer can read lands in each topic during the burst: every consuming service parks it in
     * {@code <topic>.dlt} and in its dead letters and carries on (the books), staff see each through the gateway, a
     * replay goes back to the service that parked it alone, and a discarded letter is closed.
     */
    @Test
    @Order(7)
    void shouldParkAPoisonMessageInEachTopicAndCarryOn() {
        try (var poison = new PoisonMessages(platform, run)) {
            scenario("poison message in each topic", client, poison::sendAndAwaitTheLetters);

            poison.replayOneUnfixedAndSeeItComeBackToItsServiceAlone();
            poison.discardTheRest();
        }
    }

    /**
     * Two instances of every service and of the gateway under the burst: a second membership-, workshop-,
     * notification- and project-service, each in its pair's consumer group where it has one, and a second gateway in
     * front of the second membership- and workshop-service (the gateway has one address per service, as behind a
     * Kubernetes Service; here the two gateways are what a load balancer spreads clients over). The second
     * notification- and project-service hold most of the workshop topic (their client ids sort first in their groups).
     * Mid-burst every second instance is killed: their clients go on through the first gateway, and the run command's
     * notification- and project-service take over the workshop topic once the dead ones' sessions end (and the
     * deliveries the dead one had claimed, as their leases end).
     */
    @Test
    @Order(8)
    void shouldKeepTheBooksWhenOneOfTwoInstancesIsKilled() throws Exception {
        var ports = Map.of("membership-service", Platform.freePort(), "workshop-service", Platform.freePort(),
                "notification-service", Platform.freePort(), "project-service", Platform.freePort());
        int secondGateway = Platform.freePort();
        var seconds = new ArrayList<Process>();
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + platform.ports.get("KAFKA")))) {
            ports.forEach((service, port) -> seconds.add(platform.anotherInstance(service, port,
                    Map.of("SPRING_KAFKA_CONSUMER_CLIENTID", SECOND + service))));
            seconds.add(platform.anotherInstance("gateway", secondGateway, Map.of(
                    "IZEK_MEMBERSHIP_URL", "http://127.0.0.1:" + ports.get("membership-service"),
                    "IZEK_WORKSHOP_URL", "http://127.0.0.1:" + ports.get("workshop-service"))));
            ports.values().forEach(this::awaitUp);
            awaitUp(secondGateway);
            int partitions = admin.describeTopics(List.of(Topics.WORKSHOP)).allTopicNames().get().get(Topics.WORKSHOP).partitions().size();
            await().atMost(Duration.ofMinutes(1)).until(() -> CONSUMERS_OF_THE_WORKSHOP_TOPIC.stream()
                    .allMatch(group -> workshopTopicHeldBy(admin, group).getOrDefault(true, 0) > 0));
            var pair = new RetryingClient("http://127.0.0.1:" + platform.ports.get("GATEWAY"), "http://127.0.0.1:" + secondGateway);

            scenario("one of two instances killed", pair, () -> {
                long killed = System.nanoTime();
                seconds.forEach(Process::destroyForcibly);
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> CONSUMERS_OF_THE_WORKSHOP_TOPIC.stream()
                        .allMatch(group -> workshopTopicHeldBy(admin, group).equals(Map.of(false, partitions))));
                return Duration.ofNanos(System.nanoTime() - killed);
            });
        } finally {
            seconds.forEach(Process::destroyForcibly);
        }
    }

    /**
     * One client floods a gateway that has the per-client rate limit at its default (300 a minute; the suite's own
     * gateway has it raised, so a second gateway is started for this) while five others go on at four requests a
     * second: the flooder gets 429 beyond its budget and the others are never refused. Their response times, without
     * and with the flood, are in the table (the flood shares the machine's two cores with them).
     */
    @Test
    @Order(9)
    void shouldRefuseAFloodingClientAndServeTheOthers() throws Exception {
        int port = Platform.freePort();
        var gateway = platform.anotherInstance("gateway", port, Map.of("IZEK_RATE_LIMIT_PER_CLIENT", "300"));
        try {
            awaitUp(port);
            signInAgain();
            var tokens = new ArrayList<>(people.values().stream().map(Books.Person::token).toList());
            var flooder = tokens.removeFirst();
            var others = tokens.subList(0, Math.min(5, tokens.size()));
            var flood = new Flood("http://127.0.0.1:" + port, "/api/notifications/preferences");

            var quiet = flood.run(null, 0, others, Duration.ofMillis(250), Duration.ofSeconds(8)).get("others");
            var flooded = flood.run(flooder, 16, others, Duration.ofMillis(250), Duration.ofSeconds(8));

            var flooders = flooded.get("flooder");
            var row = new LinkedHashMap<String, Object>();
            row.put("requestsSent", flooders.size());
            row.put("acknowledged", Flood.count(flooders, 200));
            row.put("refused429", Flood.count(flooders, 429));
            row.put("othersRequests", quiet.size() + flooded.get("others").size());
            row.put("othersRefused", quiet.stream().filter(a -> a.status() != 200).count()
                    + flooded.get("others").stream().filter(a -> a.status() != 200).count());
            row.put("othersP50MsQuiet", Flood.percentile(quiet, 50));
            row.put("othersP99MsQuiet", Flood.percentile(quiet, 99));
            row.put("othersP50MsFlood", Flood.percentile(flooded.get("others"), 50));
            row.put("othersP99MsFlood", Flood.percentile(flooded.get("others"), 99));
            table.put("one client floods the gateway", row);

            assertThat(Flood.count(flooders, 200)).as("the flooder's budget").isPositive().isLessThanOrEqualTo(300);
            assertThat(Flood.count(flooders, 429)).as("the flooder refused beyond it").isPositive();
            assertThat(flooders).filteredOn(a -> a.status() != 200 && a.status() != 429).as("answers neither served nor refused").isEmpty();
            assertThat(row).containsEntry("othersRefused", 0L);
        } finally {
            gateway.destroyForcibly();
        }
    }

    /**
     * How many of the workshop topic's partitions {@code group}'s consumers hold, by whether they are a second
     * instance's (its client id) or the run command's.
     */
    private static Map<Boolean, Integer> workshopTopicHeldBy(Admin admin, String group) {
        org.apache.kafka.clients.admin.ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        var held = new HashMap<Boolean, Integer>();
        for (var member : description.members()) {
            int partitions = (int) member.assignment().topicPartitions().stream().filter(p -> p.topic().equals(Topics.WORKSHOP)).count();
            if (partitions > 0) {
                held.merge(member.clientId().startsWith(SECOND), partitions, Integer::sum);
            }
        }
        return held;
    }

    private void awaitUp(int port) {
        var health = java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                platform.send(java.net.http.HttpRequest.newBuilder(health).build()).body().contains("\"UP\""));
    }

    /**
     * The launcher itself killed with -9: what it started goes on running without it; the next {@code ./izek up}
     * stops those processes and starts cleanly.
     */
    @Test
    @Order(10)
    void shouldStopWhatAKilledLauncherLeftAndStartCleanly() {
        long started = System.nanoTime();
        var left = platform.killLauncherAndStartAgain();
        var recovery = Duration.ofNanos(System.nanoTime() - started);

        assertThat(left).hasSizeGreaterThanOrEqualTo(9);
        assertThat(left).noneMatch(ProcessHandle::isAlive);
        assertThat(platform.said()).contains("Stopped what an earlier run left running when it ended without stopping it:");
        assertThat(platform.json(platform.get("/actuator/health", null)).get("status").asString()).isEqualTo("UP");
        var row = new LinkedHashMap<String, Object>();
        row.put("leftRunning", left.size());
        row.put("recoverySeconds", seconds(recovery));
        table.put("launcher killed", row);
    }

    @AfterAll
    void printTheTable() throws IOException {
        var columns = List.of("requestsSent", "acknowledged", "lost", "duplicated", "overbooked", "recoverySeconds");
        var text = new StringBuilder(String.format("%-30s", "scenario"));
        columns.forEach(c -> text.append(String.format(" | %14s", c)));
        text.append('\n');
        table.forEach((name, row) -> {
            text.append(String.format("%-30s", name));
            columns.forEach(c -> text.append(String.format(" | %14s", row.getOrDefault(c, "-"))));
            text.append('\n');
        });
        table.forEach((name, row) -> {
            if (row.containsKey("othersP99MsFlood")) {
                text.append(String.format("%s: the flooder had %s served and %s refused with 429; the others' p50/p99 %s/%s ms without the "
                        + "flood, %s/%s ms with it, %s of %s refused%n", name, row.get("acknowledged"), row.get("refused429"),
                        row.get("othersP50MsQuiet"), row.get("othersP99MsQuiet"), row.get("othersP50MsFlood"), row.get("othersP99MsFlood"),
                        row.get("othersRefused"), row.get("othersRequests")));
            }
        });
        var folder = Files.createDirectories(Path.of("target", "resilience"));
        Files.writeString(folder.resolve("summary.txt"), text);
        Files.writeString(folder.resolve("summary.json"), Platform.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(table));
        System.out.println("Resilience (" + scale.name() + ")\n" + text);
    }

    /**
     * Everyone tries for every workshop of the scenario at once, retrying as clients should; once a third of them
     * have their answer, the fault strikes. Then the books.
     */
    private void scenario(String name, RetryingClient client, Supplier<Duration> fault) {
        signInAgain();
        var titles = new LinkedHashMap<String, String>();
        var educator = platform.signIn(EDUCATOR, platform.demoPassword());
        for (int i = 0; i < scale.workshops(); i++) {
            var title = "Dayanıklılık " + run + " " + table.size() + "-" + i;
            // Part of the demo's Erasmus+ project, so its indicators are in the books too.
            titles.put(platform.publishedWorkshopForAdults(educator, Map.of("tr", title), scale.capacity(), DemoIds.PROJECT), title);
        }
        var writes = new ArrayList<RetryingClient.Write>();
        for (var person : people.values()) {
            for (var workshopId : titles.keySet()) {
                writes.add(RetryingClient.Write.post(person.token(), "/api/workshops/" + workshopId + "/enrolments",
                        "{\"participants\":[{\"self\":true}],\"seatType\":\"STANDARD\"}"));
            }
        }
        // Staff record share payments for a member in the same burst, as a treasurer catching up would.
        var payments = new ArrayList<RetryingClient.Write>();
        for (int i = 0; i < PAYMENTS; i++) {
            payments.add(RetryingClient.Write.post(staff, "/api/membership/members/" + member + "/share-payments",
                    "{\"shares\":1,\"amount\":{\"amount\":\"100.00\",\"currency\":\"TRY\"},\"paidOn\":\"" + java.time.LocalDate.now()
                            + "\",\"reference\":\"dayaniklilik-" + run + "-" + table.size() + "-" + i + "\"}"));
        }
        writes.addAll(payments);
        var register = new Register(platform, staff, member);
        int paidBefore = register.paidShares();
        Collections.shuffle(writes, new Random(16));
        int sentBefore = client.sent.get();
        var answered = new AtomicInteger();
        var struck = new CompletableFuture<Duration>();
        var cancellations = new Cancellations(scale.cancellations());
        var answers = client.run(writes, scale.lanes(), answer -> {
            if (answered.incrementAndGet() == writes.size() / 3) {
                CompletableFuture.supplyAsync(fault).whenComplete((recovery, failure) -> {
                    if (failure != null) {
                        struck.completeExceptionally(failure);
                    } else {
                        struck.complete(recovery);
                    }
                });
            }
            return cancellations.after(answer);
        });
        var recovery = struck.join();
        var books = new Books(platform).check(titles, people, answers);
        books.put("shareRegisterOff", register.off(paidBefore, answers.stream().filter(a -> payments.contains(a.write())).toList()));

        var row = new LinkedHashMap<String, Object>(RetryingClient.figures(answers, client.sent.get() - sentBefore));
        row.putAll(books);
        row.put("duplicated", (long) books.get("duplicatedPlaces") + (long) books.get("mailsDuplicated") + (long) books.get("inboxItemsDuplicated"));
        row.put("recoverySeconds", seconds(recovery));
        table.put(name, row);

        assertThat(answers).as("every write has a final answer").allSatisfy(answer ->
                assertThat(answer.status()).as(answer.body()).isEqualTo(answer.write().method().equals("DELETE") ? 204 : 201));
        assertThat((long) books.get("promoted")).as("places given up while people waited").isPositive();
        assertThat(books).as(name).containsEntry("lost", 0L).containsEntry("overbooked", 0L).containsEntry("duplicatedPlaces", 0L)
                .containsEntry("unacknowledged", 0L).containsEntry("mailsMissing", 0L).containsEntry("mailsDuplicated", 0L)
                .containsEntry("inboxItemsMissing", 0L).containsEntry("inboxItemsDuplicated", 0L).containsEntry("projectPlacesOff", 0L)
                .containsEntry("waitingListOff", 0L)
                .containsEntry("shareRegisterOff", 0L);
    }

    /**
     * People who got a place give it up once their workshop is full, during the burst, so its waiting list is promoted
     * while the fault strikes: once an answer has put someone on a workshop's waiting list, places confirmed there are
     * cancelled, up to {@code perWorkshop}, each as soon as its answer is in.
     */
    private static final class Cancellations {
        private final int perWorkshop;
        private final Map<String, java.util.Deque<RetryingClient.Write>> confirmed = new HashMap<>();
        private final Map<String, Integer> made = new HashMap<>();
        private final java.util.Set<String> full = new java.util.HashSet<>();

        Cancellations(int perWorkshop) {
            this.perWorkshop = perWorkshop;
        }

        synchronized List<RetryingClient.Write> after(RetryingClient.Answer answer) {
            var path = answer.write().path();
            if (answer.status() != 201 || !path.startsWith("/api/workshops/") || !path.endsWith("/enrolments")) {
                return List.of();
            }
            var said = Platform.JSON.readTree(answer.body());
            var places = confirmed.computeIfAbsent(path, p -> new java.util.ArrayDeque<>());
            if (said.get("status").asString().equals("CONFIRMED")) {
                places.add(RetryingClient.Write.delete(answer.write().token(), path + "/" + said.get("id").asString()));
            } else {
                full.add(path);
            }
            if (!full.contains(path) || places.isEmpty() || made.getOrDefault(path, 0) >= perWorkshop) {
                return List.of();
            }
            made.merge(path, 1, Integer::sum);
            return List.of(places.poll());
        }
    }

    /**
     * Fresh tokens for everyone before a scenario, as clients renew theirs: a token lives 15 minutes, and the soak
     * runs longer than that.
     */
    private void signInAgain() {
        people.replaceAll((id, person) -> new Books.Person(person.email(), platform.signIn(person.email(), passwords.get(person.email()))));
        staff = platform.admin();
    }

    /** SIGKILL; returns how long until the launcher had started it again and the gateway reported everything UP. */
    private Duration kill(String name) {
        var process = platform.child(name);
        int saidBefore = platform.said().length();
        long killed = System.nanoTime();
        process.destroyForcibly();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> platform.said().substring(saidBefore).contains(name + " started again"));
        awaitUp();
        return Duration.ofNanos(System.nanoTime() - killed);
    }

    /** SIGSTOP, and SIGCONT after {@code how long}: a server that hangs, holding every connection open. */
    private Duration freeze(String name, Duration howLong) {
        var pid = Long.toString(platform.child(name).pid());
        long frozen = System.nanoTime();
        signal("STOP", pid);
        await().pollDelay(howLong).atMost(howLong.plusSeconds(5)).until(() -> true);
        signal("CONT", pid);
        awaitUp();
        return Duration.ofNanos(System.nanoTime() - frozen);
    }

    private static void signal(String signal, String pid) {
        try {
            assertThat(new ProcessBuilder("kill", "-" + signal, pid).start().waitFor()).isZero();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitUp() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> platform.json(platform.get("/actuator/health", null)).get("status").asString().equals("UP"));
    }

    private static String subject(String token) {
        var payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return Platform.JSON.readTree(payload).get("sub").asString();
    }

    private static double seconds(Duration duration) {
        return Math.round(duration.toMillis() / 100.0) / 10.0;
    }
}
