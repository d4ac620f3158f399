package coop.izek.membership.identity;

import java.util.Set;

import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a request comes from, for throttling by address. Behind the gateway every request comes from the gateway,
 * which appends the address it saw to {@code X-Forwarded-For}: that last entry is taken when the direct peer is a
 * trusted proxy (loopback by default, where the gateway runs in the local platform), never what a client wrote itself.
 */
@Component
public class ClientAddress {

    private final Set<String> trustedProxies;

    ClientAddress(IdentityProperties properties) {
        this.trustedProxies = Set.copyOf(properties.trustedProxies());
    }

    public String of(HttpServletRequest request) {
        var peer = request.getRemoteAddr();
        var forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank() || !trustedProxies.contains(peer)) {
            return peer;
        }
        var hops = forwarded.split(",");
        var last = hops[hops.length - 1].strip();
        return last.isEmpty() ? peer : last;
    }
}
