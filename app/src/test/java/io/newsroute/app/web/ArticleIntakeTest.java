package io.newsroute.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsroute.app.SearchConnection;
import io.newsroute.classify.ClassifyConfig;
import io.newsroute.classify.stage.ArticleValidator;
import io.newsroute.ingest.ArticleIds;
import io.newsroute.ingest.ArticleReader;
import io.newsroute.ingest.IngestException;
import io.newsroute.schema.RawArticle;
import io.newsroute.sink.search.NewsSearch;

/** The crawler endpoint over real HTTP on 127.0.0.1; accepted articles go to a list instead of Kafka (ArticleIngestIT covers Kafka). */
class ArticleIntakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LIMIT = 4096;

    private final List<RawArticle> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean kafkaDown = new AtomicBoolean();
    private final HttpClient http = HttpClient.newHttpClient();
    private SearchConnection search;
    private WebServer web;
    private URI endpoint;

    @BeforeEach
    void start() {
        // the search side is never called here: a client for a port nothing listens on is enough
        search = SearchConnection.open("http://127.0.0.1:9", "", "");
        ClassifyConfig classify = ClassifyConfig.defaults();
        ArticleIntake intake = new ArticleIntake(new ArticleReader(Clock.systemUTC()),
                new ArticleValidator(classify.maxBodyChars(), classify.maxTitleChars(), classify.maxFieldChars()),
                articles -> {
                    if (kafkaDown.get()) {
                        throw new IngestException("broker unreachable", new RuntimeException());
                    }
                    sent.addAll(articles);
                }, LIMIT);
        web = WebServer.start("127.0.0.1", 0, new SearchApi(new NewsSearch(search.client(), "news")), intake);
        endpoint = URI.create(web.url() + "api/articles");
    }

    @AfterEach
    void stop() {
        web.close();
        search.close();
    }

    @Test
    void oneJsonArticleIs202WithItsId() throws Exception {
        HttpResponse<String> response = post("application/json; charset=utf-8",
                "{\"url\": \"https://news.example/it/aws-down?utm_source=x\", \"title\": \"AWS down in eu-south-1\", \"body\": \"Milan region out.\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        String id = ArticleIds.forUrl("https://news.example/it/aws-down");
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"accepted\": 1, \"ids\": [\"" + id + "\"]}"));
        assertThat(sent).singleElement().satisfies(a -> {
            assertThat(a.getId()).isEqualTo(id);
            assertThat(a.getSource()).isEqualTo("api");
            assertThat(a.getTitle()).isEqualTo("AWS down in eu-south-1");
        });
    }

    @Test
    void jsonLinesBatchIs202WithEveryId() throws Exception {
        HttpResponse<String> response = post("application/x-ndjson",
                "{\"title\": \"Eins\", \"body\": \"Erster Text\"}\n\n{\"title\": \"Twee\", \"source\": \"crawler-7\"}\r\n{\"body\": \"Trois\"}\n");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(3);
        assertThat(answer.get("ids")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(sent.stream().map(RawArticle::getId).toList());
        assertThat(sent).extracting(RawArticle::getSource).containsExactly("api", "crawler-7", "api");
    }

    @Test
    void badLinesAre400NamingLineAndFieldAndNothingIsSent() throws Exception {
        HttpResponse<String> response = post("application/x-ndjson", String.join("\n",
                "{\"title\": \"fine\"}",
                "{\"title\": \"when?\", \"publishedAt\": \"yesterday\"}",
                "{\"title\": [1, 2]}",
                "not json",
                "{\"title\": \"" + "x".repeat(2_001) + "\"}",
                "{\"source\": \"only a source\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("error").asText()).isEqualTo("5 invalid articles; nothing was accepted");
        assertThat(answer.get("errors")).extracting(e -> e.get("line").asInt() + " " + e.get("field").asText())
                .containsExactly("2 publishedAt", "3 title", "4 ", "5 title", "6 title");
        assertThat(answer.get("errors").get(3).get("message").asText())
                .isEqualTo("title has 2001 chars, more than classify.max.title.chars=2000");
        assertThat(sent).isEmpty();
    }

    @Test
    void oneBadArticleNamesItInTheMessage() throws Exception {
        HttpResponse<String> response = post("application/json", "{\"title\": \"x\", \"contentType\": \"image/png\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("invalid article at line 1, field 'contentType': "
                + "field 'contentType' must be text/plain or text/html, was 'image/png'; nothing was accepted");
        assertThat(post("application/json", "  ").statusCode()).isEqualTo(400);
        assertThat(post("application/json", "{\"title\": \"a\"} {\"title\": \"b\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void tooLargeIs413WithOrWithoutContentLength() throws Exception {
        String big = "{\"title\": \"big\", \"body\": \"" + "y".repeat((int) LIMIT) + "\"}";

        HttpResponse<String> withLength = post("application/json", big);
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(withLength.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(withLength.body()).get("error").asText())
                .isEqualTo("request body too large: " + big.length() + " bytes; the limit is 4096 bytes per request: send smaller batches");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(sent).isEmpty();
        // just under the limit is fine
        assertThat(post("application/json", "{\"title\": \"ok\", \"body\": \"" + "y".repeat((int) LIMIT - 40) + "\"}").statusCode()).isEqualTo(202);
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> text = post("text/plain", "{\"title\": \"x\"}");
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(text.body()).get("error").asText()).isEqualTo(
                "Content-Type must be application/json (one article) or application/x-ndjson (one article per line), was 'text/plain'");
        assertThat(none.statusCode()).isEqualTo(415);
        assertThat(sent).isEmpty();
    }

    @Test
    void kafkaFailureIs503UntilKafkaIsBackAndOtherMethodsAre405() throws Exception {
        kafkaDown.set(true);
        assertThat(post("application/json", "{\"title\": \"x\"}").statusCode()).isEqualTo(503);
        assertThat(sent).isEmpty();
        kafkaDown.set(false);
        assertThat(post("application/json", "{\"title\": \"x\"}").statusCode()).as("the retry once Kafka is back").isEqualTo(202);
        assertThat(sent).extracting(RawArticle::getTitle).containsExactly("x");

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(endpoint).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void withoutAnIntakePostStays405() throws Exception {
        try (WebServer readOnly = WebServer.start("127.0.0.1", 0, new SearchApi(new NewsSearch(search.client(), "news")))) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(readOnly.url() + "api/articles"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"x\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(405);
        }
    }

    private HttpResponse<String> post(String type, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
