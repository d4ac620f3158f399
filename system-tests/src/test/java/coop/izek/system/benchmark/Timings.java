package coop.izek.system.benchmark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latencies (in microseconds) of a measured run and what they come to: rate, percentiles in ms. */
final class Timings {

    private final long[] micros;
    private int count;

    Timings(int capacity) {
        micros = new long[capacity];
    }

    synchronized void add(long nanos) {
        if (count < micros.length) {
            micros[count++] = nanos / 1_000;
        }
    }

    synchronized int count() {
        return count;
    }

    /** The figures in the summary's shape: how many, how many a second, p50/p99/max in milliseconds. */
    synchronized Map<String, Object> figures(long elapsedNanos) {
        var sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        var figures = new LinkedHashMap<String, Object>();
        figures.put("count", count);
        figures.put("perSecond", round(count / (elapsedNanos / 1e9)));
        figures.put("p50Ms", percentile(sorted, 0.50));
        figures.put("p99Ms", percentile(sorted, 0.99));
        figures.put("maxMs", count == 0 ? 0 : round(sorted[count - 1] / 1000.0));
        return figures;
    }

    /** The figures without a rate: for samples taken one after another, whose rate says nothing. */
    Map<String, Object> latencies() {
        var figures = figures(1);
        figures.remove("perSecond");
        return figures;
    }

    private static double percentile(long[] sorted, double rank) {
        if (sorted.length == 0) {
            return 0;
        }
        return round(sorted[Math.min(sorted.length - 1, (int) Math.ceil(rank * sorted.length) - 1)] / 1000.0);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
