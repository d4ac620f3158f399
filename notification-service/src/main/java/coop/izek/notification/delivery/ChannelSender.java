package coop.izek.notification.delivery;

import coop.izek.notification.messages.Channel;

/** Sends deliveries of one channel. Throws {@link Undeliverable} when trying again cannot help. */
interface ChannelSender {

    /** What went out: to which address, under which subject, and whether it left the machine. */
    record Sent(String address, String subject, Delivery.Status outcome) {
    }

    Channel channel();

    Sent send(Delivery delivery) throws Exception;

    class Undeliverable extends RuntimeException {
        Undeliverable(String message) {
            super(message);
        }
    }
}
