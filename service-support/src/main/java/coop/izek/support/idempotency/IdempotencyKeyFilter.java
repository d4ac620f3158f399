package coop.izek.support.idempotency;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import coop.izek.support.web.ProblemWriter;
import coop.izek.support.web.Problems;
import coop.izek.support.web.StoreUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Safe retries of writes (IETF draft "The Idempotency-Key HTTP Header Field"): a signed-in caller's POST, PUT, PATCH
 * or DELETE with an {@code Idempotency-Key} runs once; the same key with the same request gets the first answer again,
 * the same key with another request gets 422, and a retry while the first still runs gets 409. Answers of 5xx are
 * not kept, so such a request may be retried. Keys are the caller's own: another caller's key is another key.
 * Anonymous requests ignore the header (their answers may hold tokens, and nobody owns their keys).
 */
class IdempotencyKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int LONGEST_KEY = 255;

    private final IdempotentRequests requests;
    private final ProblemWriter problems;

    IdempotencyKeyFilter(IdempotentRequests requests, ProblemWriter problems) {
        this.requests = requests;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null || !WRITES.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken caller)) {
            chain.doFilter(request, response);
            return;
        }
        var key = key(request.getHeader(HEADER));
        if (key == null) {
            problems.write(response, Problems.of(HttpStatus.BAD_REQUEST, "idempotency-key", "Invalid Idempotency-Key",
                    "An Idempotency-Key is a string of 1 to " + LONGEST_KEY + " visible ASCII characters, such as a UUID."));
            return;
        }
        var body = request.getInputStream().readAllBytes();
        var id = IdempotentRequests.idOf(caller.getName(), key);
        var fingerprint = fingerprint(request, body);
        IdempotentRequests.Decision decision;
        try {
            decision = requests.begin(id, fingerprint);
        } catch (RuntimeException e) {
            if (!StoreUnavailable.is(e)) {
                throw e;
            }
            response.setHeader(HttpHeaders.RETRY_AFTER, StoreUnavailable.RETRY_AFTER);
            problems.write(response, StoreUnavailable.problem());
            return;
        }
        switch (decision) {
            case IdempotentRequests.Run run -> run(id, new ReadAgain(request, body), response, chain);
            case IdempotentRequests.Replay replay -> replay(replay, response);
            case IdempotentRequests.Mismatch mismatch -> problems.write(response, Problems.of(HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency-key-reused", "Idempotency-Key used for another request",
                    "This Idempotency-Key was sent before with another request; use a new key for a new request."));
            case IdempotentRequests.InProgress inProgress -> {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                problems.write(response, Problems.of(HttpStatus.CONFLICT, "request-in-progress", "Request in progress",
                        "The first request with this Idempotency-Key is still being handled; retry shortly for its answer."));
            }
        }
    }

    private void run(String id, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var answer = new ContentCachingResponseWrapper(response);
        request.setAttribute(IdempotentRequests.REQUEST_KEY, id);
        try {
            chain.doFilter(request, answer);
        } catch (ServletException | IOException | RuntimeException e) {
            requests.abandon(id);
            throw e;
        }
        try {
            if (answer.getStatus() >= 500) {
                requests.abandon(id);
            } else {
                requests.complete(id, answer.getStatus(), answer.getContentType(), answer.getHeader(HttpHeaders.LOCATION),
                        answer.getContentAsByteArray());
            }
        } catch (RuntimeException e) {
            // What was done is done and is answered; a retry takes the request over once its lease ends.
            logger.warn("The answer under an Idempotency-Key was not kept: " + e);
        }
        answer.copyBodyToResponse();
    }

    private static void replay(IdempotentRequests.Replay replay, HttpServletResponse response) throws IOException {
        response.setStatus(replay.status());
        if (replay.contentType() != null) {
            response.setContentType(replay.contentType());
        }
        if (replay.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, replay.location());
        }
        response.setHeader(REPLAYED, "true");
        response.setContentLength(replay.body().length);
        response.getOutputStream().write(replay.body());
    }

    /** The key as a Structured Fields string ({@code "..."}), or as it stands, as many clients send it; null if unfit. */
    static String key(String header) {
        var value = header.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty() || value.length() > LONGEST_KEY || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && c != '"' && c != '\\')) {
            return null;
        }
        return value;
    }

    /** What makes two requests the same request: method, path and query, content type and body. */
    private static String fingerprint(HttpServletRequest request, byte[] body) {
        var digest = sha256();
        digest.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n"
                + request.getContentType() + "\n").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest(body));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body, which was read to recognise a retry, readable again. */
    private static final class ReadAgain extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("read synchronously");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            var charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
