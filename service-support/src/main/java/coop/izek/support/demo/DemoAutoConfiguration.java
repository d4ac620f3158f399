package coop.izek.support.demo;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.TaskScheduler;

@AutoConfiguration
@EnableConfigurationProperties(DemoProperties.class)
public class DemoAutoConfiguration {

    @Bean
    @ConditionalOnBooleanProperty("izek.demo.enabled")
    DemoLoader demoLoader(List<DemoData> data, DemoProperties properties, TaskScheduler scheduler) {
        return new DemoLoader(data, properties, scheduler);
    }
}
