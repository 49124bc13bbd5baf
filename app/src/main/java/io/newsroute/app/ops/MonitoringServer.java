package io.newsroute.app.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.app.web.HttpEndpoint;

/**
 * Operations endpoints on their own port (by default {@code 127.0.0.1:9464}), up from the first moment
 * of start-up so that probes and scrapers can tell "starting" from "dead":
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text format ({@code text/plain; version=0.0.4});</li>
 *   <li>{@code GET /health}: liveness, {@code 200 {"status":"up"}} while the process serves requests;</li>
 *   <li>{@code GET /ready}: readiness, 200 when every {@link Readiness} check is up, else 503; the JSON
 *       body lists each check with its status and detail.</li>
 * </ul>
 * Only GET and HEAD; anything else is 405, unknown paths 404.
 */
public final class MonitoringServer implements AutoCloseable {
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpEndpoint endpoint;
    private final Supplier<String> scrape;
    private final Readiness readiness;

    private MonitoringServer(HttpEndpoint endpoint, Supplier<String> scrape, Readiness readiness) {
        this.endpoint = endpoint;
        this.scrape = scrape;
        this.readiness = readiness;
    }

    /**
     * Binds {@code host:port} (port 0: any free port) and starts serving.
     *
     * @param scrape    produces the Prometheus exposition ({@link RuntimeMetrics#scrape()})
     * @param readiness the checks behind {@code /ready}
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static MonitoringServer start(String host, int port, Supplier<String> scrape, Readiness readiness) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(scrape, "scrape");
        Objects.requireNonNull(readiness, "readiness");
        HttpEndpoint endpoint = HttpEndpoint.bind(host, port, 16, "metrics", "--metrics-port");
        MonitoringServer monitoring = new MonitoringServer(endpoint, scrape, readiness);
        endpoint.serve(monitoring::handle, 2, "newsroute-monitoring");
        LOG.info("Metrics, health and readiness at {}", monitoring.url());
        return monitoring;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:9464/}. */
    public String url() {
        return endpoint.url();
    }

    public int port() {
        return endpoint.port();
    }

    @Override
    public void close() {
        endpoint.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                sendJson(exchange, 405, Map.of("error", "method " + method + " not allowed"));
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            try {
                switch (path) {
                    case "/metrics" -> send(exchange, 200, PROMETHEUS_TEXT, scrape.get().getBytes(StandardCharsets.UTF_8));
                    case "/health" -> sendJson(exchange, 200, Map.of("status", "up"));
                    case "/ready" -> {
                        Readiness.Report report = readiness.check();
                        sendJson(exchange, report.ready() ? 200 : 503, report.toJson());
                    }
                    default -> sendJson(exchange, 404, Map.of("error", "not found: " + path + "; see /metrics, /health, /ready"));
                }
            } catch (RuntimeException e) {
                LOG.error("Failed to answer {} {}", method, path, e);
                sendJson(exchange, 500, Map.of("error", "internal error"));
            }
        }
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        HttpEndpoint.send(exchange, status, bytes);
    }
}
