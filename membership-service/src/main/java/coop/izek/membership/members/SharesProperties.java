package coop.izek.membership.members;

import java.math.BigDecimal;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import coop.izek.support.money.Money;

/**
 * The share capital rules.
 *
 * @param unitPrice     the price of one share (the legal minimum holding is one share of 100 TL)
 * @param currency      the register's currency
 * @param minimumShares shares a member must have paid to become ACTIVE
 * @param refundAfter   when a resigning member's shares are due back
 */
@ConfigurationProperties("izek.shares")
record SharesProperties(
        @DefaultValue("100.00") BigDecimal unitPrice,
        @DefaultValue("TRY") String currency,
        @DefaultValue("1") int minimumShares,
        @DefaultValue("P90D") Period refundAfter) {

    Money price() {
        return new Money(unitPrice, currency).normalised();
    }
}
