package coop.izek.notification.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiverAddressesTest {

    final ReceiverAddresses production = new ReceiverAddresses(properties(false, false));
    final ReceiverAddresses embedded = new ReceiverAddresses(properties(true, true));

    /** The private, special-purpose and tunnelling ranges, the ones a first deny-list missed among them. */
    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34/hook", "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://192.168.1.20/hook",
            "https://172.16.0.5/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook", "https://[fd12::1]/hook",
            "https://0.0.0.0/hook", "https://user:pass@93.184.216.34/hook", "ftp://93.184.216.34/hook",
            "https://0.1.2.3/hook", "https://100.64.0.1/hook", "https://100.127.255.254/hook", "https://192.0.0.8/hook",
            "https://198.18.0.1/hook", "https://198.19.255.1/hook", "https://240.0.0.1/hook", "https://255.255.255.255/hook",
            "https://224.0.0.1/hook", "https://192.0.2.1/hook", "https://[64:ff9b::7f00:1]/hook", "https://[2002:7f00:1::]/hook",
            "https://[::7f00:1]/hook", "https://[::ffff:127.0.0.1]/hook", "https://[::ffff:10.0.0.1]/hook", "https://[fe80::1]/hook",
            "https://[ff02::1]/hook", "https://[2001:db8::1]/hook", "https://[2001::1]/hook", "https://[fec0::1]/hook",
            "https://[::]/hook"})
    void shouldRefuseReceiversOutsidePublicUnicastOrWithoutHttps(String url) {
        assertThat(production.refusal(URI.create(url))).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "https://[2001:4860:4860::8888]/hook", "https://8.8.8.8/hook",
            "https://100.128.0.1/hook", "https://198.20.0.1/hook"})
    void shouldAcceptHttpsReceiversOnPublicAddresses(String url) {
        assertThat(production.refusal(URI.create(url))).as(url).isEmpty();
    }

    @Test
    void shouldLetTheEmbeddedPlatformReachLoopbackOverPlainHttpButNoPrivateNetwork() {
        assertThat(embedded.refusal(URI.create("http://127.0.0.1:9000/hook"))).isEmpty();
        assertThat(embedded.refusal(URI.create("http://[::1]:9000/hook"))).isEmpty();
        assertThat(embedded.refusal(URI.create("http://10.1.2.3/hook"))).isPresent();
        assertThat(embedded.refusal(URI.create("http://192.168.1.1/hook"))).isPresent();
    }

    /** A name that resolved to a public address at registration and to loopback at delivery is refused at delivery. */
    @Test
    void shouldJudgeTheAddressesOfEachResolutionNotAnEarlierOne() throws Exception {
        var lookups = new AtomicInteger();
        var rebinding = new ReceiverAddresses(properties(false, false), host -> new InetAddress[] {
                lookups.incrementAndGet() == 1 ? InetAddress.getByName("93.184.216.34") : InetAddress.getLoopbackAddress()});

        assertThat(rebinding.refusal(URI.create("https://rebinding.example/hook"))).isEmpty();
        assertThatThrownBy(() -> rebinding.resolve("rebinding.example")).isInstanceOf(ReceiverAddresses.Refused.class)
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void shouldRefuseANameWithOnePrivateAddressAmongPublicOnes() {
        var mixed = new ReceiverAddresses(properties(false, false), host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7")});

        assertThat(mixed.refusal(URI.create("https://mixed.example/hook"))).get().asString().contains("10.0.0.7");
    }

    private static WebhookProperties properties(boolean plainHttp, boolean loopback) {
        return new WebhookProperties(10, Duration.ofSeconds(10), plainHttp, loopback, 20, Duration.ofDays(30), Duration.ofHours(24));
    }
}
