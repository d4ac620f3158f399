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

    Sent send(Delivery delivery) throws Exception;

    class Undeliverable extends RuntimeException {
        Undeliverable(String message) {
            super(message);
        }
    }
}
