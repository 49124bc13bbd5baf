package io.newsroute.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@link MonitoringServer} on a free loopback port: metrics exposition, liveness, readiness with its JSON body. */
class MonitoringServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicReference<Readiness.Check> streams = new AtomicReference<>(Readiness.Check.down("REBALANCING"));
    private PrometheusMeterRegistry registry;
    private MonitoringServer server;

    @BeforeEach
    void start() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Readiness readiness = new Readiness()
                .add("streams", streams::get)
                .add("kafka", () -> Readiness.Check.up("1 broker(s)"))
                .add("search", () -> {
                    throw new IllegalStateException("connection refused");
                });
        server = MonitoringServer.start("127.0.0.1", 0, registry::scrape, readiness);
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        Counter.builder("newsroute.test.events").tag("kind", "a").register(registry).increment(3);

        HttpResponse<String> response = get("metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(MonitoringServer.PROMETHEUS_TEXT);
        assertThat(response.body()).contains("# TYPE newsroute_test_events_total counter")
                .contains("newsroute_test_events_total{kind=\"a\"} 3.0");
    }

    @Test
    void healthIsUpWhileTheProcessServes() throws Exception {
        HttpResponse<String> response = get("health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("up");
    }

    @Test
    void readyIs503UntilEveryCheckIsUpAndListsEachCheck() throws Exception {
        HttpResponse<String> notReady = get("ready");

        assertThat(notReady.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(notReady.body());
        assertThat(body.path("status").asText()).isEqualTo("not ready");
        assertThat(body.path("checks")).hasSize(3);
        assertThat(body.path("checks").get(0).path("name").asText()).isEqualTo("streams");
        assertThat(body.path("checks").get(0).path("status").asText()).isEqualTo("down");
        assertThat(body.path("checks").get(0).path("detail").asText()).isEqualTo("REBALANCING");
        assertThat(body.path("checks").get(1).path("status").asText()).isEqualTo("up");
        assertThat(body.path("checks").get(2).path("status").asText()).isEqualTo("down");
        assertThat(body.path("checks").get(2).path("detail").asText()).isEqualTo("connection refused");
    }

    @Test
    void readyIs200WhenEveryCheckIsUp() throws Exception {
        streams.set(Readiness.Check.up("RUNNING"));
        Readiness allUp = new Readiness().add("streams", streams::get).add("kafka", () -> Readiness.Check.up("1 broker(s)"));
        try (MonitoringServer other = MonitoringServer.start("127.0.0.1", 0, registry::scrape, allUp)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(other.url() + "ready")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("ready");
        }
    }

    @Test
    void noChecksIsNotReady() {
        assertThat(new Readiness().check().ready()).isFalse();
    }

    @Test
    void onlyGetAndKnownPathsAreServed() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = get("admin");

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("/metrics", "/health", "/ready");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
