package coop.izek.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * How {@link EmailSender} talks to an SMTP server, with the service's own mail settings, against a server scripted
 * for each case.
 */
class EmailTransmissionTest {

    /**
     * A server that takes a message, answers it only after twelve seconds (busy or briefly frozen) and never answers
     * QUIT: the message is sent once, without an error that would make the dispatcher send it again. (With the earlier
     * 10-second reply timeout, or waiting for QUIT's reply, the send failed after the server had taken the message, and
     * the retry delivered it twice: the resilience suite's frozen mail server found it.)
     */
    @Test
    void shouldSendOnceWhenTheServerIsSlowToConfirmAndNeverAnswersQuit() throws Exception {
        try (var server = new ScriptedSmtpServer(Duration.ofSeconds(12), "250 queued")) {
            EmailSender.transmit(mailer(server), message(server), () -> { });

            assertThat(server.messages.get()).isEqualTo(1);
        }
    }

    /**
     * The handover is told when the server holds the whole message and before its answer is read: the server here
     * answers only once told (or after ten seconds, and then the test fails), and the handover waits to see that the
     * server has the message's last line.
     */
    @Test
    void shouldTellTheHandoverAfterTheMessagesLastLineAndBeforeTheServersAnswer() throws Exception {
        try (var server = new ScriptedSmtpServer(Duration.ofSeconds(10), "250 queued")) {
            var handovers = new AtomicInteger();
            var serverHadItWhole = new AtomicInteger();
            var answeredBefore = new AtomicInteger();

            EmailSender.transmit(mailer(server), message(server), () -> {
                handovers.incrementAndGet();
                if (await().atMost(Duration.ofSeconds(5)).until(server.messages::get, n -> n == 1) == 1) {
                    serverHadItWhole.incrementAndGet();
                }
                answeredBefore.set(server.answered.get());
                server.release();
            });

            assertThat(handovers.get()).isEqualTo(1);
            assertThat(serverHadItWhole.get()).isEqualTo(1);
            assertThat(answeredBefore.get()).isZero();
            assertThat(server.answered.get()).isEqualTo(1);
        }
    }

    /** A server that refuses the message after taking its data: the send fails (and is tried again), handover or not. */
    @Test
    void shouldFailWhenTheServerRefusesTheMessageAfterItsData() throws Exception {
        try (var server = new ScriptedSmtpServer(Duration.ZERO, "554 refused")) {
            var handovers = new AtomicInteger();

            assertThatThrownBy(() -> EmailSender.transmit(mailer(server), message(server), handovers::incrementAndGet))
                    .isInstanceOf(MessagingException.class);
            assertThat(handovers.get()).isEqualTo(1);
        }
    }

    private static JavaMailSenderImpl mailer(ScriptedSmtpServer server) {
        var mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(server.port());
        mail.setJavaMailProperties(serviceMailProperties());
        return mail;
    }

    private static MimeMessage message(ScriptedSmtpServer server) throws MessagingException {
        var message = new MimeMessage(jakarta.mail.Session.getInstance(new Properties()));
        message.setFrom("bildirim@izek.local");
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, "ayse@example.org");
        message.setSubject("Kaydınız onaylandı", "UTF-8");
        message.setText("Merhaba\r\n.\r\nBir nokta tek başına bir satırda", "UTF-8");
        return message;
    }

    /** {@code spring.mail.properties} as the service's application.yml sets them. */
    static Properties serviceMailProperties() {
        var yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        var mail = new Properties();
        yaml.getObject().forEach((key, value) -> {
            var name = key.toString();
            if (name.startsWith("spring.mail.properties")) {
                mail.put(name.substring(name.indexOf('[') + 1, name.lastIndexOf(']')), value.toString());
            }
        });
        assertThat(mail).containsKey("mail.smtp.timeout");
        return mail;
    }

    /**
     * Just enough SMTP for one client: after the message's data it waits until released (or {@code answerAfter}), then
     * gives {@code answer}; silent after QUIT.
     */
    static final class ScriptedSmtpServer implements AutoCloseable {

        /** Messages whose data ended (the line holding only "."). */
        final AtomicInteger messages = new AtomicInteger();
        /** Answers given to a message's data. */
        final AtomicInteger answered = new AtomicInteger();
        private final ServerSocket socket;
        private final Duration answerAfter;
        private final String answer;
        private final CountDownLatch released = new CountDownLatch(1);

        ScriptedSmtpServer(Duration answerAfter, String answer) throws IOException {
            this.answerAfter = answerAfter;
            this.answer = answer;
            this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        var client = socket.accept();
                        Thread.ofVirtual().start(() -> converse(client));
                    } catch (IOException stopped) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        /** Lets the server answer the message's data now. */
        void release() {
            released.countDown();
        }

        private void converse(Socket client) {
            try (client; var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                 var out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                reply(out, "220 scripted.test ESMTP");
                for (var line = in.readLine(); line != null; line = in.readLine()) {
                    var command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                    switch (command) {
                        case "DATA" -> {
                            reply(out, "354 go ahead");
                            for (var data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                                // the message's lines (a "." of the text comes dot-stuffed, as "..")
                            }
                            messages.incrementAndGet();
                            released.await(answerAfter.toMillis(), TimeUnit.MILLISECONDS);
                            answered.incrementAndGet();
                            reply(out, answer);
                        }
                        case "QUIT" -> released.await();
                        default -> reply(out, "250 ok");
                    }
                }
            } catch (IOException | InterruptedException gone) {
                // the client went away, or the test is over
            }
        }

        private static void reply(PrintWriter out, String line) {
            out.print(line + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws IOException {
            released.countDown();
            socket.close();
        }
    }
}
