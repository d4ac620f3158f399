package coop.izek.deploy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

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

    @Test
    void shouldLetMailProgramsSignInWhileTheFirstMailForTheirAddressArrives() throws Exception {
        // A first sign-in and a first delivery each make the address's mailbox; none may fail when they meet. Every
        // conversation is taken to its last line first, so the lines that make the mailbox go together.
        int signIns = 4;
        try (var server = MailServer.start("127.0.0.1", 0, 0);
                var pool = Executors.newFixedThreadPool(signIns + 1)) {
            var addresses = IntStream.range(0, 30).mapToObj(i -> "meet-" + i + "@example.org").toList();
            for (var address : addresses) {
                var together = new CyclicBarrier(signIns + 1);
                var replies = new ArrayList<Future<String>>();
                var smtp = new Conversation(server.smtpPort());
                smtp.expect("220");
                for (var line : List.of("HELO client", "MAIL FROM:<izek@example.org>", "RCPT TO:<" + address + ">")) {
                    smtp.say(line).expect("250");
                }
                smtp.say("DATA").expect("354");
                smtp.say("To: " + address + "\r\nSubject: first\r\n\r\nMerhaba");
                replies.add(pool.submit(() -> {
                    try (smtp) {
                        together.await();
                        return smtp.say(".").line();
                    }
                }));
                for (int i = 0; i < signIns; i++) {
                    var imap = new Conversation(server.imapPort());
                    imap.expect("* OK");
                    replies.add(pool.submit(() -> {
                        try (imap) {
                            together.await();
                            return imap.say("a1 LOGIN " + address + " any").line();
                        }
                    }));
                }
                assertThat(replies.removeFirst().get()).as(address).startsWith("250");
                for (var signedIn : replies) {
                    assertThat(signedIn.get()).as(address).startsWith("a1 OK");
                }
            }
            assertThat(server.recipientsIn("example.org")).containsExactlyInAnyOrderElementsOf(addresses);
        }
    }

    /** A plain-text mail protocol conversation, a line at a time. */
    private static final class Conversation implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final Writer out;

        Conversation(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
        }

        Conversation say(String line) throws IOException {
            out.write(line + "\r\n");
            out.flush();
            return this;
        }

        /** The reply's last line: an SMTP reply's earlier lines have a hyphen after the code. */
        String line() throws IOException {
            var line = in.readLine();
            while (line != null && line.matches("\\d{3}-.*")) {
                line = in.readLine();
            }
            return line == null ? "(connection dropped)" : line;
        }

        void expect(String start) throws IOException {
            var line = line();
            assertThat(line).startsWith(start);
        }

        @Override
        public void close() throws IOException {
            socket.close();
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
    private static List<String> subjects(int imapPort, String address) throws Exception {
        var store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imapPort, address, "any");
        try {
            var inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            var subjects = new ArrayList<String>();
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
