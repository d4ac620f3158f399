package coop.izek.support.web;

import java.util.List;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Boot's JSON mapper, built on a parser that refuses nesting deeper than {@value #MAX_NESTING_DEPTH} levels: no request
 * of this API nests more than a few, and a deeply nested body is refused (400) before it is bound. Boot 4.0 has no
 * property for the parser's limits, so the builder is made here, with Boot's customizers applied as Boot would.
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
public class JsonLimitsAutoConfiguration {

    static final int MAX_NESTING_DEPTH = 64;

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
        var factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
        var builder = JsonMapper.builder(factory);
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder;
    }
}
