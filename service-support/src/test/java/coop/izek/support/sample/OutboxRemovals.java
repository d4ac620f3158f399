package coop.izek.support.sample;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.BsonDocument;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.stereotype.Component;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import coop.izek.support.outbox.OutboxEvent;

/**
 * Counts, as the store is sent them, the updates that remove published events from a sample's outbox: the rewrites
 * of its document the publisher costs.
 */
@Component
class OutboxRemovals implements MongoClientSettingsBuilderCustomizer, CommandListener {

    private final Map<String, AtomicInteger> bySample = new ConcurrentHashMap<>();

    @Override
    public void customize(com.mongodb.MongoClientSettings.Builder settings) {
        settings.addCommandListener(this);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!event.getCommandName().equals("update") || !event.getCommand().getString("update").getValue().equals("samples")) {
            return;
        }
        for (var statement : event.getCommand().getArray("updates")) {
            var update = statement.asDocument().get("u");
            if (update instanceof BsonDocument operators && operators.containsKey("$pull")
                    && operators.getDocument("$pull").containsKey(OutboxEvent.FIELD)) {
                var id = statement.asDocument().getDocument("q").get("_id");
                bySample.computeIfAbsent(id.asString().getValue(), key -> new AtomicInteger()).incrementAndGet();
            }
        }
    }

    int of(String sampleId) {
        var count = bySample.get(sampleId);
        return count == null ? 0 : count.get();
    }
}
