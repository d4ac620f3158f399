package coop.izek.notification.delivery;

import coop.izek.notification.messages.Channel;

/** Sends deliveries of one channel. Throws {@link Undeliverable} when trying again cannot help. */
interface ChannelSender {

    /** What went out: to which address, under which subject, whether it left the machine, and anything to tell staff. */
    record Sent(String address, String subject, DeliveryStatus outcome, String note) {

        Sent(String address, String subject) {
            this(address, subject, DeliveryStatus.SENT, null);
        }
    }

    Channel channel();

    /**
     * Sends the delivery. A sender that can tell the moment the receiving server holds the whole message, before its
     * answer is read, tells {@code handover} then (see {@link Dispatcher}); the others never call it.
     */
    Sent send(Delivery delivery, Handover handover) throws Exception;

    /** Told that the message is wholly with the receiving server, to this address under this subject. */
    @FunctionalInterface
    interface Handover {
        void handed(String address, String subject);
    }

    class Undeliverable extends RuntimeException {
        Undeliverable(String message) {
            super(message);
        }
    }
}
