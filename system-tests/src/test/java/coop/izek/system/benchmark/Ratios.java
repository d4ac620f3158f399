package coop.izek.system.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/** Each platform figure beside its peer or its limit, and the run as a table for the console and the results folder. */
final class Ratios {

    private Ratios() {
    }

    static Map<String, Object> of(Map<String, Object> summary) {
        var ratios = new LinkedHashMap<String, Object>();
        put(ratios, "rushGatewayOfStoreLimitWithOutbox", rate(summary, "enrolmentRush", "gateway"),
                number(summary, "limits", "storeConditionalUpdateWithOutbox8Clients", "perSecond"));
        put(ratios, "storeEnrolmentWriteLastTenthOfFirstTenth",
                number(summary, "limits", "storeEnrolmentAsTheWorkshopFills", "lastTenth", "perSecond"),
                number(summary, "limits", "storeEnrolmentAsTheWorkshopFills", "firstTenth", "perSecond"));
        put(ratios, "rushGatewayOfDirect", rate(summary, "enrolmentRush", "gateway"), rate(summary, "enrolmentRush", "direct"));
        put(ratios, "liveInboxDuringRushP99OfKafkaEndToEndP99", number(summary, "liveInbox", "duringRush", "p99Ms"),
                number(summary, "limits", "kafkaEndToEndLatency", "p99Ms"));
        put(ratios, "catalogueGatewayOfNginx", rate(summary, "catalogue", "gateway"), rate(summary, "catalogue", "nginx"));
        put(ratios, "catalogueGatewayFreshOfNginx", rate(summary, "catalogue", "gatewayFresh"), rate(summary, "catalogue", "nginx"));
        put(ratios, "catalogueDirectOfNginx", rate(summary, "catalogue", "direct"), rate(summary, "catalogue", "nginx"));
        put(ratios, "myEnrolmentsDirectOfCatalogueDirect", rate(summary, "myEnrolments", "direct"), rate(summary, "catalogue", "direct"));
        put(ratios, "myEnrolmentsGatewayOfDirect", rate(summary, "myEnrolments", "gateway"), rate(summary, "myEnrolments", "direct"));
        put(ratios, "healthGatewayOfDirect", rate(summary, "health", "gateway"), rate(summary, "health", "direct"));
        var gateway = figures(summary, "catalogue", "gateway");
        var gatewayFresh = figures(summary, "catalogue", "gatewayFresh");
        var direct = figures(summary, "catalogue", "direct");
        if (gateway != null && direct != null) {
            ratios.put("catalogueGatewayP99OverDirectMs", gateway.p99() - direct.p99());
        }
        if (gatewayFresh != null && direct != null) {
            ratios.put("catalogueGatewayFreshP99OverDirectMs", gatewayFresh.p99() - direct.p99());
        }
        return ratios;
    }

