package coop.izek.workshop.projects.messaging;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import coop.izek.events.Topics;
import coop.izek.support.messaging.IncomingEvent;
import coop.izek.support.messaging.ProcessedEvents;
import coop.izek.workshop.projects.FundingProjects;

/** Project events into what workshop-service knows of the projects that fund workshops. */
@Component
class ProjectEventsListener {

    static final String CONSUMER = "workshop.projects";

    private final ProcessedEvents processed;
    private final FundingProjects projects;

    ProjectEventsListener(ProcessedEvents processed, FundingProjects projects) {
        this.processed = processed;
        this.projects = projects;
    }

    @KafkaListener(topics = Topics.PROJECT)
    void on(IncomingEvent event) {
        if (projects.handles(event)) {
            processed.applyOnce(CONSUMER, event, () -> projects.apply(event));
        }
    }
}
