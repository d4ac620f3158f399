package coop.izek.support.observability;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The cooperative's own figures (members active, share capital, seats filled, deliverables overdue …) as gauges. Each
 * is read from the store on a fixed interval, not on every scrape, so a busy Prometheus never loads the store; a
 * figure that cannot be read is reported as NaN (a gap on the dashboard) rather than as a stale number. Every instance
 * of a service reports the same figure: dashboards and rules take {@code max} across instances.
 */
public final class Figures {

    private static final Logger log = LoggerFactory.getLogger(Figures.class);

    private final MeterRegistry meters;
    private final List<Figure> figures = new CopyOnWriteArrayList<>();
    /** Counts refreshes, so that a reading several figures share is taken once per refresh. */
    private volatile long round;

    Figures(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Registers a figure; {@code read} runs on the refresh thread and may query the store. */
    public void register(String name, String description, Tags tags, Supplier<? extends Number> read) {
        var figure = new Figure(name, read, new AtomicReference<>(Double.NaN));
        Gauge.builder(name, figure.value, AtomicReference::get).description(description).tags(tags).register(meters);
        figures.add(figure);
    }

    public void register(String name, String description, Supplier<? extends Number> read) {
        register(name, description, Tags.empty(), read);
    }

    /**
     * A reading several figures take their numbers from (one aggregation for many totals): {@code read} runs once per
     * refresh, for whichever of them asks first.
     */
    public <T> Supplier<T> sharedReading(Supplier<T> read) {
        var last = new AtomicReference<Map.Entry<Long, T>>();
        return () -> {
            var current = round;
            var seen = last.get();
            if (seen == null || seen.getKey() != current) {
                seen = Map.entry(current, read.get());
                last.set(seen);
            }
            return seen.getValue();
        };
    }

    @Scheduled(fixedDelayString = "${izek.figures.refresh:PT30S}", initialDelayString = "PT5S")
    void refresh() {
        round++;
        figures.forEach(Figure::refresh);
    }

    private record Figure(String name, Supplier<? extends Number> read, AtomicReference<Double> value) {
        void refresh() {
            try {
                value.set(read.get().doubleValue());
            } catch (RuntimeException e) {
                value.set(Double.NaN);
                log.debug("Figure {} could not be read: {}", name, e.toString());
            }
        }
    }
}
