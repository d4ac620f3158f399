package coop.izek.deploy.mail;

import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;

/** Runs the mail server as its own process: {@code MailMain <host> <smtp port> <imap port> [<folder kept across restarts>]}. */
public final class MailMain {

    private MailMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: MailMain <host> <smtp port> <imap port> [<folder>]");
            System.exit(2);
        }
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> System.err.println(withoutContent(thread, error)));
        var server = MailServer.start(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                args.length == 4 ? java.nio.file.Path.of(args[3]) : null);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mail-shutdown"));
        System.out.println("Mail server: SMTP " + server.host() + ":" + server.smtpPort() + ", IMAP " + server.host() + ":"
                + server.imapPort() + " (sign in with the recipient's address and any password)");
        stopped.await();
    }

    /**
     * A connection's thread that fails (a sender gone in the middle of a message) said so with the stack trace, whose
     * messages quote what was being read: addresses, and the message itself. The kinds of error say enough.
     */
    static String withoutContent(Thread thread, Throwable error) {
        var kinds = new StringJoiner(", caused by ");
        for (var cause = error; cause != null; cause = cause.getCause()) {
            kinds.add(cause.getClass().getName());
        }
        return "Mail server: " + thread.getName() + " ended with " + kinds;
    }
}
