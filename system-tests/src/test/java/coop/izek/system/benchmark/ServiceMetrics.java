package coop.izek.system.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import coop.izek.system.Platform;

/** A service's Prometheus endpoint (open on loopback), read for the sum of one metric's series. */
final class ServiceMetrics implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI metrics;
    private final String authorization;

    ServiceMetrics(int servicePort) {
        this(servicePort, null);
    }

    /** The gateway's, read as Prometheus reads it (HTTP Basic, user prometheus). */
    static ServiceMetrics ofGateway(int gatewayPort) {
        return new ServiceMetrics(gatewayPort, "Basic " + Base64.getEncoder().encodeToString(
                ("prometheus:" + Platform.METRICS_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private ServiceMetrics(int servicePort, String authorization) {
        this.metrics = URI.create("http://127.0.0.1:" + servicePort + "/actuator/prometheus");
        this.authorization = authorization;
    }

    /** The sum over the series of {@code name} whose labels contain {@code label} ("" for every series). */
    long sum(String name, String label) throws IOException, InterruptedException {
        return Math.round(read().total(name, label));
    }

    /** One reading of the endpoint, for several figures taken at the same moment. */
    Reading read() throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return new Reading(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    record Reading(String body) {

        /** The sum, unrounded, over the series of {@code name} whose labels contain every one of {@code labels}. */
        double total(String name, String... labels) {
            return body.lines()
                    .filter(line -> line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .filter(Double::isFinite).sum();
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
