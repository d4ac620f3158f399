package coop.izek.notification.directory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.stereotype.Component;

import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

/** Counts the reads the store is sent, by collection: what a cache in front of it saves is what does not reach it. */
@Component
class StoreReads implements MongoClientSettingsBuilderCustomizer, CommandListener {

    private final Map<String, AtomicInteger> byCollection = new ConcurrentHashMap<>();

    @Override
    public void customize(MongoClientSettings.Builder settings) {
        settings.addCommandListener(this);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (event.getCommandName().equals("find")) {
            byCollection.computeIfAbsent(event.getCommand().getString("find").getValue(), key -> new AtomicInteger()).incrementAndGet();
        }
    }

    int of(String collection) {
        var count = byCollection.get(collection);
        return count == null ? 0 : count.get();
    }
}
