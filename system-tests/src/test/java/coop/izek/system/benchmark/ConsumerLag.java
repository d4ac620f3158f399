package coop.izek.system.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many records of a topic a service's consumers are behind, sampled from its Prometheus endpoint (the Kafka
 * client's {@code records-lag} per partition, summed) while a scenario runs. A live confirmation that is late by
 * seconds is either this backlog, waiting its turn, or time spent on the event itself; this tells the two apart.
 */
final class ConsumerLag implements AutoCloseable {

    private final ServiceMetrics metrics;
    private final String topicLabel;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    private ConsumerLag(int servicePort, String topic) {
        this.metrics = new ServiceMetrics(servicePort);
        this.topicLabel = "topic=\"" + topic + "\"";
    }

    /** Samples every half second until closed. */
    static ConsumerLag sample(int servicePort, String topic) {
        var lag = new ConsumerLag(servicePort, topic);
        lag.sampler.scheduleAtFixedRate(lag::sampleOnce, 0, 500, TimeUnit.MILLISECONDS);
        return lag;
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
        return figures;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        metrics.close();
    }
}
