package coop.izek.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import coop.izek.events.EventType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contract samples of the platform's events ({@code event-contracts}' {@code contracts/<type>/<variant>.json}): what a
 * payload of each type looks like. Both sides are held to them, so a consumer is never tested with a payload its
 * producer would not send:
 * <ul>
 *   <li>producers' tests capture what they really published and {@link #assertMatchesSample} it: the same fields, of
 *       the same JSON types, and the same words wherever a consumer compares words;</li>
 *   <li>consumers' tests feed {@link #sample} to their listeners, with the ids of their own test data filled in.</li>
 * </ul>
 * In a sample, a string {@code "{{name}}"} is a value each test fills in (any string), {@code "{{name=Ayşe}}"} one
 * with a default, {@code "{{name?}}"} one that may be null, {@code "{{name:A|B}}"} one of those words only, and any
 * other string in capitals ({@code "APPROVE"}) a word that must be exactly so. Other strings, numbers and booleans are examples of their type; {@code null} may be
 * anything.
 */
public final class EventContracts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9]+)(\\?)?(?::([A-Za-z0-9_|]+))?(?:=([^}]*))?}}");
    private static final Pattern WORD = Pattern.compile("[A-Z][A-Z0-9_]+");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventContracts() {
    }

    /** The default sample of {@code type} with its placeholders filled from {@code values}. */
    public static String sample(EventType<?> type, Map<String, String> values) {
        return sample(type, "default", values);
    }

    /**
     * A sample with its placeholders filled: every placeholder needs a value, except those with a default, "one of"
     * placeholders (their first word when not given) and nullable ones (null when not given).
     */
    public static String sample(EventType<?> type, String variant, Map<String, String> values) {
        return fill(raw(type, variant), values, type.name() + "/" + variant);
    }

    /**
     * A sample whose top-level arrays named in {@code arrays} hold several elements, each the sample's element filled
     * with its own values (a workshop with three sessions, a group of a parent and two children).
     */
    public static String sample(EventType<?> type, String variant, Map<String, String> values,
                                Map<String, java.util.List<Map<String, String>>> arrays) {
        var tree = (tools.jackson.databind.node.ObjectNode) JSON.readTree(raw(type, variant));
        var elements = new java.util.LinkedHashMap<String, tools.jackson.databind.node.ArrayNode>();
        arrays.forEach((field, items) -> {
            var template = tree.get(field).get(0).toString();
            var array = JSON.createArrayNode();
            items.forEach(item -> array.add(JSON.readTree(fill(template, item, type.name() + "." + field))));
            elements.put(field, array);
            tree.remove(field);
        });
        var filled = (tools.jackson.databind.node.ObjectNode) JSON.readTree(fill(tree.toString(), values, type.name() + "/" + variant));
        elements.forEach(filled::set);
        return filled.toString();
    }

    private static String fill(String text, Map<String, String> values, String what) {
        var matcher = PLACEHOLDER.matcher(text);
        var filled = new StringBuilder();
        var unused = new HashSet<>(values.keySet());
        while (matcher.find()) {
            var name = matcher.group(1);
            unused.remove(name);
            String value = values.get(name);
            if (value == null && matcher.group(4) != null) {
                value = matcher.group(4);
            }
            if (value == null && matcher.group(3) != null) {
                value = matcher.group(3).split("\\|")[0];
            }
            if (value == null && matcher.group(2) == null) {
                throw new IllegalArgumentException("The sample " + what + " needs a value for " + name);
            }
            if (value != null && matcher.group(3) != null && !java.util.List.of(matcher.group(3).split("\\|")).contains(value)) {
                throw new IllegalArgumentException(name + " must be one of " + matcher.group(3) + ", not " + value);
            }
            // The placeholder stands inside quotes: a null replaces the quoted string as a whole.
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "\u0000null\u0000" : escape(value)));
        }
        matcher.appendTail(filled);
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("The sample " + what + " has no " + unused);
        }
        return filled.toString().replace("\"\u0000null\u0000\"", "null");
    }

    /** Publishes the default sample of {@code type} about {@code subject} on its topic; returns the event id. */
    public static String publish(EventType<?> type, String subject, Map<String, String> values) {
        return publish(type, "default", subject, values);
    }

    public static String publish(EventType<?> type, String variant, String subject, Map<String, String> values) {
        return publishJson(type, subject, sample(type, variant, values));
    }

    /** Publishes the sample under a given event id (to redeliver the same event). */
    public static void publishWithId(EventType<?> type, String variant, String eventId, String subject, Map<String, String> values) {
        try (var sender = EventSender.create()) {
            sender.sendWithId(type.topic(), eventId, type.name(), subject, sample(type, variant, values));
        }
    }

    /** An event a test published, which it can send again exactly as it was (id and time included). */
    public record Sent(EventType<?> type, String id, java.time.OffsetDateTime time, String subject, String payload) {
        public void redeliver() {
            try (var sender = EventSender.create()) {
                sender.sendWithIdAt(type.topic(), id, time, type.name(), subject, payload);
            }
        }
    }

    /** Publishes a filled sample and keeps it, to {@link Sent#redeliver} it later. */
    public static Sent send(EventType<?> type, String variant, String subject, Map<String, String> values) {
        return sendJson(type, subject, sample(type, variant, values));
    }

    /** Publishes a payload made by {@link #sample} and keeps it, to {@link Sent#redeliver} it later. */
    public static Sent sendJson(EventType<?> type, String subject, String payload) {
        var sent = new Sent(type, java.util.UUID.randomUUID().toString(), java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC), subject,
                payload);
        sent.redeliver();
        return sent;
    }

    /** Publishes a payload made by {@link #sample}; returns the event id. */
    public static String publishJson(EventType<?> type, String subject, String payload) {
        try (var sender = EventSender.create()) {
            return sender.send(type.topic(), type.name(), subject, payload);
        }
    }

    /** Fails unless {@code produced} (a payload a producer really published) has the shape and words of the sample. */
    public static void assertMatchesSample(EventType<?> type, String variant, String produced) {
        var problems = new StringBuilder();
        compare(JSON.readTree(raw(type, variant)), JSON.readTree(produced), "$", problems);
        if (!problems.isEmpty()) {
            throw new AssertionError(type.name() + " does not match its contract sample " + variant + ":" + problems
                    + "\nproduced: " + produced);
        }
    }

    private static void compare(JsonNode sample, JsonNode actual, String path, StringBuilder problems) {
        if (sample.isNull()) {
            return;
        }
        if (sample.isString()) {
            var text = sample.asString();
            var placeholder = PLACEHOLDER.matcher(text);
            if (placeholder.matches()) {
                if (actual.isNull() && placeholder.group(2) != null) {
                    return;
                }
                if (!actual.isString()) {
                    problems.append("\n  ").append(path).append(" should be a string, is ").append(actual);
                } else if (placeholder.group(3) != null && !java.util.List.of(placeholder.group(3).split("\\|")).contains(actual.asString())) {
                    problems.append("\n  ").append(path).append(" should be one of ").append(placeholder.group(3)).append(", is ")
                            .append(actual);
                }
            } else if (WORD.matcher(text).matches()) {
                if (!actual.isString() || !actual.asString().equals(text)) {
                    problems.append("\n  ").append(path).append(" should be \"").append(text).append("\", is ").append(actual);
                }
            } else if (!actual.isString()) {
                problems.append("\n  ").append(path).append(" should be a string, is ").append(actual);
            }
            return;
        }
        if (sample.isNumber() || sample.isBoolean()) {
            if (sample.getNodeType() != actual.getNodeType()) {
                problems.append("\n  ").append(path).append(" should be a ").append(sample.getNodeType()).append(", is ").append(actual);
            }
            return;
        }
        if (sample.isArray()) {
            if (!actual.isArray()) {
                problems.append("\n  ").append(path).append(" should be an array, is ").append(actual);
                return;
            }
            if (!sample.isEmpty()) {
                for (int i = 0; i < actual.size(); i++) {
                    compare(sample.get(Math.min(i, sample.size() - 1)), actual.get(i), path + "[" + i + "]", problems);
                }
            }
            return;
        }
        if (!actual.isObject()) {
            problems.append("\n  ").append(path).append(" should be an object, is ").append(actual);
            return;
        }
        var expected = new HashSet<String>(sample.propertyNames());
        var given = new HashSet<String>(actual.propertyNames());
        if (!expected.equals(given)) {
            var missing = new HashSet<>(expected);
            missing.removeAll(given);
            var extra = new HashSet<>(given);
            extra.removeAll(expected);
            problems.append("\n  ").append(path).append(" fields differ: missing ").append(missing).append(", not in the sample ")
                    .append(extra);
        }
        for (var name : expected) {
            if (given.contains(name)) {
                compare(sample.get(name), actual.get(name), path + "." + name, problems);
            }
        }
    }

    private static String raw(EventType<?> type, String variant) {
        var resource = "contracts/" + type.name() + "/" + variant + ".json";
        try (InputStream in = EventContracts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No contract sample " + resource + " in event-contracts");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String value) {
        var quoted = JSON.writeValueAsString(value);
        return quoted.substring(1, quoted.length() - 1);
    }
}
