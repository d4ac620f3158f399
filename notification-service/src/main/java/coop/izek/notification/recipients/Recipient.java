package coop.izek.notification.recipients;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** What this service knows of a person to reach them, built from membership events. */
@Document("recipients")
public record Recipient(@Id String personId, String email, String fullName, String locale, Instant updatedAt) {
}
