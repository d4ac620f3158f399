package coop.izek.membership.identity;

import java.util.List;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a request comes from, for throttling by address. Behind the gateway every request comes from the gateway,
 * which appends the address it saw to {@code X-Forwarded-For}: that last entry is taken when the direct peer is a
 * trusted proxy (loopback by default, where the gateway runs in the local platform), never what a client wrote itself.
 */
@Component
public class ClientAddress {

    /** Addresses or ranges (CIDR, as the gateway's pods in Kubernetes have changing addresses from one). */
    private final List<IpAddressMatcher> trustedProxies;

    ClientAddress(IdentityProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream().filter(entry -> !entry.isBlank()).map(IpAddressMatcher::new).toList();
    }

    public String of(HttpServletRequest request) {
        var peer = request.getRemoteAddr();
        var forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank() || trustedProxies.stream().noneMatch(proxy -> proxy.matches(peer))) {
            return peer;
        }
        var hops = forwarded.split(",");
        var last = hops[hops.length - 1].strip();
        return last.isEmpty() ? peer : last;
    }
}
