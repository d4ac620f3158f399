package coop.izek.system.benchmark;

import static coop.izek.system.benchmark.Ratios.figures;
import static coop.izek.system.benchmark.Ratios.number;
import static coop.izek.system.benchmark.Ratios.rate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The run drawn (issue 15 asks for charts beside the tables): {@code charts.svg}, every scenario's figures beside their
 * peers and limits, and {@code history.svg}, the headline figures of earlier full runs ({@code docs/benchmarks/history.csv},
 * copied from docs/benchmarks.md) with this run last. Plain SVG, written here: a few rectangles and texts need no library.
 * A figure the issue sets a goal for carries a mark at the goal, and says in words whether it meets it.
 */
final class Charts {

    /** One figure. {@code goal} is null where the issue sets none; {@code higherIsBetter} says which side of it is met. */
    record Bar(String label, Double value, String unit, Double goal, boolean higherIsBetter) {

        static Bar of(String label, Double value, String unit) {
            return new Bar(label, value, unit, null, true);
        }

        static Bar atLeast(String label, Double value, String unit, Double goal) {
            return new Bar(label, value, unit, goal, true);
        }

        static Bar atMost(String label, Double value, String unit, Double goal) {
            return new Bar(label, value, unit, goal, false);
        }

        Boolean meetsGoal() {
            return goal == null || value == null ? null : higherIsBetter ? value >= goal : value <= goal;
        }
    }

    /** One scenario's figures, on a scale of their own. */
    record Panel(String title, List<Bar> bars) {
    }

    /** A headline figure followed over runs: its column in the history file, how this run's summary gives it, its goal. */
    private record Series(String title, String column, String unit, Double goal, boolean higherIsBetter,
                          Function<Map<String, Object>, Double> fromSummary) {
    }

    private static final List<Series> HISTORY = List.of(
            new Series("Enrolment rush through the gateway, attempts a second", "rushGatewayPerSecond", "/s", 1000.0, true,
                    s -> rate(s, "enrolmentRush", "gateway")),
            new Series("Enrolment rush straight to workshop-service, attempts a second", "rushDirectPerSecond", "/s", null, true,
                    s -> rate(s, "enrolmentRush", "direct")),
            new Series("Public workshop page through the gateway, every read proxied: share of nginx's rate", "catalogueProxiedOfNginx", "",
                    0.75, true, s -> Ratios.ratio(rate(s, "catalogue", "gatewayFresh"), rate(s, "catalogue", "nginx"))),
            new Series("Resident memory of the platform, idle, MiB", "idleResidentMiB", " MiB", 1536.0, false,
                    s -> number(s, "startUpAndMemory", "idleResidentMiB")),
            new Series("Start again on the same data, seconds", "restartSeconds", " s", 30.0, false,
                    s -> number(s, "startUpAndMemory", "restartUpSeconds")),
            new Series("nginx as a plain proxy, reads a second (how fast the machine was that day)", "nginxPerSecond", "/s", null, true,
                    s -> rate(s, "catalogue", "nginx")));

    private static final int WIDTH = 860;
    private static final int LABEL_WIDTH = 300;
    private static final int BAR_WIDTH = 330;
    private static final int ROW = 22;
    private static final int TITLE = 30;

    private Charts() {
    }

    /** {@code thisRun} names this run's bar in the history, as the history file names a run: when it began. */
    static void write(Path results, Map<String, Object> summary, Path history, String thisRun) throws IOException {
        var scale = String.valueOf(Ratios.value(summary, "run", "scale")).toLowerCase(Locale.ROOT);
        Files.writeString(results.resolve("charts.svg"), svg("izek-platform benchmark, " + scale + " scale", ofRun(summary)));
        Files.writeString(results.resolve("history.svg"), svg("izek-platform benchmark: full runs over time, this run last",
                history(Files.exists(history) ? Files.readAllLines(history) : List.of(), thisRun, summary)));
    }

