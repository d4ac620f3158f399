package coop.izek.system.benchmark;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's nginx as a plain reverse proxy in front of one service, the peer the gateway is measured against: kept-alive
 * upstream connections, no access log, one worker per core.
 */
final class Nginx implements AutoCloseable {

    private final Process process;
    final int port;

    Nginx(Path folder, int port, int upstreamPort) throws IOException {
        this.port = port;
        Files.createDirectories(folder.resolve("logs"));
        var conf = folder.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  upstream service { server 127.0.0.1:%3$d; keepalive 32; }
                  server {
                    listen 127.0.0.1:%2$d;
                    location / {
                      proxy_pass http://service;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host $host;
                    }
                  }
                }
                """.formatted(folder.toAbsolutePath(), port, upstreamPort));
        process = new ProcessBuilder("nginx", "-p", folder.toAbsolutePath().toString(), "-c", conf.toAbsolutePath().toString(), "-g",
                "daemon off;").redirectErrorStream(true).redirectOutput(folder.resolve("logs").resolve("nginx.out").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            try (var socket = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
