package coop.izek.notification.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiverAddressesTest {

    final ReceiverAddresses production = new ReceiverAddresses(new WebhookProperties(10, Duration.ofSeconds(10), false, false, 20));
    final ReceiverAddresses embedded = new ReceiverAddresses(new WebhookProperties(10, Duration.ofSeconds(10), true, true, 20));

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34/hook", "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://192.168.1.20/hook",
            "https://172.16.0.5/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook", "https://[fd12::1]/hook",
            "https://0.0.0.0/hook", "https://user:pass@93.184.216.34/hook", "ftp://93.184.216.34/hook"})
    void shouldRefuseReceiversInsidePrivateNetworksOrWithoutHttps(String url) {
        assertThat(production.refusal(URI.create(url))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "https://[2001:4860:4860::8888]/hook"})
    void shouldAcceptHttpsReceiversOnPublicAddresses(String url) {
        assertThat(production.refusal(URI.create(url))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/hook", "http://10.1.2.3/hook"})
    void shouldAcceptLocalPlainReceiversWhenTheEmbeddedPlatformAllowsThem(String url) {
        assertThat(embedded.refusal(URI.create(url))).isEmpty();
    }
}
