package coop.izek.notification.webhooks;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Which receivers the platform will POST to. Partners choose them, so only https to public unicast addresses: a
 * webhook must not make the platform reach into its own network or anyone else's. Checked at registration, and
 * again on the very addresses a delivery connects to (see {@link #resolve}), so a name that resolves elsewhere by
 * the time of delivery (DNS rebinding) gains nothing. The embedded platform may allow plain http to loopback, so
 * that partners can try webhooks on one machine; no other private address is ever allowed.
 */
@Component
public class ReceiverAddresses {

    /** A refused address: why, in words a partner may read. */
    public static final class Refused extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    private record Range(BigInteger first, BigInteger last) {
        boolean contains(BigInteger address) {
            return address.compareTo(first) >= 0 && address.compareTo(last) <= 0;
        }
    }

    /** IANA's special-purpose IPv4 ranges (RFC 6890 and successors), none of which is a public receiver. */
    private static final List<Range> IPV4_SPECIAL = ranges(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16", "192.175.48.0/24",
            "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");

    /**
     * IPv6 outside global unicast (2000::/3) is refused anyway; within it these are not public receivers either:
     * IETF assignments (Teredo among them), documentation, 6to4 (a tunnel to any IPv4 address), and more.
     */
    private static final List<Range> IPV6_SPECIAL = ranges(
            "2001::/23", "2001:db8::/32", "2002::/16", "2620:4f:8000::/48", "3fff::/20");

    private static final Range IPV6_GLOBAL_UNICAST = range("2000::/3");

    /** How names become addresses: the system's resolver, or in tests one that changes its answer. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final WebhookProperties properties;
    private final Resolver resolver;

    @org.springframework.beans.factory.annotation.Autowired
    ReceiverAddresses(WebhookProperties properties) {
        this(properties, InetAddress::getAllByName);
    }

    public ReceiverAddresses(WebhookProperties properties, Resolver resolver) {
        this.properties = properties;
        this.resolver = resolver;
    }

    /** Why the platform will not call this URL, if it will not (checked at registration and before each delivery). */
    public Optional<String> refusal(URI url) {
        var scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && properties.allowPlainHttp())) {
            return Optional.of(properties.allowPlainHttp() ? "The URL must be http or https." : "The URL must be https.");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            return Optional.of("The URL has no host.");
        }
        if (url.getUserInfo() != null) {
            return Optional.of("The URL must not carry credentials; deliveries are signed instead.");
        }
        try {
            resolve(url.getHost());
        } catch (Refused refused) {
            return Optional.of(refused.getMessage());
        } catch (UnknownHostException e) {
            return Optional.of("The URL's host does not resolve: " + url.getHost());
        }
        return Optional.empty();
    }

    /**
     * The addresses of {@code host} a delivery may connect to: all of them acceptable, or none (a name with one private
     * address among public ones is refused whole). The HTTP client connects to exactly these.
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        var addresses = resolver.resolve(host);
        for (var address : addresses) {
            if (!acceptable(address)) {
                throw new Refused("The receiver's address is not a public one (" + address.getHostAddress() + ").");
            }
        }
        return addresses;
    }

    boolean acceptable(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return properties.allowLoopback();
        }
        return isPublicUnicast(address);
    }

    static boolean isPublicUnicast(InetAddress address) {
        var bytes = address.getAddress();
        var value = new BigInteger(1, bytes);
        if (address instanceof Inet4Address) {
            return IPV4_SPECIAL.stream().noneMatch(range -> range.contains(value));
        }
        if (address instanceof Inet6Address) {
            // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96) addresses lie outside
            // 2000::/3 and are refused with the rest of it: whatever IPv4 address they carry.
            return IPV6_GLOBAL_UNICAST.contains(value) && IPV6_SPECIAL.stream().noneMatch(range -> range.contains(value));
        }
        return false;
    }

    private static List<Range> ranges(String... cidrs) {
        return java.util.Arrays.stream(cidrs).map(ReceiverAddresses::range).toList();
    }

    private static Range range(String cidr) {
        try {
            var parts = cidr.split("/");
            var base = InetAddress.getByName(parts[0]).getAddress();
            int bits = base.length * 8;
            int prefix = Integer.parseInt(parts[1]);
            var first = new BigInteger(1, base);
            var hostBits = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
            return new Range(first.andNot(hostBits), first.or(hostBits));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }
}
