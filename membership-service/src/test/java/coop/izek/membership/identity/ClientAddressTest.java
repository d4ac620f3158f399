package coop.izek.membership.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    final ClientAddress addresses = new ClientAddress(new IdentityProperties(null, null, Duration.ofMinutes(15), List.of(),
            List.of("127.0.0.1", "10.244.0.0/16")));

    @Test
    void shouldBelieveTheLastForwardedAddressFromAProxyInATrustedRange() {
        assertThat(addresses.of(request("10.244.3.17", "198.51.100.1, 203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(addresses.of(request("127.0.0.1", "203.0.113.10"))).isEqualTo("203.0.113.10");
    }

    @Test
    void shouldIgnoreTheForwardedAddressFromAnyoneElse() {
        assertThat(addresses.of(request("10.245.0.1", "203.0.113.9"))).isEqualTo("10.245.0.1");
        assertThat(addresses.of(request("127.0.0.2", "203.0.113.9"))).isEqualTo("127.0.0.2");
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        var request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        request.addHeader("X-Forwarded-For", forwardedFor);
        return request;
    }
}
