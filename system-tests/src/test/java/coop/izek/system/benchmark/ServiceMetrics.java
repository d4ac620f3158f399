package coop.izek.system.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A service's Prometheus endpoint (open on loopback), read for the sum of one metric's series. */
final class ServiceMetrics implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI metrics;

    ServiceMetrics(int servicePort) {
        this.metrics = URI.create("http://127.0.0.1:" + servicePort + "/actuator/prometheus");
    }

    /** The sum over the series of {@code name} whose labels contain {@code label} ("" for every series). */
    long sum(String name, String label) throws IOException, InterruptedException {
        var body = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        return body.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .filter(Double::isFinite).mapToLong(Math::round).sum();
    }

    @Override
    public void close() {
        http.close();
    }
}