    static String table(Map<String, Object> summary) {
        var rows = new StringBuilder();
        row(rows, "figure", "value", "peer or limit", "goal");
        row(rows, "run command up", seconds(number(summary, "startUpAndMemory", "upSeconds")), "first start after a build", "≤ 30 s");
        row(rows, "run command stop, up again", seconds(number(summary, "startUpAndMemory", "stopSeconds")) + ", "
                + seconds(number(summary, "startUpAndMemory", "restartUpSeconds")), "restart on the same data", "≤ 30 s");
        row(rows, "resident memory after restart", number(summary, "startUpAndMemory", "idleResidentMiBAfterRestart") + " MiB", "idle; "
                + "shared pages once " + number(summary, "startUpAndMemory", "idleProportionalMiBAfterRestart") + " MiB", "≤ 1536 MiB");
        row(rows, "resident memory idle / rush", number(summary, "startUpAndMemory", "idleResidentMiB") + " / "
                + number(summary, "startUpAndMemory", "peakResidentMiBDuringRush") + " MiB", "idle, shared pages once "
                + number(summary, "startUpAndMemory", "idleProportionalMiB") + " MiB", "≤ 1536 / 2560 MiB");
        row(rows, "registration + sign-in", number(summary, "registration", "peoplePerSecond") + " people/s", "", "≥ 50 people/s");
        row(rows, "rush via gateway", http(figures(summary, "enrolmentRush", "gateway")),
                "store " + number(summary, "limits", "storeConditionalUpdateWithOutbox8Clients", "perSecond") + "/s with outbox",
                "≥ 1000/s, p99 ≤ 100 ms");
        row(rows, "rush direct", http(figures(summary, "enrolmentRush", "direct")), "", "");
        row(rows, "rush via gateway, cold", http(figures(summary, "enrolmentRush", "coldViaGateway")), "the first; live inbox, peak memory in it",
                "(not a goal)");
        row(rows, "CPU s in the rush via gateway", String.valueOf(value(summary, "enrolmentRush", "cpuSecondsByProcess")), "", "");
        row(rows, "books (gateway, direct)", String.valueOf(value(summary, "enrolmentRush", "books")), "", "0 overbooked, lost");
        row(rows, "live inbox at rest", latency(summary, "atRest"), "email pending at start "
                + value(summary, "liveInbox", "atRest", "emailDeliveriesPendingAtStart"), "p50 ≈ 30 ms, max ≈ 54 ms");
        row(rows, "live inbox idle (all probes at once)", latency(summary, "idle"), "", "");
        row(rows, "live inbox during cold rush", latency(summary, "duringRush"),
                "kafka e2e p99 " + number(summary, "limits", "kafkaEndToEndLatency", "p99Ms") + " ms", "p99 ≤ 250 ms");
        row(rows, "notification backlog, cold rush", "mean " + number(summary, "liveInbox", "workshopTopicBacklogDuringRush", "meanRecordsBehind")
                + ", max " + number(summary, "liveInbox", "workshopTopicBacklogDuringRush", "maxRecordsBehind") + " records", "workshop topic", "");
        row(rows, "notification batches, cold rush", String.valueOf(value(summary, "liveInbox", "workshopTopicBacklogDuringRush", "batches")),
                "per batch: mean ms of each step", "");
        row(rows, "catalogue via gateway", http(figures(summary, "catalogue", "gateway")),
                "nginx " + http(figures(summary, "catalogue", "nginx")), "≥ 75 % of nginx");
        row(rows, "catalogue via gateway, fresh", http(figures(summary, "catalogue", "gatewayFresh")),
                "no-cache: every read to the service", "≥ 75 % of nginx");
        row(rows, "catalogue direct", http(figures(summary, "catalogue", "direct")), "", "gateway p99 ≤ direct + 5 ms");
        row(rows, "catalogue first load: gateway", http(figures(summary, "catalogue", "firstLoad", "gateway")),
                "direct " + http(figures(summary, "catalogue", "firstLoad", "direct")), "before the JIT (not a goal)");
        row(rows, "my enrolments via gateway", http(figures(summary, "myEnrolments", "gateway")),
                "direct " + http(figures(summary, "myEnrolments", "direct")), "");
        row(rows, "CPU s in my enrolments direct", String.valueOf(value(summary, "myEnrolments", "cpuSecondsByProcessDirect")), "", "");
        row(rows, "my enrolments first load", http(figures(summary, "myEnrolments", "firstLoad", "gateway")),
                "direct " + http(figures(summary, "myEnrolments", "firstLoad", "direct")), "before the JIT (not a goal)");
        row(rows, "gateway health", http(figures(summary, "health", "gateway")),
                "a service's own " + http(figures(summary, "health", "direct")), "≥ 1000/s");
        row(rows, "health first load: gateway", http(figures(summary, "health", "firstLoad", "gateway")),
                "direct " + http(figures(summary, "health", "firstLoad", "direct")), "before the JIT (not a goal)");
        row(rows, "kafka producer perf", number(summary, "limits", "kafkaProducerPerf", "perSecond") + " records/s", "", "");
        row(rows, "store conditional updates", number(summary, "limits", "storeConditionalUpdate1Client", "perSecond") + "/s (1), "
                + number(summary, "limits", "storeConditionalUpdate8Clients", "perSecond") + "/s (8)", "", "");
        row(rows, "store enrolment write, filling", number(summary, "limits", "storeEnrolmentAsTheWorkshopFills", "firstTenth", "perSecond")
                + "/s first tenth, " + number(summary, "limits", "storeEnrolmentAsTheWorkshopFills", "lastTenth", "perSecond")
                + "/s last tenth", "1 client", "");
        row(rows, "store enrolment write, together", number(summary, "limits", "storeEnrolmentAsWorkshopsFillTogether", "perSecond")
                + "/s p99 " + number(summary, "limits", "storeEnrolmentAsWorkshopsFillTogether", "p99Ms") + " ms", "a client per workshop", "");
        rows.append("ratios: ").append(summary.get("ratios")).append('\n');
        return rows.toString();
    }

