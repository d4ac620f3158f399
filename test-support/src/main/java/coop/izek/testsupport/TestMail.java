package coop.izek.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import coop.izek.deploy.mail.MailServer;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A real mail server once per test JVM (SMTP in, IMAP out), and reading a mailbox back over IMAP, the way a
 * person's mail client would.
 */
public final class TestMail {

    /** A message as it arrived: the decoded subject and plain-text body. */
    public record Received(String messageId, String from, String subject, String body) {
    }

    private static MailServer server;

    private TestMail() {
    }

    public static String host() {
        return server().host();
    }

    public static int smtpPort() {
        return server().smtpPort();
    }

    public static int imapPort() {
        return server().imapPort();
    }

    /** How many messages each address in {@code domain} received, from the server's own count (quick for many mailboxes). */
    public static java.util.Map<String, Long> countsIn(String domain) {
        return server().recipientsIn(domain).stream().collect(java.util.stream.Collectors.groupingBy(a -> a,
                java.util.stream.Collectors.counting()));
    }

    /** Everything in {@code address}'s inbox, oldest first, read over IMAP. */
    public static List<Received> inbox(String address) {
        return inbox(host(), imapPort(), address);
    }

    /** The same from another mail server of the platform's kind (the one {@code ./izek up} runs). */
    public static List<Received> inbox(String host, int imapPort, String address) {
        return readInbox(host, imapPort, address, new Properties(), folder -> {
            var received = new ArrayList<Received>();
            for (var message : folder.getMessages()) {
                var mime = (MimeMessage) message;
                received.add(new Received(mime.getMessageID(), mime.getFrom()[0].toString(), mime.getSubject(), text(mime)));
            }
            return received;
        });
    }

    /** A message as its envelope gives it: the Message-ID (mail clients show one message per id) and the subject. */
    public record Envelope(String messageId, String subject) {
    }

    /**
     * The envelopes in {@code address}'s inbox, oldest first, in one IMAP round trip, where reading whole messages takes
     * several per message (a soak's mailboxes hold hundreds). A server that stops answering fails the read within
     * seconds rather than holding the caller.
     */
    public static List<Envelope> envelopes(String host, int imapPort, String address) {
        var properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "5000");
        properties.put("mail.imap.timeout", "30000");
        return readInbox(host, imapPort, address, properties, folder -> {
            var messages = folder.getMessages();
            var envelopes = new jakarta.mail.FetchProfile();
            envelopes.add(jakarta.mail.FetchProfile.Item.ENVELOPE);
            folder.fetch(messages, envelopes);
            var envelopesRead = new ArrayList<Envelope>();
            for (var message : messages) {
                envelopesRead.add(new Envelope(((MimeMessage) message).getMessageID(), message.getSubject()));
            }
            return envelopesRead;
        });
    }

    private interface InboxReading<T> {
        T read(Folder inbox) throws MessagingException, java.io.IOException;
    }

    /** Signs in to {@code address}'s mailbox over IMAP and reads its inbox, read-only. */
    private static <T> T readInbox(String host, int imapPort, String address, Properties properties, InboxReading<T> reading) {
        try (var store = Session.getInstance(properties).getStore("imap")) {
            store.connect(host, imapPort, address, "any-password");
            var folder = store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            try {
                return reading.read(folder);
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException("Reading " + address + "'s mailbox over IMAP failed", e);
        }
    }

    private static String text(MimeMessage message) throws MessagingException, java.io.IOException {
        var content = message.getContent();
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return (String) part.getContent();
                }
                if (part.getContent() instanceof jakarta.mail.Multipart) {
                    var nested = (jakarta.mail.Multipart) part.getContent();
                    for (int j = 0; j < nested.getCount(); j++) {
                        if (nested.getBodyPart(j).isMimeType("text/plain")) {
                            return (String) nested.getBodyPart(j).getContent();
                        }
                    }
                }
            }
        }
        return "";
    }

    private static synchronized MailServer server() {
        if (server == null) {
            server = MailServer.start("127.0.0.1", 0, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-mail-shutdown"));
        }
        return server;
    }
}
