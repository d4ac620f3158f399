package coop.izek.notification.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import coop.izek.notification.messages.Channel;
import coop.izek.notification.messages.MessageTemplates;
import coop.izek.notification.preferences.PreferenceStore;

/** SMS through the configured {@link SmsProvider}; without one, the message is logged and says so plainly. */
@Component
class SmsSender implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(SmsSender.class);
    static final String NOT_SENT = "SMS NOT SENT: no SMS provider is configured, so this message was only written to the log "
            + "and did not leave the machine.";

    private final ObjectProvider<SmsProvider> provider;
    private final PreferenceStore preferences;
    private final MessageTemplates templates;

    SmsSender(ObjectProvider<SmsProvider> provider, PreferenceStore preferences, MessageTemplates templates) {
        this.provider = provider;
        this.preferences = preferences;
        this.templates = templates;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Sent send(Delivery delivery, Handover handover) throws Exception {
        var prefs = preferences.of(delivery.personId);
        if (prefs.phone() == null) {
            throw new Undeliverable("No phone number in the person's preferences");
        }
        var rendered = templates.render(delivery.kind, prefs.locale(), delivery.values);
        var text = rendered.subject() + ": " + rendered.body();
        var configured = provider.getIfAvailable();
        if (configured != null && configured.send(prefs.phone(), text)) {
            return new Sent(prefs.phone(), rendered.subject());
        }
        // Neither the number nor the text goes to the log: both are personal data the log would keep beyond erasure.
        log.info("SMS NOT SENT (no SMS provider is configured; nothing left this machine) for delivery {}", delivery.id);
        return new Sent(prefs.phone(), rendered.subject(), DeliveryStatus.LOGGED_ONLY, NOT_SENT);
    }
}
