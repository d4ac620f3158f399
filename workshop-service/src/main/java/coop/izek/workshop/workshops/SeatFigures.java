package coop.izek.workshop.workshops;

import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import coop.izek.support.observability.Figures;
import io.micrometer.core.instrument.Tags;

/** Seats of the workshops open now (published or running): offered, filled, solidarity seats used, people waiting. */
@Component
class SeatFigures {

    private final MongoTemplate mongo;

    SeatFigures(Figures figures, MongoTemplate mongo) {
        this.mongo = mongo;
        // One pass over the open workshops per refresh gives every total.
        var totals = figures.sharedReading(this::totals);
        figures.register("izek.workshop.seats", "Seats of open workshops", Tags.of("kind", "paid", "state", "offered"),
                () -> number(totals.get(), "paidSeats"));
        figures.register("izek.workshop.seats", "Seats of open workshops", Tags.of("kind", "paid", "state", "filled"),
                () -> number(totals.get(), "paidFilled"));
        figures.register("izek.workshop.seats", "Seats of open workshops", Tags.of("kind", "solidarity", "state", "offered"),
                () -> number(totals.get(), "solidaritySeats"));
        figures.register("izek.workshop.seats", "Seats of open workshops", Tags.of("kind", "solidarity", "state", "filled"),
                () -> number(totals.get(), "solidarityFilled"));
        figures.register("izek.workshop.waiting", "People on the waiting lists of open workshops", () -> number(totals.get(), "waitlistLength"));
        figures.register("izek.workshop.open", "Workshops open now (published or running)", () -> number(totals.get(), "open"));
    }

    private Document totals() {
        var open = new Document("status", new Document("$in", List.of(WorkshopStatus.PUBLISHED.name(), WorkshopStatus.RUNNING.name())));
        var paidSeats = new Document("$subtract", List.of("$capacity", "$solidaritySeats"));
        var sums = new Document("_id", null)
                .append("paidSeats", new Document("$sum", paidSeats))
                .append("paidFilled", new Document("$sum", new Document("$subtract", List.of(paidSeats, "$seatsLeft"))))
                .append("solidaritySeats", new Document("$sum", "$solidaritySeats"))
                .append("solidarityFilled", new Document("$sum", new Document("$subtract", List.of("$solidaritySeats", "$solidarityLeft"))))
                .append("waitlistLength", new Document("$sum", "$waitlistLength"))
                .append("open", new Document("$sum", 1));
        var result = mongo.getCollection(mongo.getCollectionName(Workshop.class)).aggregate(List.of(
                new Document("$match", open), new Document("$group", sums))).first();
        return result == null ? new Document() : result;
    }

    private static long number(Document totals, String field) {
        return totals.get(field) instanceof Number value ? value.longValue() : 0;
    }
}
