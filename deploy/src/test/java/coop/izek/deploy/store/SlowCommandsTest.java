package coop.izek.deploy.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.Document;

class SlowCommandsTest {

    @Test
    void shouldShowAFilterByItsFieldsAndOperatorsWithoutItsValues() {
        var find = new Document("find", "people").append("filter", new Document("email", "ayse@example.org")
                .append("$or", List.of(new Document("status", new Document("$in", List.of("ACTIVE", "PENDING"))),
                        new Document("erasedAt", null))));

        assertThat(SlowCommands.shape(SlowCommands.filter(find)))
                .hasToString("{email=?, $or=[{status={$in=?}}, {erasedAt=?}]}")
                .asString().doesNotContain("ayse");
    }

    @Test
    void shouldFindTheFilterOfUpdatesDeletesAndAggregations() {
        var update = new Document("update", "deliveries").append("updates",
                List.of(new Document("q", new Document("status", "PENDING")).append("u", new Document("$set", new Document("status", "SENT")))));
        var delete = new Document("delete", "processed_events").append("deletes",
                List.of(new Document("q", new Document("at", new Document("$lt", 5)))));
        var aggregate = new Document("aggregate", "workshops").append("pipeline",
                List.of(new Document("$match", new Document("status", "PUBLISHED")), new Document("$group", new Document())));

        assertThat(SlowCommands.shape(SlowCommands.filter(update))).hasToString("{status=?}");
        assertThat(SlowCommands.shape(SlowCommands.filter(delete))).hasToString("{at={$lt=?}}");
        assertThat(SlowCommands.shape(SlowCommands.filter(aggregate))).hasToString("{status=?}");
    }
}
