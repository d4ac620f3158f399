package coop.izek.support.housekeeping;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Deletes records past their {@link Retention}, in batches, on every instance (deleting what another instance
 * deleted already is harmless). Each rule's date field is indexed so finding what expired stays cheap.
 */
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final MongoTemplate mongo;
    private final List<Retention> rules;
    private final HousekeepingProperties properties;
    private final Clock clock;
    private final Counter deleted;

    Housekeeping(MongoTemplate mongo, List<Retention> rules, HousekeepingProperties properties, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.rules = List.copyOf(rules);
        this.properties = properties;
        this.clock = clock;
        this.deleted = Counter.builder("izek.housekeeping.deleted").description("Expired records deleted").register(meters);
        for (var rule : this.rules) {
            mongo.getCollection(rule.collection()).createIndex(Indexes.ascending(rule.field()));
        }
    }

    public List<Retention> rules() {
        return rules;
    }

    /** One round over every rule; returns how many records went. */
    @Scheduled(fixedDelayString = "${izek.housekeeping.interval:10m}", initialDelayString = "${izek.housekeeping.interval:10m}")
    public long run() {
        long total = 0;
        for (var rule : rules) {
            try {
                total += expire(rule);
            } catch (RuntimeException e) {
                log.warn("Housekeeping of {} failed; next round tries again: {}", rule.collection(), e.toString());
            }
        }
        deleted.increment(total);
        return total;
    }

    private long expire(Retention rule) {
        var cutoff = Date.from(clock.instant().minus(rule.keep()));
        var collection = mongo.getCollection(rule.collection());
        var ids = new ArrayList<Object>();
        for (var document : collection.find(Filters.lt(rule.field(), cutoff)).projection(Projections.include("_id"))
                .limit(properties.batch())) {
            ids.add(document.get("_id"));
        }
        if (ids.isEmpty()) {
            return 0;
        }
        // The date is checked again in the delete: a record refreshed since it was found stays.
        return collection.deleteMany(Filters.and(Filters.in("_id", ids), Filters.lt(rule.field(), cutoff))).getDeletedCount();
    }
}
