package coop.izek.notification.inbox;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The ids of a person's latest inbox items, which live streams on every instance poll by the person's id. */
@Document("inbox_latest")
record LatestItems(@Id String personId, List<Item> items) {

    /** More than a poll interval's worth of one person's messages. */
    static final int KEPT = 50;

    record Item(String id, Instant createdAt) {
    }
}
