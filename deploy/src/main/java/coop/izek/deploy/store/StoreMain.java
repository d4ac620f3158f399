package coop.izek.deploy.store;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Runs the embedded store as its own process: {@code StoreMain <data folder> <host> <port>}. */
public final class StoreMain {

    private StoreMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: StoreMain <data folder> <host> <port>");
            System.exit(2);
        }
        var store = EmbeddedMongoStore.onDisk(Path.of(args[0]), args[1], Integer.parseInt(args[2]));
        store.onBroken(() -> {
            System.err.println("The store's file store closed itself after a failed write; stopping, to be started again on its last commit");
            // Not exit: the shutdown hook would close what is already closed, and wait for connections to drain.
            Runtime.getRuntime().halt(70);
        });
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            store.close();
            stopped.countDown();
        }, "store-shutdown"));
        System.out.println("MongoDB-protocol store listening on " + store.connectionString() + ", data in " + args[0]);
        stopped.await();
    }
}
