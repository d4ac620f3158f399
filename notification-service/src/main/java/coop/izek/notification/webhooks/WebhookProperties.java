package coop.izek.notification.webhooks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * @param disableAfter       consecutive failed attempts after which a webhook is disabled until its partner enables it
 * @param timeout            how long a receiver has to answer
 * @param allowPlainHttp     whether receivers may be plain http (the embedded platform and tests; never in production)
 * @param allowLoopback      whether receivers may be on this machine's loopback (same), so partners can try webhooks on
 *                           one machine; private networks are never allowed
 * @param maxPerOrganisation how many webhooks one organisation may have
 * @param attemptsKept       how long each attempt stays in a webhook's delivery log
 * @param rotationGrace      how long a rotated-out secret keeps signing beside the new one
 */
@ConfigurationProperties("izek.notification.webhooks")
@Validated
public record WebhookProperties(@DefaultValue("10") @Min(1) int disableAfter,
                                @DefaultValue("PT10S") Duration timeout,
                                @DefaultValue("false") boolean allowPlainHttp,
                                @DefaultValue("false") boolean allowLoopback,
                                @DefaultValue("20") @Min(1) int maxPerOrganisation,
                                @DefaultValue("30d") Duration attemptsKept,
                                @DefaultValue("24h") Duration rotationGrace) {
}
