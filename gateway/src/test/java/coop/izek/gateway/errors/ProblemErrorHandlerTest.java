package coop.izek.gateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class ProblemErrorHandlerTest {

    @Test
    void shouldAnswerUnreachableServiceWithServiceUnavailable() {
        var problem = ProblemErrorHandler.problemFor(new IllegalStateException("wrapped", new ConnectException("Connection refused")));

        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(problem.getType()).hasToString("/problems/service-unavailable");
        assertThat(problem.getDetail()).doesNotContain("Connection refused");
    }

    @Test
    void shouldAnswerAServiceAtItsConcurrencyLimitWithServiceUnavailableNotAnInternalError() {
        var full = io.github.resilience4j.bulkhead.BulkheadFullException.createBulkheadFullException(
                io.github.resilience4j.bulkhead.Bulkhead.ofDefaults("workshop"));

        var problem = ProblemErrorHandler.problemFor(full);

        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(problem.getType()).hasToString("/problems/service-busy");
    }

    /** Found by the resilience suite: a service killed mid-request was answered 500, which clients do not retry. */
    @Test
    void shouldAnswerAServiceThatWentAwayMidRequestWithBadGateway() {
        var closed = ProblemErrorHandler.problemFor(reactor.netty.http.client.PrematureCloseException.TEST_EXCEPTION);
        var reset = ProblemErrorHandler.problemFor(new IllegalStateException("wrapped", new java.io.IOException("Connection reset by peer")));

        assertThat(closed.getStatus()).isEqualTo(502);
        assertThat(closed.getType()).hasToString("/problems/service-closed");
        assertThat(reset.getStatus()).isEqualTo(502);
        assertThat(reset.getDetail()).doesNotContain("reset by peer");
    }

    @Test
    void shouldAnswerSlowServiceWithGatewayTimeout() {
        assertThat(ProblemErrorHandler.problemFor(new TimeoutException()).getStatus()).isEqualTo(504);
    }

    @Test
    void shouldKeepClientErrorStatusAndHideEverythingElse() {
        assertThat(ProblemErrorHandler.problemFor(new ResponseStatusException(HttpStatus.NOT_FOUND)).getStatus()).isEqualTo(404);
        var internal = ProblemErrorHandler.problemFor(new IllegalStateException("secret"));
        assertThat(internal.getStatus()).isEqualTo(500);
        assertThat(internal.getDetail()).doesNotContain("secret");
    }
}
