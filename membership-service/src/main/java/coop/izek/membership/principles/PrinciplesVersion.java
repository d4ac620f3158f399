package coop.izek.membership.principles;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.support.outbox.OutboxAggregate;

/** One published version of the vision, mission and principles, in Turkish and English. Never changed once published. */
@Document("principles")
class PrinciplesVersion extends OutboxAggregate {

    @Id
    private String id;
    private int version;
    private Map<String, String> text;
    private Instant publishedAt;
    private String publishedBy;

    PrinciplesVersion() {
    }

    PrinciplesVersion(int version, Map<String, String> text, Instant publishedAt, String publishedBy) {
        this.id = Integer.toString(version);
        this.version = version;
        this.text = Map.copyOf(text);
        this.publishedAt = publishedAt;
        this.publishedBy = publishedBy;
    }

    @Override
    public String aggregateId() {
        return id;
    }

    int version() {
        return version;
    }

    Map<String, String> text() {
        return text;
    }

    Instant publishedAt() {
        return publishedAt;
    }
}
