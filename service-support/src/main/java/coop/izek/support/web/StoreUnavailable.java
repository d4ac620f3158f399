package coop.izek.support.web;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/**
 * The service's store cannot be reached (it restarts, the network is cut): a temporary condition, answered 503 with
 * {@code Retry-After} so clients try again, never a 500. Nothing was written by a request that could not reach the
 * store; one cut off mid-write is safe to send again under its {@code Idempotency-Key}.
 */
public final class StoreUnavailable {

    /** Seconds a client should wait: the store is usually back within seconds after a restart. */
    public static final String RETRY_AFTER = "5";

    private StoreUnavailable() {
    }

    /** Whether {@code error} (or a cause of it) says the store could not be reached. */
    public static boolean is(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MongoSocketException || t instanceof MongoTimeoutException || t instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }

    public static ProblemDetail problem() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Service unavailable",
                "This service cannot reach its data for a moment; try again shortly.");
    }
}
