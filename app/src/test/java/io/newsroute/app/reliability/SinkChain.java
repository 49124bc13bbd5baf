package io.newsroute.app.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsroute.app.PipelineRuntime;
import io.newsroute.embedded.EmbeddedConnect;
import io.newsroute.schema.topic.NewsTopics;

/** The sink half of the pipeline for the reliability tests: an in-process Connect worker and plain REST reads of the index. */
final class SinkChain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SinkChain() {
    }

    static EmbeddedConnect connect(String bootstrap, Path dir) {
        Map<String, String> worker = new HashMap<>();
        worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        return EmbeddedConnect.start(bootstrap, dir.resolve("connect.offsets"), worker);
    }

    /** Starts the production connector configuration under {@code name} (a new name = a new consumer group, from the beginning). */
    static void startConnector(EmbeddedConnect connect, String name, NewsTopics topics, String searchUrl, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(PipelineRuntime.sinkConnectorConfig(topics.enriched().name(), topics.dlq().name(),
                searchUrl, "", ""));
        config.put("consumer.override.auto.offset.reset", "earliest");
        config.putAll(extra);
        connect.putConnector(name, config);
        connect.awaitRunning(name, Duration.ofMinutes(1));
    }

    /** GET on the node, parsed; throws on a non-2xx answer. */
    static JsonNode get(String searchUrl, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(searchUrl + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Refreshes the alias {@code news} and returns its document count. */
    static long count(String searchUrl) {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(searchUrl + "/news/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return get(searchUrl, "/news/_count").path("count").asLong(-1);
    }

    /** id -> _version of every document (at most 10,000). */
    static Map<String, Long> versions(String searchUrl) {
        JsonNode hits = get(searchUrl, "/news/_search?size=10000&version=true&_source=false").path("hits").path("hits");
        Map<String, Long> versions = new HashMap<>();
        for (JsonNode hit : hits) {
            versions.put(hit.path("_id").asText(), hit.path("_version").asLong());
        }
        return versions;
    }
}
