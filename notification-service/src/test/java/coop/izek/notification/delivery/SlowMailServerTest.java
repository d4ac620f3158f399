package coop.izek.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The service's own mail settings against an SMTP server that takes a message, answers it only after twelve seconds
 * (a server busy or briefly frozen) and never answers QUIT: the message is sent once, without an error that would
 * make the dispatcher send it again. (With the earlier 10-second reply timeout, or waiting for QUIT's reply, the send
 * failed after the server had taken the message, and the retry delivered it twice: the resilience suite's frozen mail
 * server found it.)
 */
class SlowMailServerTest {

    @Test
    void shouldSendOnceWhenTheServerIsSlowToConfirmAndNeverAnswersQuit() throws Exception {
        try (var server = new SlowSmtpServer(Duration.ofSeconds(12))) {
            var mail = new JavaMailSenderImpl();
            mail.setHost("127.0.0.1");
            mail.setPort(server.port());
            mail.setJavaMailProperties(serviceMailProperties());
            var message = mail.createMimeMessage();
            message.setFrom("bildirim@izek.local");
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, "ayse@example.org");
            message.setSubject("Kaydınız onaylandı", "UTF-8");
            message.setText("Merhaba", "UTF-8");

            mail.send(message);

            assertThat(server.messages.get()).isEqualTo(1);
        }
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

    /** Just enough SMTP for one client: slow after the message's data, silent after QUIT. */
    static final class SlowSmtpServer implements AutoCloseable {

        final AtomicInteger messages = new AtomicInteger();
        private final ServerSocket socket;
        private final Duration confirmAfter;
        private final CountDownLatch closed = new CountDownLatch(1);

        SlowSmtpServer(Duration confirmAfter) throws IOException {
            this.confirmAfter = confirmAfter;
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

        private void converse(Socket client) {
            try (client; var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                 var out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                out.print("220 slow.test ESMTP\r\n");
                out.flush();
                for (var line = in.readLine(); line != null; line = in.readLine()) {
                    var command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                    switch (command) {
                        case "DATA" -> {
                            reply(out, "354 go ahead");
                            for (var data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                                // the message's lines
                            }
                            messages.incrementAndGet();
                            closed.await(confirmAfter.toMillis(), TimeUnit.MILLISECONDS);
                            reply(out, "250 queued");
                        }
                        case "QUIT" -> closed.await();
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
            closed.countDown();
            socket.close();
        }
    }
}