    /** Every scenario of the run beside its peer or limit. */
    static List<Panel> ofRun(Map<String, Object> s) {
        var nginx = rate(s, "catalogue", "nginx");
        var proxyGoal = nginx == null ? null : 0.75 * nginx;
        var direct = figures(s, "catalogue", "direct");
        return List.of(
                new Panel("Enrolment rush, attempts a second", List.of(
                        Bar.atLeast("through the gateway", rate(s, "enrolmentRush", "gateway"), "/s", 1000.0),
                        Bar.of("straight to workshop-service", rate(s, "enrolmentRush", "direct"), "/s"),
                        Bar.of("through the gateway, cold (first)", rate(s, "enrolmentRush", "coldViaGateway"), "/s"),
                        Bar.of("limit: store updates with outbox, 8 clients", number(s, "limits", "storeConditionalUpdateWithOutbox8Clients",
                                "perSecond"), "/s"))),
                new Panel("Enrolment rush, p99 ms", List.of(
                        Bar.atMost("through the gateway", p99(s, "enrolmentRush", "gateway"), " ms", 100.0),
                        Bar.of("straight to workshop-service", p99(s, "enrolmentRush", "direct"), " ms"))),
                new Panel("Live inbox: enrolment to the item on the stream, p99 ms", List.of(
                        Bar.of("at rest (one person)", number(s, "liveInbox", "atRest", "p99Ms"), " ms"),
                        Bar.of("sixteen people at once", number(s, "liveInbox", "idle", "p99Ms"), " ms"),
                        Bar.atMost("during the (cold) rush", number(s, "liveInbox", "duringRush", "p99Ms"), " ms", 250.0),
                        Bar.of("limit: Kafka end to end", number(s, "limits", "kafkaEndToEndLatency", "p99Ms"), " ms"))),
                new Panel("Public workshop page, reads a second (goal: 75 % of nginx)", List.of(
                        Bar.atLeast("gateway, as visitors read it", rate(s, "catalogue", "gateway"), "/s", proxyGoal),
                        Bar.atLeast("gateway, every read proxied", rate(s, "catalogue", "gatewayFresh"), "/s", proxyGoal),
                        Bar.of("straight to workshop-service", rate(s, "catalogue", "direct"), "/s"),
                        Bar.of("peer: nginx as a plain proxy", nginx, "/s"))),
                new Panel("Public workshop page, p99 ms (goal: straight + 5 ms)", List.of(
                        Bar.atMost("gateway, as visitors read it", p99(s, "catalogue", "gateway"), " ms",
                                direct == null ? null : direct.p99() + 5.0),
                        Bar.atMost("gateway, every read proxied", p99(s, "catalogue", "gatewayFresh"), " ms",
                                direct == null ? null : direct.p99() + 5.0),
                        Bar.of("straight to workshop-service", p99(s, "catalogue", "direct"), " ms"),
                        Bar.of("peer: nginx as a plain proxy", p99(s, "catalogue", "nginx"), " ms"))),
                new Panel("My enrolments, listings a second", List.of(
                        Bar.of("through the gateway", rate(s, "myEnrolments", "gateway"), "/s"),
                        Bar.of("straight to workshop-service", rate(s, "myEnrolments", "direct"), "/s"))),
                new Panel("Health, answers a second", List.of(
                        Bar.atLeast("the gateway's (every service's)", rate(s, "health", "gateway"), "/s", 1000.0),
                        Bar.of("workshop-service's own", rate(s, "health", "direct"), "/s"))),
                new Panel("Registration and sign-in, people a second", List.of(
                        Bar.atLeast("eight clients", number(s, "registration", "peoplePerSecond"), "/s", 50.0))),
                new Panel("Start-up, seconds", List.of(
                        Bar.atMost("first start after a build", number(s, "startUpAndMemory", "upSeconds"), " s", 30.0),
                        Bar.atMost("start again on the same data", number(s, "startUpAndMemory", "restartUpSeconds"), " s", 30.0))),
                new Panel("Resident memory of the platform, MiB", List.of(
                        Bar.atMost("idle", number(s, "startUpAndMemory", "idleResidentMiB"), " MiB", 1536.0),
                        Bar.of("idle, each shared page once", number(s, "startUpAndMemory", "idleProportionalMiB"), " MiB"),
                        Bar.atMost("idle after the restart", number(s, "startUpAndMemory", "idleResidentMiBAfterRestart"), " MiB", 1536.0),
                        Bar.atMost("peak in the (cold) rush", number(s, "startUpAndMemory", "peakResidentMiBDuringRush"), " MiB", 2560.0))));
    }

