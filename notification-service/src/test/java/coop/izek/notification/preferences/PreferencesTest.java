package coop.izek.notification.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import coop.izek.notification.messages.Category;
import coop.izek.notification.messages.Channel;

class PreferencesTest {

    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    final Preferences defaults = Preferences.defaults("p-1", "tr");

    @Test
    void shouldHoldWorkshopEmailAt23UntilEightInIzmir() {
        var late = LocalDateTime.of(2026, 11, 22, 23, 0).atZone(ISTANBUL).toInstant();

        assertThat(defaults.release(Category.WORKSHOPS, Channel.EMAIL, late))
                .isEqualTo(LocalDateTime.of(2026, 11, 23, 8, 0).atZone(ISTANBUL).toInstant());
    }

    @Test
    void shouldHoldReminderSentJustAfterMidnightUntilEightTheSameDay() {
        var night = LocalDateTime.of(2026, 11, 23, 0, 30).atZone(ISTANBUL).toInstant();

        assertThat(defaults.release(Category.REMINDERS, Channel.EMAIL, night))
                .isEqualTo(LocalDateTime.of(2026, 11, 23, 8, 0).atZone(ISTANBUL).toInstant());
    }

    @Test
    void shouldLetCancellationsAccountMessagesAndInAppItemsGoAtOnceInQuietHours() {
        var late = LocalDateTime.of(2026, 11, 22, 23, 0).atZone(ISTANBUL).toInstant();

        assertThat(defaults.release(Category.CANCELLATIONS, Channel.EMAIL, late)).isEqualTo(late);
        assertThat(defaults.release(Category.ACCOUNT, Channel.EMAIL, late)).isEqualTo(late);
        assertThat(defaults.release(Category.WORKSHOPS, Channel.IN_APP, late)).isEqualTo(late);
    }

    @Test
    void shouldAlwaysSendCancellationsByEmailEvenWhenTurnedOff() {
        var prefs = new Preferences("p-1", "en", java.util.Map.of(Channel.EMAIL, false, Channel.IN_APP, true),
                Preferences.QuietHours.DEFAULT, java.util.Map.of(), null);

        assertThat(prefs.wants(Category.CANCELLATIONS, Channel.EMAIL)).isTrue();
        assertThat(prefs.wants(Category.WORKSHOPS, Channel.EMAIL)).isFalse();
    }
}
