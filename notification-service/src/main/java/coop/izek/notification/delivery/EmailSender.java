package coop.izek.notification.delivery;

import java.nio.charset.StandardCharsets;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import coop.izek.notification.directory.Directory;
import coop.izek.notification.messages.AccountLinks;
import coop.izek.notification.messages.Channel;
import coop.izek.notification.messages.MessageTemplates;
import coop.izek.notification.preferences.PreferenceStore;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;

/**
 * Email over SMTP, plain text in UTF-8. The {@link ChannelSender.Handover} is told as soon as the final "." of the
 * message's data is written, before the server's answer is read: from then on the server has the message whole and
 * takes it whatever becomes of this instance. The Message-ID is made from the delivery, so should a crash make a
 * message go twice all the same, mail clients see one message.
 */
@Component
class EmailSender implements ChannelSender {

    static {
        // Unnamed, jakarta.mail finds its stream provider with a ServiceLoader search of every jar, again for each subject
        // and body it encodes: 13 % of the mail thread's CPU in the profile of an enrolment rush. Named, it is one class lookup.
        if (System.getProperty(StreamProvider.class.getName()) == null) {
            System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
        }
    }

    private final JavaMailSenderImpl mail;
    private final Directory directory;
    private final PreferenceStore preferences;
    private final MessageTemplates templates;
    private final DeliveryProperties properties;
    private final AccountLinks links;

    EmailSender(JavaMailSenderImpl mail, Directory directory, PreferenceStore preferences, MessageTemplates templates,
                DeliveryProperties properties, AccountLinks links) {
        this.links = links;
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
    public Sent send(Delivery delivery, Handover handover) throws MessagingException {
        var recipient = recipient(delivery);
        InternetAddress to;
        try {
            to = new InternetAddress(recipient.address(), true);
        } catch (AddressException e) {
            throw new Undeliverable("Not an email address: " + recipient.address());
        }
        var rendered = templates.render(delivery.kind, recipient.locale(), links.withLink(delivery.values, recipient.locale()));
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
        transmit(mail, message, () -> handover.handed(recipient.address(), rendered.subject()));
        return new Sent(recipient.address(), rendered.subject());
    }

    /**
     * Sends one message over a connection of its own, as {@link JavaMailSenderImpl#send} does, with the configured
     * session, server and credentials, and runs {@code handedOver} once the message's data has been written whole.
     * Once the message has gone, a failure to close the connection is no failure to send.
     */
    static void transmit(JavaMailSenderImpl mail, MimeMessage message, Runnable handedOver) throws MessagingException {
        message.setSentDate(new java.util.Date());
        message.saveChanges();
        // The protocol as JavaMailSenderImpl finds it (its settings hold none unless spring.mail.protocol is set).
        var protocol = mail.getProtocol();
        if (protocol == null) {
            protocol = mail.getSession().getProperty("mail.transport.protocol");
        }
        var transport = new HandingOverTransport(mail.getSession(), protocol != null ? protocol : JavaMailSenderImpl.DEFAULT_PROTOCOL,
                handedOver);
        transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } finally {
            try {
                transport.close();
            } catch (MessagingException afterTheMessage) {
                // Nothing to do: the message's fate was settled by the server's answer to its data.
            }
        }
    }

    /** SMTP that runs a callback right after writing the "." that ends the message's data (and before reading the answer). */
    private static final class HandingOverTransport extends SMTPTransport {

        private final Runnable handedOver;

        /** {@code protocol}: smtp or smtps; it names the {@code mail.<protocol>.*} settings the transport reads. */
        HandingOverTransport(Session session, String protocol, Runnable handedOver) {
            super(session, new URLName(protocol, null, -1, null, null, null), protocol, "smtps".equals(protocol));
            this.handedOver = handedOver;
        }

        @Override
        protected void sendCommand(String command) throws MessagingException {
            super.sendCommand(command);
            if (".".equals(command)) {
                handedOver.run();
            }
        }
    }

    private record Recipient(String address, String locale) {
    }

    /** A person at their address in their language; an organisation at its contact address in its country's. */
    private Recipient recipient(Delivery delivery) {
        if (delivery.toAddress != null) {
            return new Recipient(delivery.toAddress, delivery.locale);
        }
        if (delivery.personId == null) {
            var organisation = directory.organisation(delivery.organisationId)
                    .orElseThrow(() -> new IllegalStateException("No address known yet for organisation " + delivery.organisationId));
            if (organisation.contactEmail() == null || organisation.contactEmail().isBlank()) {
                throw new Undeliverable("The organisation has no contact email");
            }
            return new Recipient(organisation.contactEmail(), organisation.locale());
        }
        var person = directory.person(delivery.personId)
                .orElseThrow(() -> new IllegalStateException("No address known yet for person " + delivery.personId));
        return new Recipient(person.email(), preferences.of(delivery.personId).locale());
    }
}
