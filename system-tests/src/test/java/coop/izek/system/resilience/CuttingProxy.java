package coop.izek.system.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of the gateway that cuts the connection once the answer has begun to come back,
 * for the first {@code cuts} answers: the request was handled, the client never hears how. Later connections pass.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final AtomicInteger cutsLeft;
    final AtomicInteger cut = new AtomicInteger();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    CuttingProxy(int target, int cuts) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.cutsLeft = new AtomicInteger(cuts);
        threads.submit(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                var client = server.accept();
                var upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                threads.submit(() -> pump(client.getInputStream(), upstream.getOutputStream(), upstream, client, false));
                threads.submit(() -> pump(upstream.getInputStream(), client.getOutputStream(), upstream, client, true));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private Void pump(InputStream from, OutputStream to, Socket upstream, Socket client, boolean answers) {
        var buffer = new byte[8192];
        try (upstream; client) {
            for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                if (answers && cutsLeft.getAndDecrement() > 0) {
                    // The answer is here and goes no further.
                    cut.incrementAndGet();
                    return null;
                }
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException closed) {
            // Either side went away: so does the other.
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
