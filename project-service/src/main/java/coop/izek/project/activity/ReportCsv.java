package coop.izek.project.activity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Learning City report as a CSV file a spreadsheet opens as it is: UTF-8 with a byte-order mark (so Excel reads
 * "Karşıyaka" as written), comma-separated, CRLF line ends, fields quoted where RFC 4180 needs it.
 */
public final class ReportCsv {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final List<String> HEADER = List.of("city", "year", "section", "code", "label", "dimension", "activities", "participants",
            "solidarity_participants", "learning_hours", "workshops", "projects");

    private ReportCsv() {
    }

    public static byte[] of(LearningCityReport.Report report) {
        var text = new StringBuilder();
        line(text, HEADER);
        row(text, report, "total", report.total());
        report.keyFeatures().forEach(f -> row(text, report, "key_feature", f));
        report.targetGroups().forEach(f -> row(text, report, "target_group", f));
        report.districts().forEach(f -> row(text, report, "district", f));
        var out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A name for the download, e.g. learning-city-izmir-2026.csv. */
    public static String fileName(LearningCityReport.Report report) {
        return "learning-city-" + LearningCityReport.fold(report.city()).replaceAll("[^a-z0-9]+", "-") + "-" + report.year() + ".csv";
    }

    private static void row(StringBuilder text, LearningCityReport.Report report, String section, LearningCityReport.Figure f) {
        line(text, List.of(report.city(), String.valueOf(report.year()), section, f.code(), f.label(), f.dimension() == null ? "" : f.dimension(), String.valueOf(f.activities()),
                String.valueOf(f.participants()), String.valueOf(f.solidarityParticipants()), f.learningHours().toPlainString(),
                f.workshops().stream().map(w -> w.title() + " (" + w.id() + ")").collect(Collectors.joining("; ")),
                f.projects().stream().map(LearningCityReport.ProjectRef::acronym).collect(Collectors.joining("; "))));
    }

    private static void line(StringBuilder text, List<String> fields) {
        text.append(fields.stream().map(ReportCsv::field).collect(Collectors.joining(","))).append("\r\n");
    }

    private static String field(String value) {
        // Quoted when it holds a separator, quote or line break; a leading =, +, - or @ is neutralised so a
        // spreadsheet never runs a workshop title as a formula.
        var safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r") || !safe.equals(value)) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
