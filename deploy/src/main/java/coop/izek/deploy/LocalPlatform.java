package coop.izek.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import coop.izek.deploy.kafka.KafkaBroker;

/** The whole platform on one machine: store, broker, the four services, the portal and the gateway, each in its own JVM. */
final class LocalPlatform {

    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration RECORDING_STOP_GRACE = Duration.ofMinutes(3);
    /**
     * Compiled by the JIT's quick tier only: C2 is about half of every service's start-up CPU (all six started in 32 s
     * with C1 alone against 56 s), and these two are never on a busy path: the portal renders pages for people one at a
     * time, project-service counts indicators. The gateway, workshop- and notification-service carry a rush, and
     * membership-service hashes passwords, all of which need C2's code.
     */
    private static final java.util.Set<String> QUICK_COMPILED = java.util.Set.of("portal", "project-service");
    private static final List<String> SERVICES = List.of("membership-service", "workshop-service", "project-service",
            "notification-service");

    private final LaunchOptions options;
    private Supervisor supervisor;
    private RunFolder run;
    /** Each service's current run, by module: its AOT cache is recorded or used per run. */
    private final Map<String, BootApplication> applications = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean stopping;
    private boolean generatedAdminPassword;

    LocalPlatform(LaunchOptions options) {
        this.options = options;
    }

    /** Starts everything and returns once the gateway reports every service UP. */
    void start() throws InterruptedException {
        long started = System.nanoTime();
        var data = options.dataDirectory();
        var leftovers = new ArrayList<String>();
        run = RunFolder.claim(data.resolve("run"), leftovers);
        if (!leftovers.isEmpty()) {
            System.out.println("Stopped what an earlier run left running when it ended without stopping it: " + String.join(", ", leftovers));
        }
        if (options.fresh()) {
            wipe(data);
        }
        PrivateFiles.folder(data);
        run.recordLauncher();
        supervisor = new Supervisor(run, System.out);
        PrivateFiles.folder(data.resolve("logs"));
        var masterKey = PrivateFiles.masterKey(data.resolve("keys"));
        var adminPassword = adminPassword();

        String mongoUri = options.externalMongo().orElseGet(this::startStore);
        String kafka = options.externalKafka().orElseGet(this::startKafka);
        String smtpHost = options.externalSmtpHost().orElseGet(this::startMail);
        awaitInfrastructure(mongoUri, kafka);

        var ports = options.ports();
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        servicePorts.put("membership-service", ports.membership());
        servicePorts.put("workshop-service", ports.workshop());
        servicePorts.put("project-service", ports.project());
        servicePorts.put("notification-service", ports.notification());

        var common = new HashMap<String, String>();
        common.put("IZEK_KAFKA_BOOTSTRAP", kafka);
        common.put("IZEK_MONGODB_URI", mongoUri);
        common.put("IZEK_ISSUER", "http://localhost:" + ports.gateway());
        common.put("IZEK_JWK_SET_URI", "http://" + HOST + ":" + ports.membership() + "/oauth2/jwks");
        common.put("IZEK_DEMO", Boolean.toString(options.demo()));
        common.put("SPRING_MAIL_HOST", smtpHost);
        common.put("SPRING_MAIL_PORT", Integer.toString(ports.smtp()));
        common.put("IZEK_MASTER_KEY_FILE", masterKey.toString());
        for (var service : SERVICES) {
            var env = new HashMap<>(common);
            env.put("SERVER_PORT", Integer.toString(servicePorts.get(service)));
            // Only the gateway listens beyond this machine; the services are reached through it.
            env.put("SERVER_ADDRESS", HOST);
            if (service.equals("membership-service")) {
                env.put("IZEK_PORTAL_REDIRECT_URIS", "http://localhost:" + ports.gateway() + "/portal/callback");
                env.put("IZEK_ADMIN_EMAIL", options.adminEmail());
                env.put("IZEK_ADMIN_PASSWORD", adminPassword);
                if (options.demo()) {
                    env.put("IZEK_DEMO_PASSWORD", demoPassword().value());
                }
            }
            if (service.equals("notification-service")) {
                // On one machine, partners' test receivers are local too (http://localhost:...); production keeps https to public hosts.
                env.put("IZEK_NOTIFICATION_WEBHOOKS_ALLOWPLAINHTTP", "true");
                env.put("IZEK_NOTIFICATION_WEBHOOKS_ALLOWLOOPBACK", "true");
            }
            startBootJar(service, env);
        }
        // The web site: an OpenID client of membership-service, calling the APIs through the gateway.
        var portalEnv = new HashMap<>(common);
        portalEnv.put("SERVER_PORT", Integer.toString(ports.portal()));
        portalEnv.put("SERVER_ADDRESS", HOST);
        portalEnv.put("IZEK_GATEWAY_URL", "http://" + HOST + ":" + ports.gateway());
        portalEnv.put("IZEK_MEMBERSHIP_URL", "http://" + HOST + ":" + ports.membership());
        startBootJar("portal", portalEnv);
        servicePorts.put("portal", ports.portal());

        var gatewayEnv = new HashMap<>(common);
        gatewayEnv.put("SERVER_PORT", Integer.toString(ports.gateway()));
        gatewayEnv.put("IZEK_PORTAL_ORIGINS", "http://localhost:" + ports.gateway());
        // The portal calls the APIs for its visitors and says whose address a call is for; only loopback (where the
        // portal runs here) is believed, so anonymous visitors are limited each on their own, not all as the portal.
        gatewayEnv.put("IZEK_GATEWAY_LIMITS_TRUSTEDPROXIES", HOST);
        servicePorts.forEach((service, port) -> gatewayEnv.put(
                "IZEK_" + service.replace("-service", "").toUpperCase() + "_URL", "http://" + HOST + ":" + port));
        startBootJar("gateway", gatewayEnv);

        awaitGatewayUp();
        printSummary(mongoUri, kafka, adminPassword, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Blocks until stop() was called, starting again whatever ends on its own meanwhile (see {@link Supervisor}). */
    void awaitStop() throws InterruptedException {
        while (!stopping) {
            supervisor.check();
            synchronized (this) {
                wait(1000);
            }
        }
    }

    /** Stops the gateway and services first, then the broker and the store, so nothing loses its infrastructure mid-shutdown. */
    void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            notifyAll();
        }
        if (supervisor == null) {
            return;
        }
        supervisor.stopSupervising();
        System.out.println("Stopping izek-platform ...");
        var reversed = new ArrayList<>(supervisor.children());
        java.util.Collections.reverse(reversed);
        var services = reversed.stream().filter(c -> !List.of("kafka", "store", "mail").contains(c.name())).toList();
        // All at once: each takes a few seconds to leave its consumer groups and close, mostly waiting.
        var toAssemble = new ConcurrentHashMap<ChildProcess, BootApplication>();
        var stops = services.stream().map(child -> Thread.ofVirtual().start(() -> {
            var application = applications.get(child.name());
            boolean records = application != null && application.records();
            boolean stoppedCleanly = stop(child, records ? RECORDING_STOP_GRACE : STOP_GRACE);
            if (records && application.recorded(stoppedCleanly)) {
                toAssemble.put(child, application);
            }
        })).toList();
        stops.forEach(LocalPlatform::join);
        reversed.stream().filter(c -> c.name().equals("kafka")).forEach(c -> stop(c, STOP_GRACE));
        reversed.stream().filter(c -> c.name().equals("store") || c.name().equals("mail")).forEach(c -> stop(c, STOP_GRACE));
        assembleCaches(toAssemble);
        run.forget(RunFolder.LAUNCHER);
        System.out.println("Stopped.");
    }

