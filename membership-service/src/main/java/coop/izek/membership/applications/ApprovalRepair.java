package coop.izek.membership.applications;

import java.time.Clock;
import java.time.Duration;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Creates the member for approvals a crash cut short (the decision and the member are two writes). */
@Component
class ApprovalRepair {

    private final Applications applications;
    private final Clock clock;

    ApprovalRepair(Applications applications, Clock clock) {
        this.applications = applications;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT10S")
    void completeInterruptedApprovals() {
        applications.completeInterruptedApprovals(clock.instant().minus(Duration.ofSeconds(10)));
    }
}
