package coop.izek.support.messaging;

import java.util.function.Consumer;

/** Declare what {@link #follow} returns as a bean: it starts and stops with the application. */
@FunctionalInterface
public interface TopicTails {

    /** A tail of {@code topic} handing each new event to {@code handler} on its own thread. */
    TopicTail follow(String topic, Consumer<IncomingEvent> handler);
}
