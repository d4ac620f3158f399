package coop.izek.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import coop.izek.notification.webhooks.ReceiverAddresses;
import coop.izek.notification.webhooks.WebhookProperties;

class WebhookConnectionTest {

    /**
     * DNS rebinding: the name passes the check, then resolves to loopback when the connection is made. The client
     * resolves through the check, so it refuses, and the receiver on loopback gets nothing.
     */
    @Test
    void shouldConnectOnlyToAddressesTheCheckPassedInThatVeryResolution() throws Exception {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var requests = new AtomicInteger();
        server.createContext("/hook", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            var lookups = new AtomicInteger();
            var addresses = new ReceiverAddresses(new WebhookProperties(10, Duration.ofSeconds(2), true, false, 20, Duration.ofDays(30), Duration.ofHours(24)),
                    host -> new InetAddress[] {lookups.incrementAndGet() == 1 ? InetAddress.getByName("93.184.216.34")
                            : InetAddress.getLoopbackAddress()});
            var url = URI.create("http://rebinding.example:" + server.getAddress().getPort() + "/hook");
            assertThat(addresses.refusal(url)).isEmpty();

            try (var http = WebhookSender.client(addresses, Duration.ofSeconds(2))) {
                assertThatThrownBy(() -> http.execute(new org.apache.hc.client5.http.classic.methods.HttpPost(url), response -> 0))
                        .isInstanceOf(ReceiverAddresses.Refused.class);
            }
            assertThat(requests).hasValue(0);
            assertThat(lookups).hasValue(2);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldDescribeFailuresAsCategories() {
        assertThat(WebhookSender.category(new java.net.ConnectException("Connection refused to 10.0.0.1"))).isEqualTo("connection refused");
        assertThat(WebhookSender.category(new java.net.SocketTimeoutException("Read timed out"))).isEqualTo("timeout");
        assertThat(WebhookSender.category(new javax.net.ssl.SSLHandshakeException("PKIX path building failed"))).isEqualTo("TLS handshake failed");
        assertThat(WebhookSender.category(new java.io.IOException("something internal"))).isEqualTo("connection failed");
    }
}
