package coop.izek.deploy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

class MailServerTest {

    @TempDir
    Path folder;

    @Test
    void shouldKeepEveryMailboxAcrossARestartWhenGivenAFolder() throws Exception {
        int smtp;
        try (var server = MailServer.start("127.0.0.1", 0, 0, folder)) {
            smtp = server.smtpPort();
            send(smtp, "first", "deniz@example.org", "ayse@example.org");
            send(smtp, "second", "deniz@example.org");
        }

        try (var again = MailServer.start("127.0.0.1", 0, 0, folder)) {
            assertThat(subjects(again.imapPort(), "deniz@example.org")).containsExactly("first", "second");
            assertThat(subjects(again.imapPort(), "ayse@example.org")).containsExactly("first");

            send(again.smtpPort(), "third", "ayse@example.org");
        }
        try (var third = MailServer.start("127.0.0.1", 0, 0, folder)) {
            assertThat(subjects(third.imapPort(), "ayse@example.org")).containsExactly("first", "third");
        }
    }

    @Test
    void shouldForgetMailOnARestartWithoutAFolder() throws Exception {
        try (var server = MailServer.start("127.0.0.1", 0, 0)) {
            send(server.smtpPort(), "gone", "deniz@example.org");
        }
        try (var again = MailServer.start("127.0.0.1", 0, 0)) {
            assertThat(again.recipientsIn("example.org")).isEmpty();
        }
    }

    private static void send(int smtpPort, String subject, String... to) throws Exception {
        var properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(smtpPort));
        var message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("izek@example.org"));
        for (var recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject);
        message.setText("Merhaba " + subject);
        Transport.send(message);
    }

    /** Read over IMAP, as a person's mail program would. */
    private static java.util.List<String> subjects(int imapPort, String address) throws Exception {
        var store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imapPort, address, "any");
        try {
            var inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            var subjects = new java.util.ArrayList<String>();
            for (var message : inbox.getMessages()) {
                subjects.add(message.getSubject());
            }
            inbox.close(false);
            return subjects;
        } finally {
            store.close();
        }
    }
}
