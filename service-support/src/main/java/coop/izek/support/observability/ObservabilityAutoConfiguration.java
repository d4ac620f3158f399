package coop.izek.support.observability;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/** What every service shares beyond Boot's own observability: the cooperative's figures, traces kept with later work. */
@AutoConfiguration
@EnableScheduling
public class ObservabilityAutoConfiguration {

    @Bean
    Figures figures(MeterRegistry meters) {
        return new Figures(meters);
    }

    @Bean
    TraceCarrier traceCarrier(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        var current = tracer.getIfAvailable();
        var propagation = propagator.getIfAvailable();
        return current == null || propagation == null ? TraceCarrier.none() : new TraceCarrier(current, propagation);
    }
}