    private static void row(StringBuilder rows, String figure, String value, String peer, String goal) {
        rows.append(String.format("%-30s | %-42s | %-44s | %s%n", figure, value, peer, goal));
    }

    private static String http(GatlingRun.Figures figures) {
        return figures == null ? "-" : "%.0f/s p50 %d p99 %d ms, %d failed".formatted(figures.perSecond(), figures.p50(), figures.p99(),
                figures.failed());
    }

    private static String latency(Map<String, Object> summary, String when) {
        return "p50 " + number(summary, "liveInbox", when, "p50Ms") + " p99 " + number(summary, "liveInbox", when, "p99Ms") + " max "
                + number(summary, "liveInbox", when, "maxMs") + " ms (n="
                + number(summary, "liveInbox", when, "count") + "); from the answer p50 " + number(summary, "liveInbox", when, "fromAnswerP50Ms")
                + " p99 " + number(summary, "liveInbox", when, "fromAnswerP99Ms") + " ms (to the inbox item p50 "
                + number(summary, "liveInbox", when, "answerToInboxItemP50Ms") + " p99 " + number(summary, "liveInbox", when, "answerToInboxItemP99Ms")
                + ", item to stream p50 " + number(summary, "liveInbox", when, "inboxItemToStreamP50Ms") + " p99 "
                + number(summary, "liveInbox", when, "inboxItemToStreamP99Ms") + "; to the Kafka record p50 "
                + number(summary, "liveInbox", when, "answerToKafkaP50Ms") + " p99 " + number(summary, "liveInbox", when, "answerToKafkaP99Ms")
                + ", record to item p50 " + number(summary, "liveInbox", when, "kafkaToInboxItemP50Ms") + " p99 "
                + number(summary, "liveInbox", when, "kafkaToInboxItemP99Ms") + ")";
    }

    private static String seconds(Double value) {
        return value == null ? "- (attached)" : value + " s";
    }

    private static void put(Map<String, Object> ratios, String name, Double value, Double of) {
        var ratio = ratio(value, of);
        if (ratio != null) {
            ratios.put(name, ratio);
        }
    }

    /** {@code value} as a share of {@code of}, to three places; null unless both are there. */
    static Double ratio(Double value, Double of) {
        return value != null && of != null && of != 0 ? Math.round(value / of * 1000) / 1000.0 : null;
    }

    static Double rate(Map<String, Object> summary, String... path) {
        var figures = figures(summary, path);
        return figures == null ? null : figures.perSecond();
    }

    static GatlingRun.Figures figures(Map<String, Object> summary, String... path) {
        return value(summary, path) instanceof GatlingRun.Figures figures ? figures : null;
    }

    static Double number(Map<String, Object> summary, String... path) {
        return value(summary, path) instanceof Number number ? number.doubleValue() : null;
    }

    static Object value(Map<String, Object> summary, String... path) {
        Object at = summary;
        for (var key : path) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(key);
        }
        return at;
    }
}
