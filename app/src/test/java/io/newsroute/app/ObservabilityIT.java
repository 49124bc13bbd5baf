package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.newsroute.ingest.ArticleReader;
import io.newsroute.ingest.RawArticleProducer;
import io.newsroute.testsupport.Wait;

/**
 * The real runtime (embedded broker, topology, Connect worker with the sink, OpenSearch node) with its
 * monitoring server: {@code /ready} answers 503 while the runtime starts and 200 once it runs, and
 * {@code /metrics} carries our meter families next to Kafka's, Connect's and the JVM's.
 */
class ObservabilityIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String URL_STEP = "metrics, health and readiness at ";

    @TempDir
    static Path dataDir;

    private static PipelineRuntime runtime;
    private static final AtomicReference<String> monitoringUrl = new AtomicReference<>();
    /** {@code /ready} and {@code /health} as answered during start-up, from inside a progress step. */
    private static final AtomicReference<HttpResponse<String>> readyWhileStarting = new AtomicReference<>();
    private static final AtomicReference<HttpResponse<String>> healthWhileStarting = new AtomicReference<>();

    @BeforeAll
    static void start() {
        runtime = PipelineRuntime.start(RuntimeOptions.embedded(dataDir), MonitoringOptions.on("127.0.0.1", 0), step -> {
            if (step.startsWith(URL_STEP)) {
                monitoringUrl.set(step.substring(URL_STEP.length(), step.indexOf(' ', URL_STEP.length())));
            } else if (step.startsWith("loading language models")) {
                // runs on the starting thread before the topology exists: the runtime cannot be ready yet
                readyWhileStarting.set(get("ready"));
                healthWhileStarting.set(get("health"));
            }
        });
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void readyIs503WhileStartingAnd200OnceStreamsKafkaAndSearchAreUp() throws Exception {
        assertThat(runtime.monitoringUrl()).hasValue(monitoringUrl.get());
        HttpResponse<String> starting = readyWhileStarting.get();
        assertThat(starting).as("/ready was asked during start-up").isNotNull();
        assertThat(starting.statusCode()).isEqualTo(503);
        JsonNode startingBody = JSON.readTree(starting.body());
        assertThat(startingBody.path("status").asText()).isEqualTo("not ready");
        assertThat(check(startingBody, "streams").path("status").asText()).isEqualTo("down");
        assertThat(check(startingBody, "streams").path("detail").asText()).isEqualTo("not started");
        assertThat(healthWhileStarting.get().statusCode()).isEqualTo(200);

        HttpResponse<String> ready = Wait.waitFor(() -> get("ready"), response -> response.statusCode() == 200, TIMEOUT,
                "/ready did not answer 200");
        JsonNode body = JSON.readTree(ready.body());
        assertThat(body.path("status").asText()).isEqualTo("ready");
        assertThat(body.path("checks")).extracting(node -> node.path("name").asText()).containsExactly("streams", "kafka", "search");
        assertThat(body.path("checks")).allSatisfy(node -> assertThat(node.path("status").asText()).isEqualTo("up"));
        assertThat(check(body, "streams").path("detail").asText()).isEqualTo("RUNNING");
        assertThat(get("health").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCarryOurFamiliesAndKafkaConnectAndJvmMetrics() throws Exception {
        List<Samples.Sample> samples = Samples.seeds();
        Map<String, Long> expectedLabels = new HashMap<>();
        ArticleReader reader = new ArticleReader(Clock.systemUTC());
        String raw = runtime.options().topics().raw().name();
        try (RawArticleProducer producer = new RawArticleProducer(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers()), runtime.options().topics().raw());
             KafkaProducer<byte[], byte[]> bytes = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Samples.Sample sample : samples) {
                producer.send(reader.fromPlainText(sample.text(), "samples/seeds/" + sample.file()));
                sample.labels().forEach(label -> expectedLabels.merge(label, 1L, Long::sum));
            }
            producer.flush();
            bytes.send(new ProducerRecord<>(raw, "bad-1".getBytes(StandardCharsets.UTF_8),
                    "not an Avro record".getBytes(StandardCharsets.UTF_8))).get();
        }

        // the counters count processing attempts: an exactly-once retry can count one article twice before
        // another is counted at all, so wait for every expected count rather than for the total alone
        String metrics = Wait.waitFor(() -> get("metrics").body(),
                text -> sum(text, "newsroute_articles_processed_total", Map.of()) >= samples.size()
                        && sum(text, "newsroute_dead_letters_total", Map.of("stage", "deserialize")) >= 1
                        && sum(text, "newsroute_articles_processed_total", Map.of("language", "de")) >= 4
                        && sum(text, "newsroute_articles_processed_total", Map.of("language", "nl")) >= 1
                        && expectedLabels.entrySet().stream().allMatch(e ->
                                sum(text, "newsroute_articles_labelled_total", Map.of("label", e.getKey())) >= e.getValue()),
                TIMEOUT, "the samples, their labels and the malformed record were not counted in /metrics");

        expectedLabels.forEach((label, count) -> assertThat(value(metrics, "newsroute_articles_labelled_total", Map.of("label", label)))
                .as(label).isGreaterThanOrEqualTo(count));
        assertThat(value(metrics, "newsroute_articles_processed_total", Map.of("language", "de"))).isGreaterThanOrEqualTo(4);
        assertThat(value(metrics, "newsroute_articles_processed_total", Map.of("language", "nl"))).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "newsroute_dead_letters_total", Map.of("stage", "validate"))).isZero();
        for (String stage : List.of("validate", "normalize", "detect-language", "classify", "extract")) {
            assertThat(value(metrics, "newsroute_stage_latency_seconds_count", Map.of("stage", stage))).as(stage)
                    .isGreaterThanOrEqualTo(samples.size());
            assertThat(value(metrics, "newsroute_stage_latency_seconds_bucket", Map.of("stage", stage, "le", "+Inf"))).as(stage)
                    .isEqualTo(value(metrics, "newsroute_stage_latency_seconds_count", Map.of("stage", stage)));
            assertThat(value(metrics, "newsroute_stage_latency_seconds_bucket", Map.of("stage", stage, "le", "0.005"))).as(stage)
                    .isNotNaN();
        }
        assertThat(value(metrics, "newsroute_model_info", Map.of("model_version", runtime.pipeline().modelVersion()))).isEqualTo(1.0);
        // Kafka Streams and its clients, our admin client, the Connect worker and its sink task, the JVM
        assertThat(metrics).contains("# TYPE kafka_stream_thread_process_total counter", "kafka_consumer_", "kafka_producer_",
                "kafka_admin_client_", "jvm_memory_used_bytes", "jvm_gc_", "process_uptime_seconds");
        assertThat(value(metrics, "kafka_connect_connect_worker_connector_count", Map.of())).isEqualTo(1.0);
        String connector = PipelineRuntime.SINK_CONNECTOR_NAME;
        String read = Wait.waitFor(() -> get("metrics").body(),
                text -> sum(text, "kafka_connect_sink_task_sink_record_read_total", Map.of("connector", connector)) >= samples.size(),
                TIMEOUT, "the sink task's read counter did not reach the number of samples");
        assertThat(value(read, "kafka_connect_sink_task_sink_record_read_total", Map.of("connector", connector, "task", "0")))
                .isGreaterThanOrEqualTo(samples.size());
    }

    private static JsonNode check(JsonNode body, String name) {
        for (JsonNode node : body.path("checks")) {
            if (node.path("name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("no check " + name + " in " + body);
    }

    /** The value of the one sample of {@code name} whose labels include {@code labels}; fails when there is none or several. */
    static double value(String exposition, String name, Map<String, String> labels) {
        double found = Double.NaN;
        for (String line : exposition.split("\n")) {
            if (matches(line, name, labels)) {
                if (!Double.isNaN(found)) {
                    throw new AssertionError("more than one sample of " + name + " with " + labels);
                }
                found = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        if (Double.isNaN(found)) {
            throw new AssertionError("no sample of " + name + " with " + labels);
        }
        return found;
    }

    /** The sum of every sample of {@code name} whose labels include {@code labels}. */
    static double sum(String exposition, String name, Map<String, String> labels) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (matches(line, name, labels)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private static boolean matches(String line, String name, Map<String, String> labels) {
        if (!(line.startsWith(name + "{") || line.startsWith(name + " "))) {
            return false;
        }
        return labels.entrySet().stream().allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\""));
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(monitoringUrl.get() + path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
