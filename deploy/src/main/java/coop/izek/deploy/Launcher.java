package coop.izek.deploy;

import java.nio.file.Path;

/** {@code ./izek up [--demo] [--fresh]}: starts the whole platform in the foreground; SIGINT or SIGTERM stops it. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getenv(), Path.of(System.getProperty("izek.home", ".")).toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println("izek: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        var platform = new LocalPlatform(options);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "izek-stop"));
        try {
            platform.start();
        } catch (RuntimeException e) {
            System.err.println("izek: " + e.getMessage());
            System.exit(1);
        }
        platform.awaitStop();
    }
}
