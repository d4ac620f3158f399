package coop.izek.system.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import coop.izek.system.Platform;
import tools.jackson.databind.JsonNode;

/** A member's share holding as staff read it, to check the register against the payments a burst acknowledged. */
final class Register {

    private final Platform platform;
    private final String staff;
    private final String member;

    Register(Platform platform, String staff, String member) {
        this.platform = platform;
        this.staff = staff;
        this.member = member;
    }

    int paidShares() {
        return holding().get("totals").get("paidShares").asInt();
    }

    /**
     * How far the register is from what the client was told: the member's paid shares against those before plus one
     * per acknowledged payment, and each acknowledged payment's reference on exactly one line.
     */
    long off(int paidBefore, List<RetryingClient.Answer> payments) {
        var acknowledged = payments.stream().filter(a -> a.status() == 201).toList();
        var holding = holding();
        long off = Math.abs(holding.get("totals").get("paidShares").asInt() - (paidBefore + acknowledged.size()));
        for (var payment : acknowledged) {
            var reference = Platform.JSON.readTree(payment.write().body()).get("reference").asString();
            long lines = 0;
            for (var line : holding.get("lines")) {
                if (reference.equals(line.path("reference").asString())) {
                    lines++;
                }
            }
            off += Math.abs(lines - 1);
        }
        return off;
    }

    private JsonNode holding() {
        var response = platform.get("/api/membership/members/" + member + "/shares", staff);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return platform.json(response);
    }
}
