package coop.izek.notification.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Which URLs the platform will POST to. Partners choose them, so by default only https to public addresses: a
 * webhook must not make the platform reach into its own network (checked at registration and again before each
 * delivery, as a name may resolve elsewhere later).
 */
@Component
public class ReceiverAddresses {

    private final WebhookProperties properties;

    ReceiverAddresses(WebhookProperties properties) {
        this.properties = properties;
    }

    /** Why the platform will not call this URL, if it will not. */
    public Optional<String> refusal(URI url) {
        var scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && properties.allowPlainHttp())) {
            return Optional.of(properties.allowPlainHttp() ? "The URL must be http or https." : "The URL must be https.");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            return Optional.of("The URL has no host.");
        }
        if (url.getUserInfo() != null) {
            return Optional.of("The URL must not carry credentials; deliveries are signed instead.");
        }
        if (properties.allowPrivateNetworks()) {
            return Optional.empty();
        }
        try {
            for (var address : InetAddress.getAllByName(url.getHost())) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || isUniqueLocal(address)) {
                    return Optional.of("The URL points into a private network (" + address.getHostAddress() + ").");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("The URL's host does not resolve: " + url.getHost());
        }
        return Optional.empty();
    }

    /** IPv6 unique local addresses (fc00::/7), which Java does not count as site-local. */
    private static boolean isUniqueLocal(InetAddress address) {
        var bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}
