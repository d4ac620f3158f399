package coop.izek.system.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * How many records of a topic a service's consumers are behind, sampled from its Prometheus endpoint (the Kafka
 * client's {@code records-lag} per partition, summed) while a scenario runs. A live confirmation that is late by
 * seconds is either this backlog, waiting its turn, or time spent on the event itself; this tells the two apart.
 * For a batch consumer it also says, from the batches taken meanwhile, how long a record waited for its batch and
 * what each step of a batch took.
 */
final class ConsumerLag implements AutoCloseable {

    /** The steps of a batch, as {@code EventBatches} times them. */
    private static final List<String> STEPS = List.of("find-applied", "prepare", "apply", "flush", "previous-record", "record-applied");

    private final ServiceMetrics metrics;
    private final String topicLabel;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong max = new AtomicLong();
    private final String consumerLabel;
    private final Map<String, Double> batchesBefore;

    private ConsumerLag(int servicePort, String topic, String consumer) {
        this.metrics = new ServiceMetrics(servicePort);
        this.topicLabel = "topic=\"" + topic + "\"";
        this.consumerLabel = "consumer=\"" + consumer + "\"";
        this.batchesBefore = batches();
    }

    /** Samples every half second until closed; {@code consumer} names the batch consumer of the topic. */
    static ConsumerLag sample(int servicePort, String topic, String consumer) {
        var lag = new ConsumerLag(servicePort, topic, consumer);
        lag.sampler.scheduleAtFixedRate(lag::sampleOnce, 0, 500, TimeUnit.MILLISECONDS);
        return lag;
    }

    /** The batch consumer's running totals: records and their wait, and each step's batches and time. */
    private Map<String, Double> batches() {
        var totals = new LinkedHashMap<String, Double>();
        try {
            var reading = metrics.read();
            totals.put("records", reading.total("izek_events_batch_wait_seconds_count", consumerLabel));
            totals.put("wait", reading.total("izek_events_batch_wait_seconds_sum", consumerLabel));
            for (var step : STEPS) {
                var label = "step=\"" + step + "\"";
                totals.put(step + ".count", reading.total("izek_events_batch_step_seconds_count", consumerLabel, label));
                totals.put(step, reading.total("izek_events_batch_step_seconds_sum", consumerLabel, label));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + consumerLabel + "'s batch figures", e);
        }
        return totals;
    }

    private void sampleOnce() {
        try {
            long behind = metrics.sum("kafka_consumer_fetch_manager_records_lag", topicLabel);
            samples.incrementAndGet();
            total.addAndGet(behind);
            max.accumulateAndGet(behind, Math::max);
        } catch (Exception e) {
            // A sample the service was too busy to answer in time is left out; the count says how many were taken.
        }
    }

    Map<String, Object> figures() {
        var figures = new LinkedHashMap<String, Object>();
        figures.put("samples", samples.get());
        figures.put("meanRecordsBehind", samples.get() == 0 ? null : Timings.round((double) total.get() / samples.get()));
        figures.put("maxRecordsBehind", max.get());
        var after = batches();
        Function<String, Double> taken = key -> after.get(key) - batchesBefore.get(key);
        double records = taken.apply("records");
        double batches = taken.apply("apply.count");
        var perBatch = new LinkedHashMap<String, Object>();
        perBatch.put("batches", Math.round(batches));
        perBatch.put("meanRecords", batches == 0 ? null : Timings.round(records / batches));
        perBatch.put("meanRecordWaitMs", records == 0 ? null : Timings.round(1000 * taken.apply("wait") / records));
        for (var step : STEPS) {
            double count = taken.apply(step + ".count");
            perBatch.put(step + "MeanMs", count == 0 ? null : Timings.round(1000 * taken.apply(step) / count));
        }
        figures.put("batches", perBatch);
        return figures;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        metrics.close();
    }
}
