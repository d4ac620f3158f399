package coop.izek.notification.delivery;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Component;

import coop.izek.notification.messages.Channel;
import coop.izek.notification.webhooks.ReceiverAddresses;
import coop.izek.notification.webhooks.WebhookProperties;
import coop.izek.notification.webhooks.WebhookSignature;
import coop.izek.notification.webhooks.Webhooks;

/**
 * POSTs a delivery's CloudEvent to its webhook, signed (see {@link WebhookSignature}). Any 2xx is delivered; other
 * answers and network errors are retried with growing waits. Redirects are not followed, so a receiver cannot send
 * the platform somewhere its address check did not look.
 */
@Component
class WebhookSender implements ChannelSender {

    private final Webhooks webhooks;
    private final ReceiverAddresses addresses;
    private final WebhookProperties properties;
    private final Clock clock;
    private final HttpClient http;

    WebhookSender(Webhooks webhooks, ReceiverAddresses addresses, WebhookProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.addresses = addresses;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public Sent send(Delivery delivery) throws IOException, InterruptedException {
        var target = webhooks.target(delivery.webhookId).orElseThrow(() -> new Undeliverable("The webhook was removed"));
        if (!target.active()) {
            throw new Undeliverable("The webhook is disabled after repeated failures; its organisation can enable it again");
        }
        var refusal = addresses.refusal(target.url());
        if (refusal.isPresent()) {
            throw new Undeliverable(refusal.get());
        }
        long timestamp = clock.instant().getEpochSecond();
        var request = HttpRequest.newBuilder(target.url()).timeout(properties.timeout())
                .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                .header("User-Agent", "izek-platform-webhooks")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(target.secret(), timestamp, delivery.payload))
                .header("X-Izek-Delivery", delivery.id)
                .header("X-Izek-Event-Type", delivery.eventType)
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload)).build();
        long started = System.nanoTime();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            record(delivery, null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), started);
            throw e;
        }
        if (response.statusCode() / 100 != 2) {
            var error = "The receiver answered HTTP " + response.statusCode();
            record(delivery, response.statusCode(), error, started);
            throw new IOException(error);
        }
        record(delivery, response.statusCode(), null, started);
        return new Sent(target.url().toString(), delivery.eventType);
    }

    private void record(Delivery delivery, Integer statusCode, String error, long started) {
        webhooks.recordAttempt(delivery.webhookId, delivery.id, delivery.eventId, delivery.eventType, delivery.attempts, statusCode,
                error, Duration.ofNanos(System.nanoTime() - started));
    }
}
