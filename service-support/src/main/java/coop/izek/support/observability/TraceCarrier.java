package coop.izek.support.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Keeps a trace with work done later. An event is published, and a notification delivered, later and on another
 * thread than the request or record that caused it, so the trace context (W3C {@code traceparent} and the
 * {@code x-request-id} correlation id) is stored with it and made current again, in a new span, when the work is done:
 * the outbox's Kafka record then carries it to consumers, and a delivery's span joins the trace of its event.
 */
public final class TraceCarrier {

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceCarrier(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No tracing on the classpath: events carry no trace. */
    public static TraceCarrier none() {
        return new TraceCarrier(null, null);
    }

    /** The current trace context as headers, or none. */
    public Map<String, String> capture() {
        if (tracer == null || propagator == null || tracer.currentTraceContext().context() == null) {
            return null;
        }
        var headers = new LinkedHashMap<String, String>();
        propagator.inject(tracer.currentTraceContext().context(), headers, Map::put);
        return headers.isEmpty() ? null : headers;
    }

    /** {@link #within} for work that returns nothing and throws nothing checked. */
    public void run(Map<String, String> carried, String name, Runnable work) {
        try {
            within(carried, name, () -> {
                work.run();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code work} as part of the trace {@code carried} recorded (a new span in it), or as it is without one. */
    public <T> T within(Map<String, String> carried, String name, Callable<T> work) throws Exception {
        if (tracer == null || propagator == null || carried == null || carried.isEmpty()) {
            return work.call();
        }
        var span = propagator.extract(carried, (headers, key) -> headers.get(key)).name(name).start();
        try (var scope = tracer.withSpan(span)) {
            return work.call();
        } finally {
            span.end();
        }
    }
}
