package coop.izek.support.outbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Keeps a request's trace with the events it caused. An event is published later and on another thread than the
 * request that stored it, so the trace context (W3C {@code traceparent} and the {@code x-request-id} correlation id)
 * is stored with the event and made current again when it is sent; the Kafka record then carries it to consumers.
 */
final class TraceCarrier {

    private final Tracer tracer;
    private final Propagator propagator;

    TraceCarrier(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No tracing on the classpath: events carry no trace. */
    static TraceCarrier none() {
        return new TraceCarrier(null, null);
    }

    /** The current trace context as headers, or none. */
    Map<String, String> capture() {
        if (tracer == null || propagator == null || tracer.currentTraceContext().context() == null) {
            return null;
        }
        var headers = new LinkedHashMap<String, String>();
        propagator.inject(tracer.currentTraceContext().context(), headers, Map::put);
        return headers.isEmpty() ? null : headers;
    }

    /** Runs {@code work} as part of the trace {@code carried} recorded (a new span in it), or as it is without one. */
    <T> T within(Map<String, String> carried, String name, Callable<T> work) throws Exception {
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
