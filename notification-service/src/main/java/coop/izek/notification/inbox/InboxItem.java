package coop.izek.notification.inbox;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message in a person's in-app inbox. The id is derived from the event and the recipient, so one event can
 * put at most one item in one person's inbox, however often it is delivered. It keeps the event's trace, continued
 * by whichever instance pushes it to a live stream.
 */
@Document("inbox")
@CompoundIndex(name = "person_created", def = "{'personId': 1, 'createdAt': -1}")
record InboxItem(@Id String id, String personId, String kind, String title, String body, Instant createdAt,
                 boolean read, String eventId, Map<String, String> trace) {

    static String idFor(String eventId, String personId) {
        return eventId + ":" + personId + ":IN_APP";
    }
}
