package io.newsroute.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.bulk.OperationType;

/**
 * Item-by-item handling of bulk responses against a scripted HTTP server on loopback (statuses a
 * single real node does not produce on demand: 429, 503).
 */
class BulkIndexerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A scripted answer: HTTP status and body for the ids of one bulk request. */
    private record Answer(int status, String body) {
    }

    private HttpServer server;
    private OpenSearchClient client;
    private final Deque<Function<List<String>, Answer>> script = new ConcurrentLinkedDeque<>();
    private final List<List<String>> requests = new CopyOnWriteArrayList<>();
    private final List<Long> sleeps = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            List<String> ids = new ArrayList<>();
            try (InputStream in = exchange.getRequestBody()) {
                String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
                for (int i = 0; i < lines.length; i += 2) {
                    JsonNode action = JSON.readTree(lines[i]);
                    ids.add(action.elements().next().path("_id").asText());
                }
            }
            requests.add(ids);
            Function<List<String>, Answer> next = script.poll();
            Answer answer = next == null ? new Answer(500, "{}") : next.apply(ids);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = OpenSearchClients.create("http://127.0.0.1:" + server.getAddress().getPort(), "", "");
    }

    @AfterEach
    void stopServer() throws IOException {
        client._transport().close();
        server.stop(0);
    }

    private BulkIndexer indexer(int maxRetries) {
        return new BulkIndexer(client, "news", maxRetries, new RetryBackoff(200, 10_000, bound -> bound), sleeps::add);
    }

    private static List<BulkIndexer.Item> items(String... ids) {
        List<BulkIndexer.Item> items = new ArrayList<>();
        for (String id : ids) {
            items.add(BulkIndexer.Item.index(null, id, 1L, Map.of("id", id)));
        }
        return items;
    }

    /** A bulk response with one item per id, with the status given per id (default 201). */
    private static Function<List<String>, Answer> items(Map<String, Integer> statuses) {
        return ids -> {
            StringBuilder body = new StringBuilder("{\"took\":1,\"errors\":true,\"items\":[");
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                int status = statuses.getOrDefault(id, 201);
                body.append(i == 0 ? "" : ",").append("{\"index\":{\"_index\":\"news-v1\",\"_id\":\"").append(id)
                        .append("\",\"status\":").append(status);
                if (status >= 300) {
                    String type = switch (status) {
                        case 409 -> "version_conflict_engine_exception";
                        case 429 -> "es_rejected_execution_exception";
                        case 404 -> "index_not_found_exception";
                        default -> status >= 500 ? "unavailable_shards_exception" : "mapper_parsing_exception";
                    };
                    body.append(",\"error\":{\"type\":\"").append(type).append("\",\"reason\":\"failed ")
                            .append(id).append("\"}");
                } else {
                    body.append(",\"result\":\"created\",\"_version\":1");
                }
                body.append("}}");
            }
            return new Answer(200, body.append("]}").toString());
        };
    }

    @Test
    void retriesOnlyTheRetriableItemsAndReturnsRejections() {
        script.add(items(Map.of("b", 429, "c", 409, "d", 400, "e", 503)));
        script.add(items(Map.of("e", 503)));
        script.add(items(Map.of()));

        List<BulkIndexer.Rejection> rejections = indexer(5).index(items("a", "b", "c", "d", "e"));

        assertThat(requests).containsExactly(List.of("a", "b", "c", "d", "e"), List.of("b", "e"), List.of("e"));
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.item().id()).isEqualTo("d");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.reason()).contains("mapper_parsing_exception").contains("failed d");
        });
        assertThat(sleeps).containsExactly(200L, 400L);
    }

    @Test
    void givesUpWithARetriableExceptionAfterMaxRetries() {
        for (int i = 0; i < 4; i++) {
            script.add(items(Map.of("a", 429)));
        }

        assertThatThrownBy(() -> indexer(3).index(items("a", "b")))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("after 3 retries")
                .hasMessageContaining("429");
        assertThat(requests).hasSize(4);
        assertThat(requests.get(3)).containsExactly("a");
        assertThat(sleeps).containsExactly(200L, 400L, 800L);
    }

    @Test
    void retriesTheWholeRequestOnAServerError() {
        script.add(ids -> new Answer(503,
                "{\"error\":{\"type\":\"cluster_block_exception\",\"reason\":\"blocked\"},\"status\":503}"));
        script.add(items(Map.of()));

        assertThat(indexer(2).index(items("a", "b"))).isEmpty();
        assertThat(requests).containsExactly(List.of("a", "b"), List.of("a", "b"));
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void connectionFailureIsRetriable() throws IOException {
        client._transport().close();
        server.stop(0);
        client = OpenSearchClients.create("http://127.0.0.1:" + server.getAddress().getPort(), "", "");

        assertThatThrownBy(() -> indexer(1).index(items("a")))
                .isInstanceOf(RetriableException.class);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void missingAliasFailsTheTask() {
        script.add(items(Map.of("a", 404)));

        assertThatThrownBy(() -> indexer(2).index(items("a")))
                .isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("alias news is missing");
    }

    @Test
    void classifiesStatuses() {
        assertThat(BulkIndexer.classify(200, OperationType.Index, "updated")).isEqualTo(BulkIndexer.Outcome.DONE);
        assertThat(BulkIndexer.classify(201, OperationType.Index, "created")).isEqualTo(BulkIndexer.Outcome.DONE);
        assertThat(BulkIndexer.classify(404, OperationType.Delete, "not_found")).isEqualTo(BulkIndexer.Outcome.DONE);
        assertThat(BulkIndexer.classify(404, OperationType.Index, null)).isEqualTo(BulkIndexer.Outcome.REJECT);
        assertThat(BulkIndexer.classify(409, OperationType.Index, null)).isEqualTo(BulkIndexer.Outcome.CONFLICT);
        assertThat(BulkIndexer.classify(429, OperationType.Index, null)).isEqualTo(BulkIndexer.Outcome.RETRY);
        assertThat(BulkIndexer.classify(500, OperationType.Index, null)).isEqualTo(BulkIndexer.Outcome.RETRY);
        assertThat(BulkIndexer.classify(503, OperationType.Index, null)).isEqualTo(BulkIndexer.Outcome.RETRY);
        assertThat(BulkIndexer.classify(400, OperationType.Index, null)).isEqualTo(BulkIndexer.Outcome.REJECT);
        assertThat(BulkIndexer.classify(413, OperationType.Index, null)).isEqualTo(BulkIndexer.Outcome.REJECT);
    }
}
