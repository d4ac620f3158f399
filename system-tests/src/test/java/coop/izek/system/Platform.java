package coop.izek.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import coop.izek.testsupport.TestMail;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform started once per test JVM the way a user starts it ({@code ./izek up --demo}, on free ports and a
 * fresh data folder), shared by the system tests. Rate limits are raised so that the tests' hundreds of requests from
 * one address are not what they measure (the gateway's own tests check the limits).
 */
public final class Platform {

    public static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    public static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ADMIN_EMAIL = "board@izek.test";
    /** What Prometheus reads the gateway's metrics with (HTTP Basic, user prometheus). */
    public static final String METRICS_PASSWORD = System.getProperty("izek.system.metrics-password", "scrape-" + java.util.UUID.randomUUID());
    private static final int FIRST_PORT = 20000;
    private static final int PORTS_BELOW_OUTGOING = 32768 - FIRST_PORT;
    // A random start, so that two test JVMs at once rarely try the same ports; then each port once per JVM.
    private static final AtomicInteger nextPort = new AtomicInteger(ThreadLocalRandom.current().nextInt(PORTS_BELOW_OUTGOING));

    private static Platform shared;

    public final Map<String, Integer> ports = new LinkedHashMap<>();
    /** Where every process of the platform exports its spans (none in attach mode). */
    final OtlpCollector traces;
    /** Every email, name, password and token the tests sent or received: none of it may appear in any log. */
    final java.util.Set<String> personalData = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final Path data;
    final Path output;
    /** The run command as the tests start it, again for a restart (null in attach mode). */
    private final ProcessBuilder runCommand;
    volatile Process process;
    /** How often the run command said it was up, all starts together. */
    private int starts;
    /** From {@code ./izek up} to "is up" (null in attach mode). */
    public final Duration startUp;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public static synchronized Platform shared() {
        if (shared == null) {
            shared = new Platform();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::kill));
        }
        return shared;
    }

    private Platform() {
        var attach = System.getProperty("izek.system.attach");
        if (attach != null) {
            // A developer's own running platform: -Dizek.system.attach=<gateway port>,<IMAP port>,<folder holding izek-data>
            var parts = attach.split(",");
            ports.put("GATEWAY", Integer.parseInt(parts[0]));
            ports.put("IMAP", Integer.parseInt(parts[1]));
            // The services on the run command's default ports.
            ports.putAll(Map.of("MEMBERSHIP", 8081, "WORKSHOP", 8082, "PROJECT", 8083, "NOTIFICATION", 8084, "PORTAL", 8085));
            data = Path.of(parts[2]);
            output = data.resolve("izek-up.out");
            process = null;
            runCommand = null;
            traces = null;
            startUp = null;
            return;
        }
        try {
            data = Files.createTempDirectory("izek-system");
            // Bound before the platform's ports are chosen, so its own port cannot be one of them.
            traces = new OtlpCollector();
            for (var name : List.of("GATEWAY", "MEMBERSHIP", "WORKSHOP", "PROJECT", "NOTIFICATION", "PORTAL", "KAFKA", "KAFKA_CONTROLLER", "STORE",
                    "SMTP", "IMAP")) {
                ports.put(name, freePort());
            }
            var repository = Path.of("..").toAbsolutePath().normalize();
            output = data.resolve("izek-up.out");
            // Appended to, so that a restart's output follows the first start's.
            var builder = new ProcessBuilder(repository.resolve("izek").toString(), "up", "--demo")
                    .directory(repository.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            var env = builder.environment();
            List.of("IZEK_KAFKA_BOOTSTRAP", "IZEK_MONGODB_URI", "IZEK_SMTP_HOST", "IZEK_ADMIN_PASSWORD").forEach(env::remove);
            env.put("IZEK_DATA_DIR", data.resolve("izek-data").toString());
            env.put("IZEK_ADMIN_EMAIL", ADMIN_EMAIL);
            // The benchmark keeps the per-client limit at its default (-Dizek.system.rate-limit-per-client=300).
            env.put("IZEK_RATE_LIMIT_PER_CLIENT", System.getProperty("izek.system.rate-limit-per-client", "100000"));
            env.put("IZEK_RATE_LIMIT_PER_ADDRESS", "1000000");
            env.put("IZEK_RATE_LIMIT_SENSITIVE", "100000");
            env.put("IZEK_METRICS_PASSWORD", METRICS_PASSWORD);
            // Spans go to the stand-in collector for the tracing test; the benchmark runs as ./izek up does, exporting none.
            if (!Boolean.getBoolean("izek.system.without-trace-export")) {
                env.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", traces.endpoint());
            }
            ports.forEach((name, port) -> env.put("IZEK_" + name + "_PORT", Integer.toString(port)));
            runCommand = builder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startUp = launch();
        // The demo data arrive once each service has heard of what it builds on: the last of it is the family's enrolments.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            var parent = signIn("deniz.yildiz@demo.izek.coop", demoPassword());
            return json(get("/api/workshops/enrolments/mine", parent)).get("total").asInt() == 2
                    && json(get("/api/projects/demo-project-learncity/deliverables", admin())).size() == 5;
        });
    }

    /** Runs {@code ./izek up} and returns how long it took to say it is up. */
    private Duration launch() {
        try {
            process = runCommand.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long launched = System.nanoTime();
        int expected = ++starts;
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                // The message is read when it fails, so it shows what ./izek up said before it ended.
                .failFast(() -> assertThat(process.isAlive()).as(() -> "./izek up ended: " + tail()).isTrue())
                .until(() -> Files.readString(output).split("izek-platform is up", -1).length - 1 >= expected);
        return Duration.ofNanos(System.nanoTime() - launched);
    }

    /** How long the run command took to stop on SIGTERM, and then to start again on the same data. */
    public record Restart(Duration stop, Duration start) {
    }

    /**
     * Stops the run command as Ctrl-C does and starts it again on the same data folder and ports, as a person does
     * the next day: the start after the first one, which maps the AOT caches the first stop assembled.
     */
    public synchronized Restart restart() throws InterruptedException {
        assertThat(process).as("a platform this JVM started").isNotNull();
        long stopping = System.nanoTime();
        process.destroy();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the run command stopped").isTrue();
        var stop = Duration.ofNanos(System.nanoTime() - stopping);
        return new Restart(stop, launch());
    }

    void kill() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The running process the run command started for {@code name}: a module ({@code workshop-service}, {@code gateway}),
     * {@code kafka}, {@code store} or {@code mail}.
     */
    public ProcessHandle child(String name) {
        var marker = switch (name) {
            case "kafka" -> "kafka.Kafka";
            case "store" -> "StoreMain";
            case "mail" -> "MailMain";
            default -> "/" + name + "/target/";
        };
        return processes().filter(ProcessHandle::isAlive).filter(p -> commandLine(p).contains(marker)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no running " + name));
    }

    /**
     * One more instance of {@code name} beside the one the run command started: its command and environment (so the
     * same store, broker and consumer group) with {@code SERVER_PORT} set to {@code port} and {@code changes} made to the
     * environment. Not supervised; the caller stops it. Its output goes to {@code logs/<name>-<port>.log}.
     */
    public Process anotherInstance(String name, int port, Map<String, String> changes) {
        var pid = Long.toString(child(name).pid());
        try {
            var command = new java.util.ArrayList<>(List.of(Files.readString(Path.of("/proc", pid, "cmdline")).split("\u0000")));
            // A run that records its AOT configuration writes it at exit: one writer per file. A cache is only read, so it is kept.
            command.removeIf(arg -> arg.startsWith("-XX:AOTMode=record") || arg.startsWith("-XX:AOTConfiguration="));
            var builder = new ProcessBuilder(command).directory(Path.of("/proc", pid, "cwd").toRealPath().toFile())
                    .redirectErrorStream(true).redirectOutput(dataFolder().resolve("logs").resolve(name + "-" + port + ".log").toFile());
            var environment = builder.environment();
            environment.clear();
            for (var variable : Files.readString(Path.of("/proc", pid, "environ")).split("\u0000")) {
                int equals = variable.indexOf('=');
                if (equals > 0) {
                    environment.put(variable.substring(0, equals), variable.substring(equals + 1));
                }
            }
            environment.put("SERVER_PORT", Integer.toString(port));
            environment.putAll(changes);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\u0000', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    /** What the run command has said so far, every start together. */
    public String said() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kills the launcher alone with SIGKILL, as a crash would, leaving what it started running, then runs
     * {@code ./izek up} again; returns the processes the dead launcher had left.
     */
    public synchronized List<ProcessHandle> killLauncherAndStartAgain() {
        var left = process.descendants().filter(ProcessHandle::isAlive).toList();
        process.destroyForcibly();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        launch();
        return left;
    }

    /** The processes the run command started (empty in attach mode), for their memory. */
    public java.util.stream.Stream<ProcessHandle> processes() {
        return process == null ? java.util.stream.Stream.empty() : process.descendants();
    }

    /**
     * What a failure that cannot be reproduced at will leaves to look at, before later tests restart the services and
     * their logs roll over: every log so far and the threads of each of {@code services} at this moment.
     */
    public Path keepEvidence(Path folder, String... services) {
        try {
            var logs = Files.createDirectories(folder.resolve("logs"));
            try (var files = Files.list(dataFolder().resolve("logs"))) {
                for (var log : files.toList()) {
                    Files.copy(log, logs.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            for (var service : services) {
                var dump = new ProcessBuilder(jcmd, Long.toString(child(service).pid()), "Thread.print")
                        .redirectErrorStream(true).redirectOutput(folder.resolve(service + "-threads.txt").toFile()).start();
                dump.waitFor(30, TimeUnit.SECONDS);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Path dataFolder() {
        return data.resolve("izek-data");
    }

    String adminPassword() {
        return read(dataFolder().resolve("admin-password.txt"));
    }

    public String demoPassword() {
        return read(dataFolder().resolve("demo-password.txt"));
    }

    public URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + ports.get("GATEWAY") + path);
    }

    public HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null);
    }

    public HttpResponse<String> post(String path, String json) {
        return send("POST", path, null, json);
    }

    public HttpResponse<String> send(String method, String path, String token, String json) {
        remember(json);
        if (token != null) {
            personalData.add(token);
        }
        var request = HttpRequest.newBuilder(gateway(path)).timeout(Duration.ofSeconds(20))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a live event stream and, once its answer has begun, closes it: the status and headers, and the body if refused. */
    HttpResponse<String> openStream(String path, String token) {
        var request = HttpRequest.newBuilder(gateway(path)).timeout(Duration.ofSeconds(20)).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        // A client of its own, shut with the stream: a connection left streaming is never one the next request gets.
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            var response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (var body = response.body()) {
                var text = response.statusCode() == 200 ? "" : new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return new Answered(response, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            client.shutdownNow();
        }
    }

    /** A streamed answer with the part of its body that was read. */
    private record Answered(HttpResponse<?> response, String body) implements HttpResponse<String> {
        public int statusCode() {
            return response.statusCode();
        }

        public HttpRequest request() {
            return response.request();
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return response.headers();
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return response.sslSession();
        }

        public URI uri() {
            return response.uri();
        }

        public HttpClient.Version version() {
            return response.version();
        }
    }

    public JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Notes the personal fields of a request body the tests send. */
    void remember(String json) {
        if (json == null || !json.startsWith("{")) {
            return;
        }
        var body = JSON.readTree(json);
        for (var field : java.util.List.of("email", "password", "newPassword", "currentPassword", "fullName", "phone")) {
            if (body.hasNonNull(field) && body.get(field).asString().length() >= 6) {
                personalData.add(body.get(field).asString());
            }
        }
    }

    /**
     * A workshop for adults two weeks from now, created and published by {@code educator}, with no solidarity seats:
     * the paid places are what the benchmark and the resilience suite count. Returns its id.
     */
    public String publishedWorkshopForAdults(String educator, Map<String, String> title, int capacity) {
        return publishedWorkshopForAdults(educator, title, capacity, null);
    }

    /** The same, part of a project ({@code projectId}, one the educator was assigned to), when given. */
    public String publishedWorkshopForAdults(String educator, Map<String, String> title, int capacity, String projectId) {
        var start = java.time.OffsetDateTime.now(java.time.ZoneId.of("Europe/Istanbul")).plusDays(14).withHour(18).withMinute(0)
                .withSecond(0).withNano(0);
        var body = new java.util.HashMap<String, Object>();
        body.put("title", title);
        body.put("description", Map.of("tr", "Herkesin aynı anda yer istediği atölye."));
        body.put("category", "STEM");
        body.put("targetGroups", List.of("ADULTS"));
        body.put("minAge", 18);
        body.put("maxAge", 99);
        body.put("language", "tr");
        body.put("venue", Map.of("name", "Karşıyaka Kültür Merkezi", "district", "Karşıyaka", "city", "İzmir"));
        body.put("sessions", List.of(Map.of("start", start.toString(), "end", start.plusHours(2).toString())));
        body.put("capacity", capacity);
        body.put("price", Map.of("amount", "100.00", "currency", "TRY"));
        body.put("memberPrice", Map.of("amount", "80.00", "currency", "TRY"));
        body.put("solidaritySeats", 0);
        if (projectId != null) {
            body.put("projectId", projectId);
        }
        var created = send("POST", "/api/workshops", educator, JSON.writeValueAsString(body));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var id = json(created).get("id").asString();
        var published = send("POST", "/api/workshops/" + id + "/publish", educator, null);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        return id;
    }

    /** A person's access token from the platform's sign-in. */
    public String signIn(String email, String password) {
        var login = post("/api/auth/login", JSON.writeValueAsString(Map.of("email", email, "password", password)));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        var token = json(login).get("access_token").asString();
        personalData.add(token);
        return token;
    }

    public String admin() {
        return signIn(ADMIN_EMAIL, adminPassword());
    }

    /** A partner organisation's client-credentials token, from an API client staff issue it. */
    String partner(String organisationId) {
        var client = json(send("POST", "/api/membership/organisations/" + organisationId + "/api-clients", admin(), null));
        var basic = java.util.Base64.getEncoder().encodeToString((client.get("clientId").asString() + ":"
                + client.get("clientSecret").asString()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var token = send(HttpRequest.newBuilder(gateway("/oauth2/token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return json(token).get("access_token").asString();
    }

    /** Registers a person; with {@code verified}, follows the link in the verification mail as their browser would. */
    String register(String email, String password, String fullName, boolean verified) {
        var registered = post("/api/auth/register", JSON.writeValueAsString(Map.of("email", email, "password", password,
                "fullName", fullName, "locale", "tr")));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        if (verified) {
            verifyFromTheMail(email);
        }
        return signIn(email, password);
    }

    /** Reads the verification mail over IMAP, as the person's mail program would, and opens its link. */
    public void verifyFromTheMail(String email) {
        var mail = await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.inbox("127.0.0.1", ports.get("IMAP"), email),
                inbox -> !inbox.isEmpty()).getFirst();
        assertThat(mail.subject()).isEqualTo("E-posta adresinizi doğrulayın");
        var link = Pattern.compile("(http\\S+/account/verify-email\\?token=\\S+)").matcher(mail.body());
        assertThat(link.find()).as(mail.body()).isTrue();
        var page = send(HttpRequest.newBuilder(URI.create(link.group(1).replace("localhost", "127.0.0.1"))).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("doğrulandı");
    }

    String tail() {
        try {
            var lines = Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port nothing listens on, for a process started next. Drawn below the range the system gives outgoing
     * connections (32768–60999 on Linux): a port from that range, as {@code new ServerSocket(0)} gives, can be taken by
     * any of the starting services' outgoing connections between this check and the bind.
     */
    public static int freePort() throws IOException {
        for (int tries = 0; tries < PORTS_BELOW_OUTGOING; tries++) {
            int port = FIRST_PORT + Math.floorMod(nextPort.getAndIncrement(), PORTS_BELOW_OUTGOING);
            try (var socket = new ServerSocket(port)) {
                return port;
            } catch (IOException taken) {
                // Something listens there; try the next one.
            }
        }
        throw new IOException("No free port in " + FIRST_PORT + "–" + (FIRST_PORT + PORTS_BELOW_OUTGOING - 1));
    }
}
