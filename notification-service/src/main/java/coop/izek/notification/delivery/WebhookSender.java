package coop.izek.notification.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import coop.izek.notification.messages.Channel;
import coop.izek.notification.webhooks.ReceiverAddresses;
import coop.izek.notification.webhooks.WebhookProperties;
import coop.izek.notification.webhooks.WebhookSignature;
import coop.izek.notification.webhooks.Webhooks;

/**
 * POSTs a delivery's CloudEvent to its webhook, signed (see {@link WebhookSignature}). Any 2xx is delivered; other
 * answers and network errors are retried with growing waits. The client resolves receivers' names itself, through
 * {@link ReceiverAddresses}, so it connects only to addresses that were checked in that very resolution; redirects
 * are not followed, so a receiver cannot send the platform anywhere else. Partners see what went wrong as a
 * category (timeout, refused, TLS, HTTP status), never an exception's message.
 */
@Component
class WebhookSender implements ChannelSender, DisposableBean {

    private final Webhooks webhooks;
    private final ReceiverAddresses addresses;
    private final Clock clock;
    private final CloseableHttpClient http;

    WebhookSender(Webhooks webhooks, ReceiverAddresses addresses, WebhookProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.addresses = addresses;
        this.clock = clock;
        this.http = client(addresses, properties.timeout());
    }

    /** An HTTP client that resolves every name through {@code addresses}, connecting only to what it accepted. */
    static CloseableHttpClient client(ReceiverAddresses addresses, Duration timeoutAfter) {
        var timeout = Timeout.of(timeoutAfter);
        var checkedResolution = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return addresses.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checkedResolution)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .setUserAgent("izek-platform-webhooks")
                .build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public Sent send(Delivery delivery, Handover handover) throws IOException {
        var target = webhooks.target(delivery.webhookId).orElseThrow(() -> new Undeliverable("The webhook was removed"));
        if (!target.active()) {
            throw new Undeliverable("The webhook is disabled after repeated failures; its organisation can enable it again");
        }
        var refusal = addresses.refusal(target.url());
        if (refusal.isPresent()) {
            throw new Undeliverable(refusal.get());
        }
        long timestamp = clock.instant().getEpochSecond();
        var post = new HttpPost(target.url());
        // The delivery's id stays the same over retries, so receivers can drop a repeat.
        post.setHeader(WebhookSignature.ID_HEADER, delivery.id);
        post.setHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        post.setHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(target.secrets(), delivery.id, timestamp, delivery.payload));
        post.setHeader("X-Izek-Event-Type", delivery.eventType);
        post.setEntity(new StringEntity(delivery.payload, ContentType.create("application/cloudevents+json", StandardCharsets.UTF_8)));
        long started = System.nanoTime();
        int status;
        try {
            status = http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (ReceiverAddresses.Refused refused) {
            record(delivery, null, refused.getMessage(), started);
            throw new Undeliverable(refused.getMessage());
        } catch (IOException e) {
            var category = category(e);
            record(delivery, null, category, started);
            throw new IOException(category);
        }
        if (status / 100 != 2) {
            var error = "HTTP " + status;
            record(delivery, status, error, started);
            throw new IOException("The receiver answered " + error);
        }
        record(delivery, status, null, started);
        return new Sent(target.url().toString(), delivery.eventType);
    }

    /** What a partner may read about a failure: what kind it was, not what the exception said. */
    static String category(IOException e) {
        if (e instanceof ConnectTimeoutException || e instanceof SocketTimeoutException) {
            return "timeout";
        }
        if (e instanceof UnknownHostException) {
            return "name does not resolve";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof SSLException) {
            return "TLS handshake failed";
        }
        return "connection failed";
    }

    private void record(Delivery delivery, Integer statusCode, String error, long started) {
        webhooks.recordAttempt(delivery.webhookId, delivery.id, delivery.eventId, delivery.eventType, delivery.attempts, statusCode,
                error, Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }
}
