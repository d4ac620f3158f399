package coop.izek.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import coop.izek.notification.NotificationIntegrationTest;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.EventSender;
import coop.izek.testsupport.TestClock;
import coop.izek.testsupport.TestTokens;

@NotificationIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SmsDeliveryIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    RestTestClient client;

    @BeforeEach
    void setUp() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        // Daytime in İzmir: quiet hours would hold the SMS back.
        clock.advanceToNextIzmirTime(LocalTime.of(10, 0));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldSayPlainlyThatNoSmsLeftTheMachineWithoutAProvider(CapturedOutput output) {
        var personId = UUID.randomUUID().toString();
        var bearer = "Bearer " + TestTokens.forPerson(personId);
        try (var sender = EventSender.create()) {
            sender.send(Topics.MEMBERSHIP, MembershipEvents.PERSON_REGISTERED.name(), personId, EventContracts.sample(
                    MembershipEvents.PERSON_REGISTERED, Map.of("personId", personId, "email", personId + "@izek.test", "fullName", "Hatice Demir")));
        }
        client.put().uri("/api/notifications/preferences").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("locale", "tr", "channels", Map.of("EMAIL", true, "IN_APP", true, "SMS", true), "phone", "+905321234567"))
                .exchange().expectStatus().isOk();

        try (var probe = EventProbe.on(Topics.NOTIFICATION); var sender = EventSender.create()) {
            sender.send(Topics.MEMBERSHIP, MembershipEvents.MEMBER_ACTIVATED.name(), personId, EventContracts.sample(
                    MembershipEvents.MEMBER_ACTIVATED, Map.of("memberId", "m-7", "personId", personId, "memberNumber", "IZEK-000107")));
            var sent = probe.await(e -> e.type().endsWith("notification-sent.v1") && e.body().contains(personId)
                    && e.body().contains("\"SMS\""));
            assertThat(sent.body()).contains("\"outcome\":\"LOGGED_ONLY\"");
        }

        client.get().uri("/api/notifications/deliveries?personId={p}&channel=SMS", personId)
                .header("Authorization", "Bearer " + TestTokens.forPerson("staff", "ADMIN")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].status").isEqualTo("LOGGED_ONLY")
                .jsonPath("$.items[0].address").isEqualTo("+905321234567")
                .jsonPath("$.items[0].subject").isEqualTo("Üyeliğiniz etkinleşti")
                .jsonPath("$.items[0].note").value(note -> assertThat((String) note).contains("SMS NOT SENT", "did not leave the machine"));
        // The log says an SMS was not sent, but neither to whom nor what: logs outlive erasure.
        assertThat(output.getAll()).contains("SMS NOT SENT").doesNotContain("+905321234567").doesNotContain("5321234567")
                .doesNotContain("Üyeliğiniz etkinleşti").doesNotContain("Hatice Demir");
    }
}
