package coop.izek.notification.delivery;

/** Where SMS go out. The platform has no SMS gateway contract; a deployment that has one provides a bean of this type. */
public interface SmsProvider {

    /** Sends the text; returns whether it actually left the machine. */
    boolean send(String phoneNumber, String text) throws Exception;
}
