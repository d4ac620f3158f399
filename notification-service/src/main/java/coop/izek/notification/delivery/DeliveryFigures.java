package coop.izek.notification.delivery;

import java.util.List;
import java.util.Locale;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import coop.izek.notification.messages.Channel;
import coop.izek.support.observability.Figures;
import io.micrometer.core.instrument.Tags;

/** Deliveries not yet sent (waiting for their time, for a retry, or in hand), per channel: the delivery backlog. */
@Component
class DeliveryFigures {

    DeliveryFigures(Figures figures, MongoTemplate mongo) {
        for (var channel : List.of(Channel.EMAIL, Channel.SMS, Channel.WEBHOOK)) {
            figures.register("izek.notification.deliveries.pending", "Deliveries not yet sent",
                    Tags.of("channel", channel.name().toLowerCase(Locale.ROOT)),
                    () -> mongo.count(Query.query(Criteria.where("channel").is(channel)
                            .and("status").in(DeliveryStatus.PENDING, DeliveryStatus.SENDING)), Delivery.class));
        }
    }
}
