package io.newsroute.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Refresh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Facts;
import io.newsroute.schema.Label;
import io.newsroute.schema.LanguageInfo;
import io.newsroute.schema.OutageFacts;
import io.newsroute.schema.serde.AvroTrust;
import io.newsroute.sink.ArticleDocument;
import io.newsroute.sink.NewsIndex;
import io.newsroute.sink.OpenSearchClients;
import io.newsroute.sink.search.NewsSearch;
import io.newsroute.testsupport.OpenSearchExtension;

/** The search API over HTTP against a real embedded OpenSearch node. */
class WebServerIT {
    @RegisterExtension
    static final OpenSearchExtension OPENSEARCH = new OpenSearchExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XSS_TITLE = "<script>alert('xss')</script> Ausfall bei AWS";

    private static OpenSearchClient client;
    private static WebServer web;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Response(int status, JsonNode json, HttpResponse<String> raw) {
    }

    @BeforeAll
    static void start() throws IOException {
        AvroTrust.install();
        client = OpenSearchClients.create(OPENSEARCH.httpUrl(), "", "");
        new NewsIndex(client, "news", 1, 0).ensure();
        index(article("aws-1", "de", XSS_TITLE, "Ein großer Ausfall traf Kunden in eu-central-1.", "AWS", "2024-05-01T10:00:00Z"));
        index(article("azure-1", "en", "Azure outage", "Microsoft Azure suffered outages in Europe.", "Microsoft Azure",
                "2024-05-03T10:00:00Z"));
        index(article("aws-2", "en", "AWS outage in us-east-1", "The outage lasted three hours.", "AWS", "2024-05-05T10:00:00Z"));
        web = WebServer.start("127.0.0.1", 0, new SearchApi(new NewsSearch(client, "news")));
    }

    @AfterAll
    static void stop() throws IOException {
        if (web != null) {
            web.close();
        }
        if (client != null) {
            client._transport().close();
        }
    }

    private static EnrichedArticle article(String id, String language, String title, String body, String provider,
                                           String published) {
        return EnrichedArticle.newBuilder()
                .setId(id).setUrl("https://news.example/" + id).setSource("example").setTitle(title).setBody(body)
                .setPublishedAt(Instant.parse(published)).setFetchedAt(Instant.parse(published))
                .setLanguage(LanguageInfo.newBuilder().setCode(language).setConfidence(0.9).build())
                .setLabels(List.of(Label.newBuilder().setName("cloud-outage").setScore(0.93).setEvidence(List.of()).build()))
                .setScores(Map.of("cloud-outage", 0.93, "security-breach", 0.02, "stock-commentary", 0.01))
                .setFacts(Facts.newBuilder().setOutage(OutageFacts.newBuilder().setProvider(provider).build()).build())
                .setModelVersion("m").setPipelineVersion("p").setProcessedAt(Instant.parse(published)).setVersion(1)
                .build();
    }

    private static void index(EnrichedArticle article) throws IOException {
        client.index(i -> i.index("news").id(article.getId()).document(ArticleDocument.of(article)).refresh(Refresh.True));
    }

