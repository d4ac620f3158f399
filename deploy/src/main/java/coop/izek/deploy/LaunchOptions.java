package coop.izek.deploy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ./izek up} was asked to do, from its flags and the environment (CONTRACT.md: Run).
 * External infrastructure is used unchanged when {@code IZEK_KAFKA_BOOTSTRAP} / {@code IZEK_MONGODB_URI} are given.
 */
record LaunchOptions(
        Path repository,
        Path dataDirectory,
        boolean fresh,
        boolean demo,
        Ports ports,
        Optional<String> externalKafka,
        Optional<String> externalMongo,
        Optional<String> externalSmtpHost,
        String adminEmail,
        Optional<String> adminPassword) {

    record Ports(int gateway, int membership, int workshop, int project, int notification, int portal, int kafka,
                 int kafkaController, int store, int smtp, int imap) {
    }

    static final String USAGE = """
            usage: ./izek up [--demo] [--fresh]
              --demo   also load demo data
              --fresh  wipe the data folder first
            environment: IZEK_DATA_DIR (./.izek-data), IZEK_GATEWAY_PORT (8080), IZEK_ADMIN_EMAIL, IZEK_ADMIN_PASSWORD,
                         IZEK_KAFKA_BOOTSTRAP and IZEK_MONGODB_URI (use existing infrastructure instead of the embedded one),
                         IZEK_MEMBERSHIP_PORT (8081), IZEK_WORKSHOP_PORT (8082), IZEK_PROJECT_PORT (8083),
                         IZEK_NOTIFICATION_PORT (8084), IZEK_PORTAL_PORT (8085), IZEK_KAFKA_PORT (9092), IZEK_KAFKA_CONTROLLER_PORT (9093),
                         IZEK_STORE_PORT (27017), IZEK_SMTP_PORT (3025), IZEK_IMAP_PORT (3143),
                         IZEK_SMTP_HOST (send mail through this relay on IZEK_SMTP_PORT instead of the embedded mail server;
                         SPRING_MAIL_USERNAME, SPRING_MAIL_PASSWORD and SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE pass through)""";

    static LaunchOptions parse(String[] args, Map<String, String> env, Path repository) {
        if (args.length == 0 || !args[0].equals("up")) {
            throw new IllegalArgumentException("unknown command");
        }
        boolean fresh = false;
        boolean demo = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--fresh" -> fresh = true;
                case "--demo" -> demo = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        var ports = new Ports(
                port(env, "IZEK_GATEWAY_PORT", 8080),
                port(env, "IZEK_MEMBERSHIP_PORT", 8081),
                port(env, "IZEK_WORKSHOP_PORT", 8082),
                port(env, "IZEK_PROJECT_PORT", 8083),
                port(env, "IZEK_NOTIFICATION_PORT", 8084),
                port(env, "IZEK_PORTAL_PORT", 8085),
                port(env, "IZEK_KAFKA_PORT", 9092),
                port(env, "IZEK_KAFKA_CONTROLLER_PORT", 9093),
                port(env, "IZEK_STORE_PORT", 27017),
                port(env, "IZEK_SMTP_PORT", 3025),
                port(env, "IZEK_IMAP_PORT", 3143));
        // A given IZEK_DATA_DIR is taken as the user typed it (relative to where they are); the default sits in the repository.
        var given = nonBlank(env.get("IZEK_DATA_DIR"));
        var data = (given.isPresent() ? Path.of(given.get()) : repository.resolve(".izek-data")).toAbsolutePath().normalize();
        return new LaunchOptions(repository, data, fresh, demo, ports,
                nonBlank(env.get("IZEK_KAFKA_BOOTSTRAP")), nonBlank(env.get("IZEK_MONGODB_URI")), nonBlank(env.get("IZEK_SMTP_HOST")),
                nonBlank(env.get("IZEK_ADMIN_EMAIL")).orElse("admin@izek.local"),
                nonBlank(env.get("IZEK_ADMIN_PASSWORD")));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        var value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
