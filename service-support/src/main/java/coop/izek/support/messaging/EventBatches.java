package coop.izek.support.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;

import coop.izek.support.observability.TraceCarrier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Apply each event once" for a batch listener ({@code @KafkaListener(batch = "true")} taking the records), where a
 * consumer must keep up with a rush: one read finds the events applied before, the handler runs for the others in
 * order (each in the trace its record carries) and gathers its writes, {@code flush} writes what was gathered, and one
 * write records the events applied. A few store round trips per batch, where {@link ProcessedEvents#applyOnce} costs
 * two per event besides the handler's own.
 * <p>
 * That record is written while the listener takes its next batch: once the flush is in the store, the record only
 * spares a later batch the work of applying those events again, so the listener need not wait for it. Until it is in
 * the store, the listener's thread remembers what its last batch applied, and the next batch skips those events as
 * it skips the ones recorded; it waits for that record, if still on its way, before sending its own, so a listener has
 * one on its way at most.
 * <p>
 * A record that is not a valid event, or whose handler throws, is reported by position after what came before it is
 * flushed (and its record sent): the error handler then commits those, retries from the failed record, and in the end parks
 * that record alone in the dead-letter topic. As with {@code applyOnce}, a crash between the flush and the record
 * replays the handlers on redelivery, which must therefore make a replay harmless.
 */
public class EventBatches {

    private static final Logger log = LoggerFactory.getLogger(EventBatches.class);

    private final ProcessedEvents processed;
    private final JsonMapper json;
    private final TraceCarrier trace;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Executor recorder;
    /** For each consumer on this listener thread: its last batch's record, while on its way to the store. */
    private final ThreadLocal<Map<String, Recording>> recordings = ThreadLocal.withInitial(HashMap::new);

    private record Recording(Set<String> applied, CompletableFuture<Void> written) {
    }

    EventBatches(ProcessedEvents processed, JsonMapper json, TraceCarrier trace, Clock clock, MeterRegistry meters, Executor recorder) {
        this.processed = processed;
        this.json = json;
        this.trace = trace;
        this.clock = clock;
        this.meters = meters;
        this.recorder = recorder;
    }

    public void applyOnce(String consumer, List<? extends ConsumerRecord<?, ?>> records, Consumer<IncomingEvent> handler,
                          Runnable flush) {
        applyOnce(consumer, records, events -> { }, handler, flush);
    }

    /**
     * As above, with a first look at all the events the batch will apply before the first is: to read at once what
     * the handlers will each ask for (the people the events name), instead of one read per event.
     */
    public void applyOnce(String consumer, List<? extends ConsumerRecord<?, ?>> records, Consumer<List<IncomingEvent>> prepare,
                          Consumer<IncomingEvent> handler, Runnable flush) {
        // How long records waited between their production and their batch, and what each step of a batch took:
        // where an event's way to its consumer's writes goes when the consumer falls behind.
        var waited = Timer.builder("izek.events.batch.wait").description("From a record's timestamp to the start of its batch")
                .tag("consumer", consumer).register(meters);
        long now = clock.millis();
        for (var record : records) {
            waited.record(Math.max(0, now - record.timestamp()), TimeUnit.MILLISECONDS);
        }
        var started = System.nanoTime();
        var events = new ArrayList<IncomingEvent>(records.size());
        InvalidEventException unreadable = null;
        for (var record : records) {
            try {
                events.add(IncomingEvent.from(record, json));
            } catch (InvalidEventException e) {
                unreadable = e;
                break;
            }
        }
        var skip = processed.appliedAmong(consumer, events);
        var previous = recordings.get().get(consumer);
        if (previous != null) {
            skip.addAll(previous.applied());
        }
        started = step(consumer, "find-applied", started);
        // The position of each event to apply: the same event twice in one batch (a producer's retry) is applied once.
        var toApply = new ArrayList<Integer>(events.size());
        for (int i = 0; i < events.size(); i++) {
            if (skip.add(events.get(i).id())) {
                toApply.add(i);
            }
        }
        prepare.accept(toApply.stream().map(events::get).toList());
        started = step(consumer, "prepare", started);
        var applied = new ArrayList<IncomingEvent>(toApply.size());
        for (int i : toApply) {
            var event = events.get(i);
            try {
                trace.run(headers(records.get(i)), consumer + " apply", () -> handler.accept(event));
            } catch (RuntimeException e) {
                finish(consumer, applied, flush, started);
                throw new BatchListenerFailedException(event + " failed: " + e.getMessage(), e, records.get(i));
            }
            applied.add(event);
        }
        finish(consumer, applied, flush, started);
        if (unreadable != null) {
            throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, records.get(events.size()));
        }
    }

    private void finish(String consumer, List<IncomingEvent> applied, Runnable flush, long started) {
        started = step(consumer, "apply", started);
        flush.run();
        started = step(consumer, "flush", started);
        var previous = recordings.get().remove(consumer);
        if (previous != null) {
            previous.written().join();
        }
        step(consumer, "previous-record", started);
        if (applied.isEmpty()) {
            return;
        }
        var ids = applied.stream().map(IncomingEvent::id).collect(Collectors.toUnmodifiableSet());
        var written = CompletableFuture.runAsync(() -> {
            long writing = System.nanoTime();
            try {
                processed.recordApplied(consumer, applied);
            } catch (RuntimeException e) {
                // What the flush wrote stays; a redelivery of these events replays their handlers, harmlessly.
                log.warn("Could not record {} events {} applied; a redelivery would apply them again", consumer, ids, e);
            } finally {
                step(consumer, "record-applied", writing);
            }
        }, recorder);
        recordings.get().put(consumer, new Recording(ids, written));
    }

    /** Records the step that began at {@code started}; returns when the next one begins. */
    private long step(String consumer, String step, long started) {
        long now = System.nanoTime();
        Timer.builder("izek.events.batch.step").description("One step of applying a batch of events")
                .tags("consumer", consumer, "step", step).register(meters).record(now - started, TimeUnit.NANOSECONDS);
        return now;
    }

    /** A record's headers as text, the carrier of the trace its producer wrote. */
    static LinkedHashMap<String, String> headers(ConsumerRecord<?, ?> record) {
        var headers = new LinkedHashMap<String, String>();
        for (var header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }
}
