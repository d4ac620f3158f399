package coop.izek.support.observability;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.micrometer.core.instrument.MeterRegistry;

/** The metrics every service shares beyond Boot's own: the cooperative's figures. */
@AutoConfiguration
@EnableScheduling
public class ObservabilityAutoConfiguration {

    @Bean
    Figures figures(MeterRegistry meters) {
        return new Figures(meters);
    }
}
