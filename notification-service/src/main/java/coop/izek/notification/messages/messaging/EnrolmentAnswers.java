package coop.izek.notification.messages.messaging;

import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import coop.izek.events.Topics;
import coop.izek.events.WorkshopEvents;
import coop.izek.notification.delivery.Deliveries;
import coop.izek.notification.inbox.Inbox;
import coop.izek.notification.messages.Notices;
import coop.izek.support.messaging.IncomingEvent;
import coop.izek.support.messaging.TopicTail;
import coop.izek.support.messaging.TopicTails;

/**
 * The answer to an enrolment in the inbox, and on the page, of the person who is waiting for it. In a rush the
 * workshop listener's batches queue behind the rush's own writes, so an answer would reach the inbox a second or more
 * after the enrolment's reply. Each instance therefore also reads the workshop topic's new records for itself and puts
 * the answers its own streams' people are waiting for in their inboxes at once (one write a poll), which tells the
 * streams; the listener later finds those items there (an item's id is its event's and person's) and tells no stream
 * again. For people without a stream here it only reads the event.
 */
@Component
class EnrolmentAnswers implements TopicTail.Reader {

    private final Notices notices;
    private final Inbox inbox;
    /** Only the tail's thread uses it. */
    private final Deliveries.InAppMessages answers;

    EnrolmentAnswers(Notices notices, Deliveries deliveries, Inbox inbox) {
        this.notices = notices;
        this.inbox = inbox;
        this.answers = deliveries.new InAppMessages();
    }

    @Bean
    TopicTail enrolmentAnswersTail(TopicTails tails) {
        return tails.follow(Topics.WORKSHOP, this);
    }

    @Override
    public void read(IncomingEvent event) {
        if (enrolleeOf(event).filter(inbox::streaming).isPresent()) {
            answers.add(event.id(), notices.from(event).stream().filter(notice -> inbox.streaming(notice.personId())).toList());
        }
    }

    @Override
    public void endOfPoll() {
        var messages = answers.take();
        if (!messages.isEmpty()) {
            inbox.deliverAll(messages);
        }
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
