package coop.izek.support.web;

/** The request body is larger than {@code izek.web.max-request-size}. */
class PayloadTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PayloadTooLargeException(long limit) {
        super("The request body is larger than the " + limit + " bytes this API accepts.");
    }
}
