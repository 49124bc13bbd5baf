package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.newsroute.classify.ClassifyConfig;
import io.newsroute.classify.extract.ExtractConfig;
import io.newsroute.app.config.TopicsConfig;
import io.newsroute.ingest.ArticleIds;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.testsupport.KafkaExtension;
import io.newsroute.testsupport.TopicReader;

/**
 * Feeds and crawlers into a real (embedded KRaft) broker: `ingest --feed URL --once` twice against a
 * local feed server that answers 304 to a conditional GET, then a JSON Lines batch through
 * {@code POST /api/articles} of a runtime's web server; news.raw holds each article once.
 */
class ArticleIngestIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static HttpServer feedServer;
    private static final AtomicInteger feedRequests = new AtomicInteger();
    private static final AtomicInteger notModified = new AtomicInteger();

    @TempDir
    static Path dir;

    @BeforeAll
    static void serveFeed() throws IOException {
        byte[] rss;
        try (InputStream in = ArticleIngestIT.class.getResourceAsStream("feed-rss2-de.xml")) {
            rss = in.readAllBytes();
        }
        feedServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feedServer.createContext("/feed.xml", exchange -> {
            try (exchange) {
                feedRequests.incrementAndGet();
                exchange.getResponseHeaders().set("ETag", "\"v1\"");
                if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    notModified.incrementAndGet();
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
                exchange.sendResponseHeaders(200, rss.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(rss);
                }
            }
        });
        feedServer.start();
    }

    @AfterAll
    static void stopFeed() {
        feedServer.stop(0);
    }

    @Test
    void feedAndPostEndUpInTheRawTopicOnceEach() throws Exception {
        String raw = NewsTopics.defaults().raw().name();
        String feed = "http://127.0.0.1:" + feedServer.getAddress().getPort() + "/feed.xml";
        Path state = dir.resolve("feeds");

        // the feed, polled once by the CLI, then again by a new CLI run (a restart): 304, nothing sent
        String[] ingest = {"ingest", "--feed", feed, "--once", "--state-dir", state.toString(), "--bootstrap-servers", KAFKA.bootstrapServers()};
        try (PipelineRuntime runtime = PipelineRuntime.start(new RuntimeOptions(Optional.of(KAFKA.bootstrapServers()),
                Optional.of("http://127.0.0.1:9"), "", "", dir.resolve("runtime"), TopicsConfig.defaults(), false, false, Map.of(),
                ClassifyConfig.defaults(), ExtractConfig.defaults(), Map.of()), step -> { })) {
            Cli first = cli(ingest);
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).contains("feed " + feed + ": 3 items, 3 new", "sent 3 articles to " + raw);
            Cli second = cli(ingest);
            assertThat(second.exit()).as(second.err()).isZero();
            assertThat(second.out()).contains("feed " + feed + ": not modified", "sent 0 articles to " + raw);
            assertThat(feedRequests.get()).isEqualTo(2);
            assertThat(notModified.get()).isEqualTo(1);

            // a crawler posts two articles; one is the feed's outage story again (same URL, same id)
            String web = runtime.startWebServer("127.0.0.1", 0, 1024 * 1024);
            String batch = """
                    {"url": "https://www.wirtschaftsdienst-nord.example/technik/aws-stoerung-frankfurt", "title": "Störung bei AWS", "body": "Nachtrag: alle Dienste laufen wieder."}
                    {"url": "https://krant.example/tech/lek-zorgverzekeraar", "title": "Datalek bij zorgverzekeraar treft 80.000 klanten", "body": "Hackers kregen toegang tot polisgegevens.", "language": "nl"}
                    """;
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(web + "api/articles"))
                    .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(batch)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.get("accepted").asInt()).isEqualTo(2);
            assertThat(answer.get("ids")).extracting(JsonNode::asText).containsExactly(
                    ArticleIds.forUrl("https://www.wirtschaftsdienst-nord.example/technik/aws-stoerung-frankfurt"),
                    ArticleIds.forUrl("https://krant.example/tech/lek-zorgverzekeraar"));
        }

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(KAFKA.bootstrapServers(), raw, new StringDeserializer(),
                new ByteArrayDeserializer(), 5, TIMEOUT);
        assertThat(records).hasSize(5);
        List<RawArticle> articles = records.stream().map(r -> NewsSerdes.rawCodec().decode(r.value())).toList();
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(NewsSerdes.rawCodec().decode(r.value()).getId()));
        assertThat(articles).extracting(RawArticle::getSource).containsOnly(feed, "api");
        assertThat(articles).filteredOn(a -> a.getSource().equals(feed)).extracting(RawArticle::getTitle).containsExactlyInAnyOrder(
                "Störung bei AWS: Zahlungsdienste in Frankfurt stundenlang gestört",
                "Datenleck bei Versandhändler: 1,2 Millionen Kundendaten im Netz",
                "Hafen Hamburg meldet mehr Containerumschlag");
        // the re-posted story has the feed item's key: downstream it is the same article, updated
        assertThat(records.stream().map(ConsumerRecord::key).distinct().count()).isEqualTo(4);
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new Newsroute());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + ex);
            return 1;
        });
        int exit = cli.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }
}
