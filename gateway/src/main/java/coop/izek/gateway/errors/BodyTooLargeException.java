package coop.izek.gateway.errors;

/** A streamed request body went past the gateway's limit. */
public class BodyTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