    /**
     * The first run after a build recorded what each service loads; its caches are assembled now, with the platform
     * stopped, so the next start takes seconds less per service. Once per build.
     */
    private void assembleCaches(Map<ChildProcess, BootApplication> recorded) {
        if (recorded.isEmpty()) {
            return;
        }
        System.out.println("Preparing a faster next start (once per build) ...");
        // Two at a time: each is a JVM busy on a core.
        try (var pool = Executors.newFixedThreadPool(2)) {
            recorded.forEach((child, application) -> pool.execute(() -> application.assembleCache(child.logFile())));
        }
    }

    private boolean stop(ChildProcess child, Duration grace) {
        boolean stoppedCleanly = child.stop(grace);
        if (!child.isAlive()) {
            supervisor.stopped(child);
        }
        return stoppedCleanly;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String startStore() {
        var command = javaCommand(concat(smallJvm("32m", "256m"), List.of(
                "-Dlog4j2.configurationFile=classpath:infrastructure-log4j2.xml",
                "-cp", System.getProperty("java.class.path"),
                "coop.izek.deploy.store.StoreMain",
                options.dataDirectory().resolve("store").toString(), HOST, Integer.toString(options.ports().store()))));
        supervisor.start("store", () -> ChildProcess.start("store", command, Map.of(), logFile("store"), options.repository()));
        return "mongodb://" + HOST + ":" + options.ports().store();
    }

    private String startMail() {
        var command = javaCommand(concat(smallJvm("16m", "128m"), List.of(
                "-Dlog4j2.configurationFile=classpath:infrastructure-log4j2.xml",
                "-cp", System.getProperty("java.class.path"),
                "coop.izek.deploy.mail.MailMain", HOST, Integer.toString(options.ports().smtp()), Integer.toString(options.ports().imap()),
                PrivateFiles.folder(options.dataDirectory().resolve("mail")).toString())));
        supervisor.start("mail", () -> ChildProcess.start("mail", command, Map.of(), logFile("mail"), options.repository()));
        return HOST;
    }

    private String startKafka() {
        var broker = new KafkaBroker(options.dataDirectory().resolve("kafka"), HOST, options.ports().kafka(),
                options.ports().kafkaController());
        broker.writeConfig();
        var jvm = concat(smallJvm("64m", "512m"), List.of("-Dlog4j2.configurationFile=classpath:infrastructure-log4j2.xml",
                "-cp", System.getProperty("java.class.path")));
        if (broker.needsFormat()) {
            var format = ChildProcess.start("kafka-format", concat(javaCommand(jvm), broker.formatArguments()), Map.of(),
                    logFile("kafka-format"), options.repository());
            try {
                if (format.waitFor() != 0) {
                    throw new IllegalStateException("Formatting the Kafka storage failed:\n" + format.tail(20));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while formatting the Kafka storage", e);
            }
        }
        supervisor.start("kafka", () -> ChildProcess.start("kafka", concat(javaCommand(jvm), broker.runArguments()), Map.of(),
                logFile("kafka"), options.repository()));
        return broker.bootstrapServers();
    }

    /** A service's JVM: {@link #smallJvm}'s options, and the JDK's AOT cache of its classes (see {@link BootApplication}). */
    private void startBootJar(String module, Map<String, String> env) {
        var jvm = new ArrayList<>(smallJvm("48m", "384m"));
        jvm.addAll(List.of("-Xss512k", "-XX:ReservedCodeCacheSize=64m", "--enable-native-access=ALL-UNNAMED"));
        if (QUICK_COMPILED.contains(module)) {
            jvm.add("-XX:TieredStopAtLevel=1");
        }
        supervisor.start(module, () -> {
            var application = BootApplication.of(bootJar(module), java(), jvm, logFile(module + "-extract"));
            var before = applications.put(module, application);
            if (before != null && before.records()) {
                // The run that ended on its own left at most half a record: the new run records afresh.
                before.recorded(false);
            }
            return ChildProcess.start(module, application.command(), env, logFile(module), options.repository());
        });
    }

    private Path bootJar(String module) {
        var target = options.repository().resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("No jar in " + target + ": build first (./mvnw -DskipTests package)"));
        } catch (IOException e) {
            throw new IllegalStateException("No " + target + ": build first (./mvnw -DskipTests package)", e);
        }
    }

