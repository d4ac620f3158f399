package coop.izek.support.messaging;

/** A record that is not a valid platform event (headers missing, body unreadable). Never retried: it goes to the dead-letter topic. */
public class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
