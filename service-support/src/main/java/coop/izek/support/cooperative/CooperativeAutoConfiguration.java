package coop.izek.support.cooperative;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@AutoConfiguration
@EnableConfigurationProperties(CooperativeProperties.class)
public class CooperativeAutoConfiguration {
}
