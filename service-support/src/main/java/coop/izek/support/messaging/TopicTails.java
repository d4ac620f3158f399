package coop.izek.support.messaging;

/** Declare what {@link #follow} returns as a bean: it starts and stops with the application. */
@FunctionalInterface
public interface TopicTails {

    /** A tail of {@code topic} handing its new events to {@code reader}, on its own thread. */
    TopicTail follow(String topic, TopicTail.Reader reader);
}
