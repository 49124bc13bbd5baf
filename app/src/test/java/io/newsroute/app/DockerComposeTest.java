package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.newsroute.schema.topic.NewsTopics;

/**
 * docker-compose.yml cannot be started here (no Docker engine), so this keeps it honest: the
 * images are the versions the build pins, and ports, topics and connector settings are the ones
 * the code uses.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of("..");
    private final JsonNode compose = read(ROOT.resolve("docker-compose.yml"), new ObjectMapper(new YAMLFactory()));
    private final JsonNode services = compose.get("services");

    private static JsonNode read(Path path, ObjectMapper mapper) {
        try {
            return mapper.readTree(path.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot parse " + path + ": " + e.getMessage(), e);
        }
    }

    @Test
    void servicesOfTheProductionStackArePresent() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("kafka", "opensearch", "dashboards", "connect", "classify");
    }

    @Test
    void imagesAreTheVersionsTheBuildPins() {
        String kafka = AppInfoParser.getVersion();
        String opensearch = org.opensearch.Version.CURRENT.toString();
        assertThat(services.get("kafka").get("image").asText()).isEqualTo("apache/kafka:" + kafka);
        assertThat(services.get("connect").get("image").asText()).isEqualTo("apache/kafka:" + kafka);
        assertThat(services.get("opensearch").get("image").asText()).isEqualTo("opensearchproject/opensearch:" + opensearch);
        assertThat(services.get("dashboards").get("image").asText()).isEqualTo("opensearchproject/opensearch-dashboards:" + opensearch);
    }

    @Test
    void kafkaDoesNotAutoCreateTopicsAndAdvertisesThePortsTheClientsUse() {
        JsonNode env = services.get("kafka").get("environment");
        assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText()).isEqualTo("false");
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS").asText()).contains("kafka:9092").contains("localhost:29092");
        assertThat(services.get("kafka").get("ports").toString()).contains("29092:29092");
        List<String> classify = new ArrayList<>();
        services.get("classify").get("command").forEach(node -> classify.add(node.asText()));
        assertThat(classify).containsSubsequence("--bootstrap-servers", "kafka:9092").contains("run", "--no-sink");
        assertThat(services.get("opensearch").get("ports").toString()).contains("9200:9200");
        assertThat(services.get("connect").get("ports").toString()).contains("8083:8083");
    }

    @Test
    void connectWorkerAndSinkConfigMatchWhatTheAppRuns() throws IOException {
        Properties worker = new Properties();
        try (var in = Files.newBufferedReader(ROOT.resolve("deploy/connect-distributed.properties"))) {
            worker.load(in);
        }
        assertThat(worker.getProperty("bootstrap.servers")).isEqualTo("kafka:9092");
        assertThat(worker.getProperty("listeners")).endsWith(":8083");
        assertThat(services.get("connect").get("volumes").toString()).contains(worker.getProperty("plugin.path"));

        JsonNode sink = read(ROOT.resolve("deploy/opensearch-sink.json"), new ObjectMapper());
        NewsTopics topics = NewsTopics.defaults();
        Map<String, String> embedded = PipelineRuntime.sinkConnectorConfig(topics.enriched().name(), topics.dlq().name(),
                "http://opensearch:9200", "", "");
        assertThat(sink.get("topics").asText()).isEqualTo(topics.enriched().name());
        assertThat(sink.get("errors.deadletterqueue.topic.name").asText()).isEqualTo(topics.dlq().name());
        assertThat(sink.get("opensearch.url").asText()).isEqualTo("http://opensearch:9200");
        sink.fieldNames().forEachRemaining(key -> {
            if (!key.equals("tasks.max") && !key.equals("errors.deadletterqueue.topic.replication.factor")) {
                assertThat(sink.get(key).asText()).as(key).isEqualTo(embedded.get(key));
            }
        });
    }
}