    /**
     * A panel per headline figure, a bar per run: the history file's rows (a header naming the columns, then one run
     * a row: {@code run,note,<figures>}; an empty cell is a figure that run did not have), then this run.
     */
    static List<Panel> history(List<String> lines, String thisRun, Map<String, Object> summary) {
        var rows = lines.stream().filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.split(",", -1)).toList();
        var header = rows.isEmpty() ? new String[0] : rows.getFirst();
        var panels = new ArrayList<Panel>();
        for (var series : HISTORY) {
            int column = Arrays.asList(header).indexOf(series.column());
            var bars = new ArrayList<Bar>();
            for (var row : rows.subList(Math.min(1, rows.size()), rows.size())) {
                var cell = column < 0 || column >= row.length ? "" : row[column].strip();
                bars.add(new Bar(row[0].strip() + " " + row[1].strip(), cell.isEmpty() ? null : Double.valueOf(cell), series.unit(),
                        series.goal(), series.higherIsBetter()));
            }
            bars.add(new Bar(thisRun, series.fromSummary().apply(summary), series.unit(), series.goal(), series.higherIsBetter()));
            panels.add(new Panel(series.title(), bars));
        }
        return panels;
    }

    static String svg(String title, List<Panel> panels) {
        int height = TITLE + 10 + panels.stream().mapToInt(p -> TITLE + p.bars().size() * ROW).sum();
        var out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-labelledby=\"title\" ")
                .append("font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">\n")
                .append("<title id=\"title\">").append(escape(title)).append("</title>\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
                .append(text(8, 20, escape(title), "font-size=\"15\" font-weight=\"bold\"")).append('\n');
        int y = TITLE + 10;
        for (var panel : panels) {
            y = panel(out, panel, y);
        }
        return out.append("</svg>\n").toString();
    }

    /**
     * One panel at {@code y}, {@code TITLE} and a row per figure high; returns where the next begins. Its scale reaches
     * the largest of its figures and goals.
     */
    private static int panel(StringBuilder out, Panel panel, int y) {
        out.append("<g class=\"panel\">\n").append(text(8, y + 16, escape(panel.title()), "font-weight=\"bold\"")).append('\n');
        double scale = panel.bars().stream().flatMap(b -> Stream.of(b.value(), b.goal()))
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(1);
        int row = y + TITLE - 6;
        for (var bar : panel.bars()) {
            out.append(text(16, row + 15, escape(bar.label()), "")).append('\n');
            if (bar.value() != null) {
                double width = scale <= 0 ? 0 : bar.value() / scale * BAR_WIDTH;
                var met = bar.meetsGoal();
                var fill = met == null ? "#546e7a" : met ? "#2e7d32" : "#c43c00";
                out.append("<rect class=\"bar\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(row + 4).append("\" width=\"")
                        .append(format(width)).append("\" height=\"").append(ROW - 8).append("\" fill=\"").append(fill).append("\"/>\n");
            }
            if (bar.goal() != null && scale > 0) {
                double x = LABEL_WIDTH + bar.goal() / scale * BAR_WIDTH;
                out.append("<line class=\"goal\" x1=\"").append(format(x)).append("\" x2=\"").append(format(x)).append("\" y1=\"")
                        .append(row + 1).append("\" y2=\"").append(row + ROW - 1).append("\" stroke=\"#000000\" stroke-width=\"2\" ")
                        .append("stroke-dasharray=\"3,2\"/>\n");
            }
            out.append(text(LABEL_WIDTH + BAR_WIDTH + 8, row + 15, escape(caption(bar)), "")).append('\n');
            row += ROW;
        }
        out.append("</g>\n");
        return row + 6;
    }

    /** The figure, and in words where it stands against its goal (colour alone says nothing to some readers). */
    static String caption(Bar bar) {
        if (bar.value() == null) {
            return "no figure";
        }
        var value = figure(bar.value()) + bar.unit();
        if (bar.goal() == null) {
            return value;
        }
        var goal = (bar.higherIsBetter() ? "≥ " : "≤ ") + figure(bar.goal()) + bar.unit();
        return value + (bar.meetsGoal() ? ", meets goal " : ", goal ") + goal;
    }

    /** Whole numbers as they are; fractions to two places below 10 (ratios), to one below 100 (seconds). */
    private static String figure(double value) {
        if (value == Math.rint(value) || Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%.1f", value);
    }

    private static String format(double coordinate) {
        return String.format(Locale.ROOT, "%.1f", coordinate);
    }

    private static String text(int x, int y, String content, String attributes) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" fill=\"#000000\" " + attributes + ">" + content + "</text>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Double p99(Map<String, Object> summary, String... path) {
        var figures = figures(summary, path);
        return figures == null ? null : (double) figures.p99();
    }
}
