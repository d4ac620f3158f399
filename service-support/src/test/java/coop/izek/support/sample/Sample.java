package coop.izek.support.sample;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.events.EventType;
import coop.izek.events.Topics;
import coop.izek.support.outbox.HasOutbox;
import coop.izek.support.outbox.OutboxEvent;

@Document("samples")
public class Sample implements HasOutbox {

    public static final EventType<SampleHappened> SAMPLE_HAPPENED = new EventType<>(
            "coop.izek.project.sample-happened.v1", Topics.PROJECT, SampleHappened.class);

    public record SampleHappened(String sampleId, int step, boolean fail) {
    }

    @Id
    private String id;
    private String name;
    private List<OutboxEvent> outbox = new ArrayList<>();

    public Sample(String id, String name) {
        this.id = id;
        this.name = name;
    }

    @Override
    public String aggregateId() {
        return id;
    }

    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }

    public String name() {
        return name;
    }
}
