package coop.izek.portal.learning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import coop.izek.portal.PortalProperties;
import coop.izek.portal.api.PlatformApi;

/**
 * The live inbox for the browser: the portal opens notification-service's stream through the gateway with the
 * person's token and passes each event on, so the browser's {@code EventSource} needs only its session cookie. The
 * page reloads its list when an event arrives; a reconnecting browser's {@code Last-Event-ID} is passed upstream, so
 * nothing written in between is missed.
 */
@Controller
class InboxStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxStream.class);
    /** notification-service ends its streams after 30 minutes; the browser then reconnects by itself. */
    private static final Duration LONGEST = Duration.ofMinutes(31);

    private final PlatformApi api;
    private final URI upstream;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<Relay> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    InboxStream(PlatformApi api, PortalProperties portal) {
        this.api = api;
        this.upstream = URI.create(portal.gateway() + "/api/notifications/stream");
    }

    @GetMapping(path = "/me/inbox/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        // On the request's thread: the token is in the person's session (an expired one starts a new sign-in here).
        var token = api.accessToken().orElseThrow();
        var request = HttpRequest.newBuilder(upstream).GET().timeout(LONGEST)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.ACCEPT, MediaType.TEXT_EVENT_STREAM_VALUE);
        if (lastEventId != null && lastEventId.matches("[A-Za-z0-9:._-]{1,128}")) {
            request.header("Last-Event-ID", lastEventId);
        }
        var relay = new Relay(new SseEmitter(LONGEST.toMillis()));
        open.add(relay);
        relay.emitter.onCompletion(relay::close);
        relay.emitter.onTimeout(relay::close);
        relay.emitter.onError(e -> relay.close());
        Thread.ofVirtual().name("inbox-stream").start(() -> relay.run(request.build()));
        return relay.emitter;
    }

    /** One browser's stream and the upstream connection it is read from. */
    private final class Relay {
        final SseEmitter emitter;
        volatile Stream<String> lines;

        Relay(SseEmitter emitter) {
            this.emitter = emitter;
        }

        void run(HttpRequest request) {
            try {
                var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() != 200) {
                    response.body().close();
                    log.info("The notification stream answered {}; the browser will try again", response.statusCode());
                    emitter.complete();
                    return;
                }
                lines = response.body();
                emitter.send(SseEmitter.event().comment("connected"));
                var event = new Event();
                for (var line : (Iterable<String>) lines::iterator) {
                    if (line.isEmpty()) {
                        event.sendTo(emitter);
                        event = new Event();
                    } else if (line.startsWith(":")) {
                        // Keep-alives keep proxies from closing an idle stream, and find browsers that have gone.
                        emitter.send(SseEmitter.event().comment(line.substring(1).strip()));
                    } else {
                        event.read(line);
                    }
                }
                emitter.complete();
            } catch (IOException | UncheckedIOException gone) {
                // The browser or the upstream went away; the browser reconnects if it is still there.
                emitter.complete();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                emitter.complete();
            } finally {
                close();
            }
        }

        void close() {
            open.remove(this);
            var upstreamLines = lines;
            if (upstreamLines != null) {
                upstreamLines.close();
            }
        }
    }

    /** The fields of one server-sent event as they arrive, line by line. */
    private static final class Event {
        String id;
        String name;
        StringBuilder data;

        void read(String line) {
            var colon = line.indexOf(':');
            var field = colon < 0 ? line : line.substring(0, colon);
            var value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                }
            }
        }

        void sendTo(SseEmitter emitter) throws IOException {
            if (data == null) {
                return;
            }
            var event = SseEmitter.event().data(data.toString());
            if (id != null) {
                event.id(id);
            }
            if (name != null) {
                event.name(name);
            }
            emitter.send(event);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Streams never end on their own: end them before the web server drains its requests, and browsers reconnect. */
    @Override
    public void stop() {
        running = false;
        open.forEach(relay -> {
            relay.emitter.complete();
            relay.close();
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
