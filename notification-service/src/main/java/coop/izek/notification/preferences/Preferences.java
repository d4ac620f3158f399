package coop.izek.notification.preferences;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.notification.messages.Category;
import coop.izek.notification.messages.Channel;

/**
 * How a person wants to hear from the cooperative: language, channels, quiet hours (İzmir time), per-category choices
 * and a phone number for SMS. Security and cancellation messages go by email and in-app whatever is chosen.
 */
@Document("preferences")
public record Preferences(@Id String personId, String locale, Map<Channel, Boolean> channels, QuietHours quietHours,
                          Map<Category, Map<Channel, Boolean>> categories, String phone) {

    /** From {@code start} to {@code end} ("HH:mm"), across midnight when end is before start. */
    public record QuietHours(String start, String end) {

        static final QuietHours DEFAULT = new QuietHours("22:00", "08:00");

        /** When a message that may wait is let out: now, or the end of the quiet window it falls in. */
        Instant release(Instant now, ZoneId zone) {
            var local = now.atZone(zone);
            var time = local.toLocalTime();
            var from = LocalTime.parse(start);
            var until = LocalTime.parse(end);
            if (from.equals(until)) {
                return now;
            }
            boolean crossesMidnight = until.isBefore(from);
            boolean quiet = crossesMidnight ? !time.isBefore(from) || time.isBefore(until) : !time.isBefore(from) && time.isBefore(until);
            if (!quiet) {
                return now;
            }
            LocalDate day = crossesMidnight && !time.isBefore(from) ? local.toLocalDate().plusDays(1) : local.toLocalDate();
            return day.atTime(until).atZone(zone).toInstant();
        }
    }

    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    static Preferences defaults(String personId, String locale) {
        var channels = new EnumMap<Channel, Boolean>(Channel.class);
        channels.put(Channel.EMAIL, true);
        channels.put(Channel.IN_APP, true);
        channels.put(Channel.SMS, false);
        return new Preferences(personId, locale == null ? "tr" : locale, channels, QuietHours.DEFAULT, Map.of(), null);
    }

    /** Whether a message of this category goes out on this channel. */
    public boolean wants(Category category, Channel channel) {
        if (channel == Channel.SMS && (phone == null || !Boolean.TRUE.equals(channels.get(Channel.SMS)))) {
            return false;
        }
        if (category.alwaysGoes() && channel != Channel.SMS) {
            return true;
        }
        return Boolean.TRUE.equals(channels.get(channel)) && categories.getOrDefault(category, Map.of()).getOrDefault(channel, true);
    }

    /** When a message may go out: urgent ones, account ones and in-app ones at once, others after the quiet hours. */
    public Instant release(Category category, Channel channel, Instant now) {
        if (!category.waitsForQuietHoursToEnd() || channel == Channel.IN_APP || channel == Channel.WEBHOOK) {
            return now;
        }
        return (quietHours == null ? QuietHours.DEFAULT : quietHours).release(now, ISTANBUL);
    }
}
