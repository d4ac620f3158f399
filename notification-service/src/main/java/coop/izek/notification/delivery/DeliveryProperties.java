package coop.izek.notification.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * @param maxAttempts after this many failed attempts a delivery lands in the failure log
 * @param firstRetry  the wait after the first failure; it doubles with each further one, up to {@code maxRetry}
 * @param lease       how long a claimed delivery is left to its sender before another instance may take it over; the
 *                    sender renews it every {@code leaseRenewal} while it is at work, so only a dead instance's lapses
 * @param leaseRenewal how often the leases of deliveries being sent are renewed; well under the lease, so that several
 *                    renewals can fail (the store briefly away) before the lease lapses
 * @param from        the sender of emails
 */
@ConfigurationProperties("izek.notification.delivery")
@Validated
record DeliveryProperties(@DefaultValue("6") @Min(1) int maxAttempts,
                          @DefaultValue("PT10S") @NotNull Duration firstRetry,
                          @DefaultValue("PT30M") @NotNull Duration maxRetry,
                          @DefaultValue("PT30S") @NotNull Duration lease,
                          @DefaultValue("PT5S") @NotNull Duration leaseRenewal,
                          @DefaultValue("İZEK <bildirim@izek.local>") @NotNull String from) {

    DeliveryProperties {
        if (lease != null && leaseRenewal != null && leaseRenewal.multipliedBy(3).compareTo(lease) > 0) {
            throw new IllegalArgumentException("izek.notification.delivery.lease-renewal (" + leaseRenewal
                    + ") must be at most a third of the lease (" + lease + ")");
        }
    }

    Duration retryAfter(int attempts) {
        var wait = firstRetry.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
