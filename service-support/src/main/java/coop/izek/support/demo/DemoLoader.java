package coop.izek.support.demo;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;

/** Tries the service's {@link DemoData} after start-up, again and again, until each has loaded. */
class DemoLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    private final List<DemoData> data;
    private final DemoProperties properties;
    private final TaskScheduler scheduler;
    private final AtomicReference<ScheduledFuture<?>> running = new AtomicReference<>();

    DemoLoader(List<DemoData> data, DemoProperties properties, TaskScheduler scheduler) {
        this.data = List.copyOf(data);
        this.properties = properties;
        this.scheduler = scheduler;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (data.isEmpty()) {
            return;
        }
        log.info("Loading demo data ({})", data.stream().map(d -> d.getClass().getSimpleName()).toList());
        running.set(scheduler.scheduleWithFixedDelay(this::attempt, properties.retry()));
    }

    private void attempt() {
        var done = true;
        for (var part : data) {
            try {
                done &= part.load();
            } catch (RuntimeException e) {
                log.warn("Demo data {} not loaded yet: {}", part.getClass().getSimpleName(), e.getMessage());
                done = false;
            }
        }
        if (done) {
            log.info("Demo data loaded");
            var future = running.get();
            if (future != null) {
                future.cancel(false);
            }
        }
    }
}