    private static Response get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(web.url() + pathAndQuery.substring(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode json = type.startsWith("application/json") ? JSON.readTree(response.body()) : null;
        return new Response(response.statusCode(), json, response);
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void searchReturnsHitsFacetsAndPaging() throws Exception {
        Response response = get("/api/search?q=" + q("Ausfälle") + "&size=5");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("total").asLong()).isEqualTo(1);
        JsonNode hit = body.path("hits").get(0);
        assertThat(hit.path("id").asText()).isEqualTo("aws-1");
        assertThat(hit.path("language").asText()).isEqualTo("de");
        assertThat(hit.path("labels").get(0).path("name").asText()).isEqualTo("cloud-outage");
        assertThat(hit.path("labels").get(0).path("score").asDouble()).isEqualTo(0.93);
        assertThat(hit.path("snippetHtml").asText()).contains("<em>Ausfall</em>");
        assertThat(hit.path("facts").path("outage").path("provider").asText()).isEqualTo("AWS");
        assertThat(hit.path("url").asText()).isEqualTo("https://news.example/aws-1");

        JsonNode all = get("/api/search?sort=time&size=2&page=1").json();
        assertThat(all.path("total").asLong()).isEqualTo(3);
        assertThat(all.path("pages").asLong()).isEqualTo(2);
        assertThat(all.path("hits")).extracting(h -> h.path("id").asText()).containsExactly("aws-2", "azure-1");
        assertThat(all.path("facets").path("provider").toString())
                .contains("{\"value\":\"AWS\",\"count\":2}").contains("{\"value\":\"Microsoft Azure\",\"count\":1}");
        assertThat(all.path("facets").has("victim")).isTrue();
        JsonNode page2 = get("/api/search?sort=time&size=2&page=2").json();
        assertThat(page2.path("hits")).extracting(h -> h.path("id").asText()).containsExactly("aws-1");

        JsonNode filtered = get("/api/search?provider=AWS&from=2024-05-02&to=2024-05-05").json();
        assertThat(filtered.path("hits")).extracting(h -> h.path("id").asText()).containsExactly("aws-2");
    }

    @Test
    void markupInAnArticleIsReturnedAsTextAndHighlightsAreEscaped() throws Exception {
        JsonNode hit = get("/api/search?q=AWS&language=de").json().path("hits").get(0);

        assertThat(hit.path("title").asText()).isEqualTo(XSS_TITLE);
        assertThat(hit.path("titleHtml").asText()).doesNotContain("<script").contains("&lt;script&gt;")
                .contains("<em>AWS</em>");
        JsonNode article = get("/api/articles/aws-1").json();
        assertThat(article.path("title").asText()).isEqualTo(XSS_TITLE);
        assertThat(article.path("titleHtml").asText()).doesNotContain("<script");
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/search?size=5000 | size",
        "/api/search?page=-1 | page",
        "/api/search?label=weather | label",
        "/api/search?from=2024-99-01 | from",
        "/api/search?sort=popular | sort",
        "/api/search?debug=true | debug",
        "/api/updates?since=yesterday | since",
    })
    void badInputIs400WithAJsonErrorNamingTheParameter(String path, String parameter) throws Exception {
        Response response = get(path);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("parameter").asText()).isEqualTo(parameter);
        assertThat(response.json().path("error").asText()).contains(parameter);
    }

    @Test
    void simpleQuerySyntaxErrorsAreNeverServerErrors() throws Exception {
        for (String text : List.of("\"unclosed", "((((", "AND OR NOT", "title:x^999~~", "{\"query\":{\"match_all\":{}}}", "*", "\\")) {
            Response response = get("/api/search?q=" + q(text));
            assertThat(response.status()).as(text).isEqualTo(200);
        }
    }

    @Test
    void articlesUpdatesHealthAndThePage() throws Exception {
        assertThat(get("/api/articles/nope").status()).isEqualTo(404);
        assertThat(get("/healthz").json().path("status").asText()).isEqualTo("ok");

        JsonNode first = get("/api/updates").json();
        assertThat(first.path("articles")).isEmpty();
        assertThat(first.path("next").asText()).isNotBlank();
        JsonNode updates = get("/api/updates?since=" + q("2024-05-04T00:00:00Z")).json();
        List<String> ids = new ArrayList<>();
        updates.path("articles").forEach(a -> ids.add(a.path("id").asText()));
        assertThat(ids).contains("aws-2").doesNotContain("aws-1");
        assertThat(updates.path("next").asText()).isEqualTo("2024-05-05T10:00:00Z");

        Response page = get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("<script src=\"/static/app.js\"");
        assertThat(page.raw().headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        assertThat(get("/static/app.js").raw().body()).contains("textContent").doesNotContain("innerHTML =");
        assertThat(get("/static/../../etc/passwd").status()).isEqualTo(404);

        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(web.url() + "api/search"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
