package coop.izek.membership.principles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** On first start, publishes İZEK's own vision, mission and principles as version 1. */
@Component
class PrinciplesSeed implements ApplicationRunner {

    private final Principles principles;
    private final MongoTemplate mongo;

    PrinciplesSeed(Principles principles, MongoTemplate mongo) {
        this.principles = principles;
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!mongo.exists(new Query(), PrinciplesVersion.class)) {
            principles.publishFirstVersion(Map.of("tr", read("principles/v1.tr.md"), "en", read("principles/v1.en.md")),
                    "founding members");
        }
    }

    private static String read(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