    private void awaitInfrastructure(String mongoUri, String kafka) throws InterruptedException {
        awaitPort("store", hostPort(mongoUri.replaceFirst("^mongodb(\\+srv)?://", "").replaceFirst("[/?].*$", "").split(",")[0]));
        awaitPort("kafka", hostPort(kafka.split(",")[0]));
    }

    private void awaitPort(String name, InetSocketAddress address) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            failIfAnyChildDied();
            try (var socket = new Socket()) {
                socket.connect(address, 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(name + " did not listen on " + address + " within " + START_TIMEOUT.toSeconds() + " s");
    }

    private void awaitGatewayUp() throws InterruptedException {
        var health = URI.create("http://" + HOST + ":" + options.ports().gateway() + "/actuator/health");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            failIfAnyChildDied();
            try {
                var response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // the gateway is not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The platform did not report UP on " + health + " within "
                + START_TIMEOUT.toSeconds() + " s. Logs: " + options.dataDirectory().resolve("logs"));
    }

    private void failIfAnyChildDied() {
        for (var child : supervisor.children()) {
            if (!child.isAlive()) {
                throw new IllegalStateException(child.name() + " stopped during start-up. Last lines of "
                        + child.logFile() + ":\n" + child.tail(40));
            }
        }
    }

    /** The staff password: from the environment, or generated once and kept in the data folder (owner-only). */
    private String adminPassword() {
        if (options.adminPassword().isPresent()) {
            return options.adminPassword().get();
        }
        var kept = keptPassword(options.dataDirectory().resolve("admin-password.txt"));
        generatedAdminPassword = kept.generatedNow();
        return kept.value();
    }

    /** The demo people's shared password: sample accounts on a developer's machine, printed on every start. */
    private KeptPassword demoPassword() {
        return keptPassword(demoPasswordFile());
    }

    private Path demoPasswordFile() {
        return options.dataDirectory().resolve("demo-password.txt");
    }

    record KeptPassword(String value, boolean generatedNow) {
    }

    /** A password read from {@code file}, or made (passing the platform's policy: letters and digits) and kept there. */
    static KeptPassword keptPassword(Path file) {
        try {
            if (Files.exists(file)) {
                return new KeptPassword(Files.readString(file).strip(), false);
            }
            var alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
            var random = new SecureRandom();
            var password = new StringBuilder();
            while (password.isEmpty() || password.chars().noneMatch(Character::isDigit)
                    || password.chars().noneMatch(Character::isLetter)) {
                password.setLength(0);
                for (int i = 0; i < 20; i++) {
                    password.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            PrivateFiles.writeNew(file, password + "\n");
            return new KeptPassword(password.toString(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep a password in " + file, e);
        }
    }

    private void printSummary(String mongoUri, String kafka, String adminPassword, Duration took) {
        var ports = options.ports();
        var out = new StringBuilder();
        out.append("\nizek-platform is up (").append(took.toSeconds()).append(" s)\n");
        out.append("  portal         http://localhost:").append(ports.gateway()).append("/\n");
        out.append("  gateway        http://localhost:").append(ports.gateway()).append("\n");
        out.append("  health         http://localhost:").append(ports.gateway()).append("/actuator/health\n");
        out.append("  kafka          ").append(kafka).append("\n");
        out.append("  mongodb        ").append(mongoUri).append("\n");
        if (options.externalSmtpHost().isPresent()) {
            out.append("  mail           sent through ").append(options.externalSmtpHost().get()).append(':').append(ports.smtp()).append("\n");
        } else {
            out.append("  mail           SMTP ").append(HOST).append(':').append(ports.smtp()).append(", read it over IMAP at ")
                    .append(HOST).append(':').append(ports.imap()).append(" (user: the recipient's address, any password)\n");
        }
        out.append(staffAccountLine(options.adminEmail(), adminPassword, generatedAdminPassword, options.adminPassword().isPresent(),
                options.dataDirectory().resolve("admin-password.txt")));
        out.append("\n  data           ").append(options.dataDirectory()).append("\n");
        out.append("  logs\n");
        for (var child : supervisor.children()) {
            out.append(String.format("    %-21s %s%n", child.name(), child.logFile()));
        }
        if (options.demo()) {
            out.append("  demo data      loading: a dozen workshops, the LEARNCITY-IZ Erasmus+ consortium, members and a family\n");
            out.append("  demo accounts  ayse.demir@demo.izek.coop (educator), deniz.yildiz@demo.izek.coop (parent of two),\n");
            out.append("                 katarzyna.nowak@demo.izek.coop (works for the Polish partner cluster)\n");
            out.append("                 password ").append(demoPassword().value()).append("   (kept in ").append(demoPasswordFile())
                    .append(")\n");
        }
        out.append("Press Ctrl-C to stop.\n");
        System.out.print(out);
    }

    /** The password is printed only on the start that made it; later starts say where it is kept. */
    static String staffAccountLine(String email, String password, boolean generatedNow, boolean fromEnvironment, Path file) {
        if (generatedNow) {
            return "  staff account  " + email + " / " + password + "   (kept in " + file + ")";
        }
        return "  staff account  " + email + (fromEnvironment ? "   (password from IZEK_ADMIN_PASSWORD)" : "   (password in " + file + ")");
    }

    private Path logFile(String name) {
        return options.dataDirectory().resolve("logs").resolve(name + ".log");
    }

    /**
     * What every JVM the launcher starts shares: the serial collector (one core's worth of GC threads and no region
     * tables), a heap that starts small and is handed back after a collection (the default initial heap is a 64th of
     * the machine's memory, so every service held its whole maximum from the start), the C library's free memory handed
     * back every few seconds (start-up leaves tens of MiB of freed native memory, from the JIT and class parsing, in
     * glibc's arenas, which keep it otherwise), and 8-byte object headers instead of 12 (JDK 25), on the heap and in
     * the AOT caches alike.
     */
    private static List<String> smallJvm(String initialHeap, String maxHeap) {
        return List.of("-Xms" + initialHeap, "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
                "-XX:TrimNativeHeapInterval=5000", "-XX:+UseCompactObjectHeaders");
    }

    private static List<String> javaCommand(List<String> arguments) {
        return concat(List.of(java().toString()), arguments);
    }

    private static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static InetSocketAddress hostPort(String value) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return new InetSocketAddress(value, 27017);
        }
        return new InetSocketAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory, e);
        }
    }

    /** Deletes {@code directory} and everything in it, if it is there. */
    static void wipe(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (var path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot wipe " + directory, e);
        }
    }
}
