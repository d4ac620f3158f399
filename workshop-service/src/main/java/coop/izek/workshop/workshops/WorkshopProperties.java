package coop.izek.workshop.workshops;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * @param certificateThreshold the share of sessions a participant attends to earn a certificate
 * @param commissionRate       the cooperative's share of an educator's revenue, fixed per workshop on completion
 * @param startCheck           how often published workshops whose first session began are marked RUNNING
 */
@ConfigurationProperties("izek.workshop")
@Validated
record WorkshopProperties(
        @DefaultValue("0.75") @NotNull @DecimalMin("0.01") @DecimalMax("1") BigDecimal certificateThreshold,
        @DefaultValue("0.10") @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal commissionRate,
        @DefaultValue("PT1M") @NotNull Duration startCheck) {
}
