package coop.izek.system.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The broker's own limits, from Kafka's perf tools (kafka-tools from Maven Central) run against the platform's broker
 * in a JVM of their own, as {@code kafka-producer-perf-test.sh} and {@code kafka-e2e-latency.sh} would run them.
 */
final class KafkaLimit {

    private static final Pattern PRODUCED = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, "
                    + "(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");
    private static final String PERF_TOPIC = "izek-benchmark-perf";
    private static final Pattern AVERAGE = Pattern.compile("Avg latency: ([\\d.]+) ms");
    private static final Pattern PERCENTILES = Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)");

    private KafkaLimit() {
    }

    /** {@code kafka-producer-perf-test}: records of {@code size} bytes, acks=all, as fast as the broker takes them. */
    static Map<String, Object> producer(String bootstrap, int records, int size, Path log) throws Exception {
        // The platform's broker creates no topic on first use; three partitions, as the platform's topics have.
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(PERF_TOPIC)) {
                admin.createTopics(List.of(new NewTopic(PERF_TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        var output = run(log, "org.apache.kafka.tools.ProducerPerformance", "--topic", PERF_TOPIC, "--num-records",
                Integer.toString(records), "--record-size", Integer.toString(size), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrap, "acks=all");
        var matcher = PRODUCED.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("ProducerPerformance said:\n" + output);
        }
        var figures = new LinkedHashMap<String, Object>();
        figures.put("count", Long.parseLong(matcher.group(1)));
        figures.put("perSecond", Double.parseDouble(matcher.group(2)));
        figures.put("mbPerSecond", Double.parseDouble(matcher.group(3)));
        figures.put("p50Ms", Double.parseDouble(matcher.group(6)));
        figures.put("p99Ms", Double.parseDouble(matcher.group(8)));
        figures.put("recordBytes", size);
        return figures;
    }

    /** {@code kafka-e2e-latency}: one record at a time, produced with acks=all and read back by a consumer. */
    static Map<String, Object> endToEnd(String bootstrap, int records, int size, Path log) throws Exception {
        var output = run(log, "org.apache.kafka.tools.EndToEndLatency", bootstrap, "izek-benchmark-latency", Integer.toString(records),
                "all", Integer.toString(size));
        var average = AVERAGE.matcher(output);
        var percentiles = PERCENTILES.matcher(output);
        if (!average.find() || !percentiles.find()) {
            throw new IllegalStateException("EndToEndLatency said:\n" + output);
        }
        var figures = new LinkedHashMap<String, Object>();
        figures.put("count", records);
        figures.put("meanMs", Double.parseDouble(average.group(1)));
        figures.put("p50Ms", Double.parseDouble(percentiles.group(1)));
        figures.put("p99Ms", Double.parseDouble(percentiles.group(2)));
        figures.put("p999Ms", Double.parseDouble(percentiles.group(3)));
        return figures;
    }

    private static String run(Path log, String tool, String... arguments) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), tool));
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(tool + " did not finish in 5 minutes");
        }
        var output = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(tool + " ended with " + process.exitValue() + ":\n" + output);
        }
        return output;
    }
}
