package coop.izek.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problems for every error path, and a cap on request sizes. */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@EnableConfigurationProperties(WebAutoConfiguration.ApiWebProperties.class)
@Import({ProblemResponses.class, ProblemErrorController.class})
public class WebAutoConfiguration {

    /** @param maxRequestSize the largest request body an API call accepts */
    @ConfigurationProperties("izek.web")
    public record ApiWebProperties(@DefaultValue("256KB") DataSize maxRequestSize) {
    }

    /** Numbers in requests are bounded: see {@link BoundedNumbers}. */
    @Bean
    JsonMapperBuilderCustomizer boundedNumbers() {
        return builder -> builder.addModule(BoundedNumbers.module());
    }

    /**
     * Tomcat's own refusals as problems, and the characters clients put in query strings unencoded ({@code q[x]},
     * {@code {}}, {@code |}) reach the application, which reads them as plain text, instead of an HTML 400.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemsFromTomcat() {
        return factory -> {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    // Once every customizer has run (Boot adds an ErrorReportValve of its own), ours is the only one.
                    host.addLifecycleListener(event -> {
                        if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                            for (var valve : host.getPipeline().getValves()) {
                                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                                    host.getPipeline().removeValve(valve);
                                }
                            }
                        }
                    });
                }
            });
            factory.addConnectorCustomizers(connector -> {
                connector.setProperty("relaxedQueryChars", "[]|{}^`\"<>");
                connector.setProperty("relaxedPathChars", "[]|{}^`\"<>");
            });
        };
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ApiWebProperties properties, ProblemWriter writer) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties.maxRequestSize().toBytes(), writer));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
