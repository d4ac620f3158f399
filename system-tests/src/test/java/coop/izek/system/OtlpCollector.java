package coop.izek.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * A stand-in OpenTelemetry collector: the OTLP/HTTP traces endpoint ({@code POST /v1/traces}, protobuf), reading what
 * the platform exports with OTLP's own message types and keeping every span with the service that sent it.
 */
final class OtlpCollector implements AutoCloseable {

    /** One received span: the exporting service ({@code service.name}), its trace and its name. */
    record Span(String service, String traceId, String name) {
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    OtlpCollector() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (exchange) {
                var body = exchange.getRequestBody();
                var request = ExportTraceServiceRequest.parseFrom(
                        "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding")) ? new GZIPInputStream(body) : body);
                for (var resourceSpans : request.getResourceSpansList()) {
                    var service = resourceSpans.getResource().getAttributesList().stream()
                            .filter(attribute -> attribute.getKey().equals("service.name"))
                            .map(attribute -> attribute.getValue().getStringValue()).findFirst().orElse("?");
                    resourceSpans.getScopeSpansList().forEach(scope -> scope.getSpansList().forEach(span -> spans.add(
                            new Span(service, HexFormat.of().formatHex(span.getTraceId().toByteArray()), span.getName()))));
                }
                var answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    List<Span> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
