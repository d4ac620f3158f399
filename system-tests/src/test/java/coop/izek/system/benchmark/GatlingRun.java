package coop.izek.system.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.gatling.app.Gatling$;


/** Runs one Gatling simulation in this JVM and reads the figures of its report. */
final class GatlingRun {

    /** Gatling's own figures for all the requests of a run (response times in ms). */
    record Figures(String name, long requests, long ok, long failed, double perSecond, long p50, long p75, long p95, long p99,
                   long max, String report) {
    }

    private static final Pattern ALL_REQUESTS = Pattern.compile("<tr id=\"ROOT\"[\\s\\S]*?</tr>");
    private static final Pattern CELL = Pattern.compile("<td class=\"value \\w+ col-(\\d+)\">([\\d.]+)</td>");

    private GatlingRun() {
    }

    static Figures run(Class<?> simulation, Load load, Path results) {
        Load.set(load);
        var folder = results.resolve("gatling").resolve(load.name());
        createDirectories(folder);
        int status = Gatling$.MODULE$.fromArgs(new String[] {"--simulation", simulation.getName(), "--results-folder",
                folder.toAbsolutePath().toString(), "--run-description", load.name(), "--launcher", "izek-benchmark"});
        if (status != 0) {
            throw new IllegalStateException("Gatling ended with status " + status + " for " + load.name());
        }
        var report = newest(folder);
        // Gatling 3.15 writes its figures into the report page itself: the "All Requests" row of the statistics table.
        var row = ALL_REQUESTS.matcher(read(report.resolve("index.html")));
        if (!row.find()) {
            throw new IllegalStateException("No statistics in " + report.resolve("index.html"));
        }
        var cells = new java.util.HashMap<Integer, String>();
        var cell = CELL.matcher(row.group());
        while (cell.find()) {
            cells.put(Integer.parseInt(cell.group(1)), cell.group(2));
        }
        return new Figures(load.name(), whole(cells, 2), whole(cells, 3), whole(cells, 4), Double.parseDouble(cells.get(6)),
                whole(cells, 8), whole(cells, 9), whole(cells, 10), whole(cells, 11), whole(cells, 12),
                results.relativize(report.resolve("index.html")).toString());
    }

    /** The table's columns: 2 total, 3 OK, 4 KO, 6 per second, 7 min, 8–11 p50/p75/p95/p99, 12 max. */
    private static long whole(Map<Integer, String> cells, int column) {
        return Math.round(Double.parseDouble(cells.get(column)));
    }

    private static Path newest(Path folder) {
        try (Stream<Path> runs = Files.list(folder)) {
            return runs.filter(Files::isDirectory).max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("Gatling wrote no report in " + folder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void createDirectories(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
