package coop.izek.deploy.mail;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The platform's own mail server for the embedded default and the tests: real SMTP in, real IMAP out, on one host.
 * Every address that receives mail has a mailbox; an IMAP client signs in with the address and any password.
 * Given a folder, every message is written there before SMTP answers that it was accepted, and read back into the
 * mailboxes on the next start, so a restart (or a kill) loses no mail; without one, mail is kept in memory only.
 */
public final class MailServer implements AutoCloseable {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private final GreenMail greenMail;
    private final String host;

    private MailServer(GreenMail greenMail, String host) {
        this.greenMail = greenMail;
        this.host = host;
    }

    /** Port 0 picks free ports. */
    public static MailServer start(String host, int smtpPort, int imapPort) {
        return start(host, smtpPort, imapPort, null);
    }

    /** Keeps the mailboxes in {@code folder} (null: in memory only). */
    public static MailServer start(String host, int smtpPort, int imapPort, Path folder) {
        var greenMail = new OneMailboxPerAddress(new ServerSetup[] {
                setup(smtpPort, host, ServerSetup.PROTOCOL_SMTP), setup(imapPort, host, ServerSetup.PROTOCOL_IMAP)});
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        if (folder != null) {
            var users = greenMail.getUserManager();
            reload(users, folder);
            var deliver = users.getMessageDeliveryHandler();
            users.setMessageDeliveryHandler((message, recipient) -> {
                keep(folder, recipient.getEmail(), message.getMessage());
                return deliver.handle(message, recipient);
            });
        }
        return new MailServer(greenMail, host);
    }

    /** One file per message and recipient, written whole (renamed into place) before the message is delivered. */
    private static void keep(Path folder, String recipient, MimeMessage message) throws MessagingException {
        try {
            var mailbox = Files.createDirectories(folder.resolve(URLEncoder.encode(recipient.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8)));
            // Named in the order received: the time, then a counter for messages within one millisecond.
            var name = String.format("%013d-%010d.eml", System.currentTimeMillis(), SEQUENCE.incrementAndGet());
            var partial = mailbox.resolve(name + ".partial");
            try (var out = Files.newOutputStream(partial)) {
                message.writeTo(out);
            }
            Files.move(partial, mailbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MessagingException("Cannot keep the message for " + recipient, e);
        }
    }

    /** Every kept message back into its recipient's mailbox, oldest first. */
    private static void reload(UserManager users, Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        var session = Session.getInstance(new Properties());
        try (Stream<Path> mailboxes = Files.list(folder)) {
            for (var mailbox : mailboxes.filter(Files::isDirectory).sorted().toList()) {
                var recipient = URLDecoder.decode(mailbox.getFileName().toString(), StandardCharsets.UTF_8);
                var user = users.getUserByEmail(recipient);
                if (user == null) {
                    user = users.createUser(recipient, recipient, recipient);
                }
                try (Stream<Path> files = Files.list(mailbox)) {
                    for (var file : files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted().toList()) {
                        try (var in = Files.newInputStream(file)) {
                            user.deliver(new MimeMessage(session, in));
                        }
                    }
                }
            }
        } catch (IOException | MessagingException | UserException e) {
            throw new IllegalStateException("Cannot read the kept mail in " + folder, e);
        }
    }

    /**
     * GreenMail makes a mailbox on an address's first sign-in and on its first delivery, each by checking and then
     * creating; when two meet, one fails, and a mail program's sign-in is dropped. Here the mailbox is made once.
     */
    private static final class OneMailboxPerAddress extends GreenMail {
        OneMailboxPerAddress(ServerSetup[] setups) {
            super(setups);
            // Read by start(), which makes the servers.
            managers = new Managers() {
                private final UserManager users = new UserManager(getImapHostManager()) {
                    @Override
                    public synchronized GreenMailUser createUser(String email, String login, String password) throws UserException {
                        var existing = getUserByEmail(email);
                        return existing != null && existing.getLogin().equalsIgnoreCase(login) ? existing
                                : super.createUser(email, login, password);
                    }
                };
                private final SmtpManager smtp = new SmtpManager(getImapHostManager(), users);

                @Override
                public UserManager getUserManager() {
                    return users;
                }

                @Override
                public SmtpManager getSmtpManager() {
                    return smtp;
                }
            };
        }
    }

    private static ServerSetup setup(int port, String host, String protocol) {
        var setup = new ServerSetup(port, host, protocol);
        return port == 0 ? setup.dynamicPort() : setup;
    }

    public String host() {
        return host;
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    /** The recipient in {@code domain} of every message received so far, once per message: a census of what arrived. */
    public List<String> recipientsIn(String domain) {
        var recipients = new ArrayList<String>();
        for (var message : greenMail.getReceivedMessagesForDomain(domain)) {
            try {
                for (var address : message.getAllRecipients()) {
                    var text = ((InternetAddress) address).getAddress();
                    if (text.endsWith("@" + domain)) {
                        recipients.add(text);
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return recipients;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
