package io.newsroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.newsroute.schema.topic.TopicSpec;

class EmbeddedConnectIT {

    @TempDir
    static Path dir;

    static EmbeddedKafka kafka;
    static EmbeddedConnect connect;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        connect = EmbeddedConnect.start(kafka.bootstrapServers(), dir.resolve("connect/offsets.dat"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void fileStreamSinkWritesTheTopicToAFile() throws Exception {
        kafka.createTopics(List.of(new TopicSpec("lines", 2, (short) 1, Map.of())));
        Path out = dir.resolve("lines.txt");
        connect.putConnector("file-sink", fileSink("lines", out));
        connect.awaitRunning("file-sink", Duration.ofSeconds(30));
        assertThat(connect.connectorState("file-sink")).isEqualTo("RUNNING");
        assertThat(connect.taskStates("file-sink")).containsExactly("RUNNING");

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(EmbeddedKafkaIT.producerProps(kafka.bootstrapServers()))) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>("lines", "k" + i, "line-" + i));
            }
        }
        Polling.await(() -> lines(out).size() == 20, Duration.ofSeconds(30), "20 lines in " + out);
        assertThat(lines(out)).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20).mapToObj(i -> "line-" + i).toList());

        // updating the config replaces the connector; it keeps running
        Map<String, String> updated = fileSink("lines", out);
        updated.put("tasks.max", "1");
        connect.putConnector("file-sink", updated);
        connect.awaitRunning("file-sink", Duration.ofSeconds(30));
    }

    @Test
    void restApiListsConnectors() throws Exception {
        assertThat(connect.restUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        connect.putConnector("listed", fileSink("listed-topic", dir.resolve("listed.txt")));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(connect.restUrl() + "/connectors")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"listed\"");
    }

    @Test
    void failedTaskIsReportedWithItsTrace() {
        Path impossible = dir.resolve("no-such-dir").resolve("deeper").resolve("out.txt");
        connect.putConnector("broken-sink", fileSink("lines", impossible));
        assertThatThrownBy(() -> connect.awaitRunning("broken-sink", Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FAILED")
                .hasMessageContaining("no-such-dir");
    }

    @Test
    void invalidConfigIsRejectedAndUnknownNamesAreErrors() {
        assertThatThrownBy(() -> connect.putConnector("bad", Map.of("connector.class", "com.example.NoSuchConnector")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bad");
        assertThatThrownBy(() -> connect.connectorState("never-put")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> connect.putConnector("a", Map.of("name", "b"))).isInstanceOf(IllegalArgumentException.class);
    }

    static Map<String, String> fileSink(String topic, Path file) {
        return new HashMap<>(Map.of(
                "connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector",
                "tasks.max", "1",
                "topics", topic,
                "file", file.toString(),
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter"));
    }

    static List<String> lines(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
