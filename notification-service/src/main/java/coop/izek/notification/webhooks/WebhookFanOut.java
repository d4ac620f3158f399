package coop.izek.notification.webhooks;

import java.util.List;

import org.springframework.stereotype.Component;

import coop.izek.notification.delivery.Deliveries;
import coop.izek.notification.directory.Directory;
import coop.izek.support.messaging.IncomingEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * A project event goes to the webhooks of every organisation in the project's consortium that subscribed to its
 * type, as a CloudEvent in structured JSON, one delivery per (event, webhook).
 */
@Component
public class WebhookFanOut {

    private final Directory directory;
    private final Webhooks webhooks;
    private final Deliveries deliveries;
    private final JsonMapper json;

    WebhookFanOut(Directory directory, Webhooks webhooks, Deliveries deliveries, JsonMapper json) {
        this.directory = directory;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.json = json;
    }

    public void fanOut(IncomingEvent event) {
        if (!Webhooks.EVENT_TYPES.contains(event.type())) {
            return;
        }
        var data = json.readTree(event.dataJson());
        var organisations = directory.project(data.path("projectId").asString("")).map(Directory.Project::organisationIds)
                .orElse(List.of());
        var targets = webhooks.subscribedTo(event.type(), organisations);
        if (targets.isEmpty()) {
            return;
        }
        var envelope = json.createObjectNode().put("specversion", "1.0").put("id", event.id()).put("type", event.type())
                .put("source", event.source()).put("subject", event.subject())
                .put("time", event.time() == null ? null : event.time().toString()).put("datacontenttype", "application/json");
        envelope.set("data", data);
        var payload = json.writeValueAsString(envelope);
        for (var target : targets) {
            deliveries.planWebhook(event.id(), event.type(), target.id(), target.organisationId(), payload);
        }
    }
}
