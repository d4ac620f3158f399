package coop.izek.notification.messages.messaging;

import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import coop.izek.events.Topics;
import coop.izek.events.WorkshopEvents;
import coop.izek.notification.delivery.Deliveries;
import coop.izek.notification.inbox.Inbox;
import coop.izek.notification.messages.Notices;
import coop.izek.support.messaging.IncomingEvent;
import coop.izek.support.messaging.TopicTail;
import coop.izek.support.messaging.TopicTails;

/**
 * The answer to an enrolment on the page of the person who is waiting for it. In a rush the workshop listener's
 * batches queue behind the rush's own writes, so an answer would reach the inbox, and the person's stream, a
 * second or more after the enrolment's reply. Each instance therefore also reads the workshop topic's new records
 * for itself and tells its own streams of the answers their people are waiting for at once; the listener stores
 * them as before, under the same ids, and no stream is told twice. Only people with a stream open here cost more
 * than reading the event.
 */
@Configuration(proxyBeanMethods = false)
class EnrolmentAnswers {

    @Bean
    TopicTail enrolmentAnswersTail(TopicTails tails, Notices notices, Deliveries deliveries, Inbox inbox) {
        return tails.follow(Topics.WORKSHOP, event -> enrolleeOf(event).filter(inbox::streaming).ifPresent(enrollee -> {
            var waiting = notices.from(event).stream().filter(notice -> inbox.streaming(notice.personId())).toList();
            inbox.announce(deliveries.inAppMessages(event.id(), waiting));
        }));
    }

    /** Who is waiting for this event, if it answers an enrolment. */
    private static Optional<String> enrolleeOf(IncomingEvent event) {
        if (event.is(WorkshopEvents.ENROLMENT_CONFIRMED)) {
            return Optional.of(event.data(WorkshopEvents.ENROLMENT_CONFIRMED).enrolleeId());
        }
        if (event.is(WorkshopEvents.ENROLMENT_WAITLISTED)) {
            return Optional.of(event.data(WorkshopEvents.ENROLMENT_WAITLISTED).enrolleeId());
        }
        if (event.is(WorkshopEvents.ENROLMENT_PROMOTED)) {
            return Optional.of(event.data(WorkshopEvents.ENROLMENT_PROMOTED).enrolleeId());
        }
        return Optional.empty();
    }
}
