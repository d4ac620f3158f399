package coop.izek.deploy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;

import org.junit.jupiter.api.Test;

class MailMainTest {

    /** As GreenMail's SMTP handler fails when the sender's connection is reset during DATA. */
    @Test
    void shouldReportAFailedConnectionWithoutWhatItWasReading() {
        var reset = new IllegalStateException("Unexpected error handling connection", new IllegalStateException(
                "Can not read line, read 109 bytes: Return-Path: <bildirim@izek.local>\\r\\nTo: deniz@example.org",
                new SocketException("Connection reset")));

        var said = MailMain.withoutContent(new Thread("smtp:127.0.0.1:3025<-/127.0.0.1:42536"), reset);

        assertThat(said).doesNotContain("@izek.local", "deniz@example.org", "Return-Path")
                .contains("smtp:127.0.0.1:3025", "java.lang.IllegalStateException", "java.net.SocketException");
    }
}
