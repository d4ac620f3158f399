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
        figures.register("izek.workshop.seats", "Seats of open workshops", Tags.of("kind", "paid", "state", "offered"),
                () -> total("$paidSeats"));
        figures.register("izek.workshop.seats", "Seats of open workshops", Tags.of("kind", "paid", "state", "filled"),
                () -> total("$paidFilled"));
        figures.register("izek.workshop.seats", "Seats of open workshops", Tags.of("kind", "solidarity", "state", "offered"),
                () -> total("$solidaritySeats"));
        figures.register("izek.workshop.seats", "Seats of open workshops", Tags.of("kind", "solidarity", "state", "filled"),
                () -> total("$solidarityFilled"));
        figures.register("izek.workshop.waiting", "People on the waiting lists of open workshops", () -> total("$waitlistLength"));
        figures.register("izek.workshop.open", "Workshops open now (published or running)", () -> total(1));
    }

    private long total(Object field) {
        var open = new Document("status", new Document("$in", List.of(WorkshopStatus.PUBLISHED.name(), WorkshopStatus.RUNNING.name())));
        var seats = new Document("paidSeats", new Document("$subtract", List.of("$capacity", "$solidaritySeats")))
                .append("paidFilled", new Document("$subtract", List.of(new Document("$subtract", List.of("$capacity", "$solidaritySeats")), "$seatsLeft")))
                .append("solidaritySeats", "$solidaritySeats")
                .append("solidarityFilled", new Document("$subtract", List.of("$solidaritySeats", "$solidarityLeft")))
                .append("waitlistLength", "$waitlistLength");
        var result = mongo.getCollection(mongo.getCollectionName(Workshop.class)).aggregate(List.of(
                new Document("$match", open), new Document("$project", seats),
                new Document("$group", new Document("_id", null).append("total", new Document("$sum", field))))).first();
        return result == null ? 0 : ((Number) result.get("total")).longValue();
    }
}
