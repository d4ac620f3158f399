package coop.izek.membership.members;

import java.time.Clock;
import java.time.Duration;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Finishes register lines whose effect on the member was cut off by a crash (the line and the holding are two writes). */
@Component
class RegisterRepair {

    private final Members members;
    private final Clock clock;

    RegisterRepair(Members members, Clock clock) {
        this.members = members;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT10S")
    void applyInterruptedLines() {
        members.applyPending(clock.instant().minus(Duration.ofSeconds(10)));
    }
}
