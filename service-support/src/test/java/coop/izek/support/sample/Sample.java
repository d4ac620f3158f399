package coop.izek.support.sample;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.events.EventType;
import coop.izek.events.Topics;
import coop.izek.support.outbox.OutboxAggregate;

@Document("samples")
public class Sample extends OutboxAggregate {

    public static final EventType<SampleHappened> SAMPLE_HAPPENED = new EventType<>(
            "coop.izek.project.sample-happened.v1", Topics.PROJECT, SampleHappened.class);

    public record SampleHappened(String sampleId, int step, boolean fail) {
    }

    @Id
    private String id;
    private String name;
    @Version
    private Long version;

    public Sample(String id, String name) {
        this.id = id;
        this.name = name;
    }

    @Override
    public String aggregateId() {
        return id;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public String name() {
        return name;
    }
}
