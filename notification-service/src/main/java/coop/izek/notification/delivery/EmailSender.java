package coop.izek.notification.delivery;

import java.nio.charset.StandardCharsets;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import coop.izek.notification.directory.Directory;
import coop.izek.notification.messages.Channel;
import coop.izek.notification.messages.MessageTemplates;
import coop.izek.notification.preferences.PreferenceStore;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Email over SMTP, plain text in UTF-8. The Message-ID is made from the delivery, so should a crash make a message
 * go twice, mail clients see one message.
 */
@Component
class EmailSender implements ChannelSender {

    private final JavaMailSenderImpl mail;
    private final Directory directory;
    private final PreferenceStore preferences;
    private final MessageTemplates templates;
    private final DeliveryProperties properties;

    EmailSender(JavaMailSenderImpl mail, Directory directory, PreferenceStore preferences, MessageTemplates templates,
                DeliveryProperties properties) {
        this.mail = mail;
        this.directory = directory;
        this.preferences = preferences;
        this.templates = templates;
        this.properties = properties;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Sent send(Delivery delivery) throws MessagingException {
        var person = directory.person(delivery.personId)
                .orElseThrow(() -> new IllegalStateException("No address known yet for person " + delivery.personId));
        InternetAddress to;
        try {
            to = new InternetAddress(person.email(), true);
        } catch (AddressException e) {
            throw new Undeliverable("Not an email address: " + person.email());
        }
        var rendered = templates.render(delivery.kind, preferences.of(delivery.personId).locale(), delivery.values);
        var messageId = "<" + delivery.id.replace(':', '.') + "@izek.coop>";
        var message = new MimeMessage(mail.getSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(properties.from(), false));
        message.setRecipient(jakarta.mail.Message.RecipientType.TO, to);
        message.setSubject(rendered.subject(), StandardCharsets.UTF_8.name());
        message.setText(rendered.body(), StandardCharsets.UTF_8.name());
        mail.send(message);
        return new Sent(person.email(), rendered.subject(), Delivery.Status.SENT);
    }
}
