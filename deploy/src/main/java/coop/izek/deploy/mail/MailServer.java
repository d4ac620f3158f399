package coop.izek.deploy.mail;

import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

/**
 * The platform's own mail server for the embedded default and the tests: real SMTP in, real IMAP out, on one host.
 * Every address that receives mail has a mailbox; an IMAP client signs in with the address and any password.
 * Mail is kept in memory: it is a local mail catcher, not a mail store.
 */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final String host;

    private MailServer(GreenMail greenMail, String host) {
        this.greenMail = greenMail;
        this.host = host;
    }

    /** Port 0 picks free ports. */
    public static MailServer start(String host, int smtpPort, int imapPort) {
        var greenMail = new GreenMail(new ServerSetup[] {
                setup(smtpPort, host, ServerSetup.PROTOCOL_SMTP), setup(imapPort, host, ServerSetup.PROTOCOL_IMAP)});
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new MailServer(greenMail, host);
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
