package io.newsroute.sink.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsroute.sink.OpenSearchClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

class NewsSearchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Never contacted: these tests only build requests. */
    private static OpenSearchClient client;

    @BeforeAll
    static void client() {
        client = OpenSearchClients.create("http://127.0.0.1:9", "", "");
    }

    @AfterAll
    static void close() throws IOException {
        client._transport().close();
    }

    private static JsonNode requestJson(SearchQuery query) throws IOException {
        return JSON.readTree(new NewsSearch(client, "news").request(query).toJsonString());
    }

    @Test
    void textGoesIntoASimpleQueryStringOverAllTextFields() throws IOException {
        JsonNode request = requestJson(new SearchQuery("Ausfall \"us-east-1\"", List.of("cloud-outage"),
                List.of("de", "nl"), 10));

        JsonNode bool = request.path("query").path("bool");
        JsonNode simple = bool.path("must").get(0).path("simple_query_string");
        assertThat(simple.path("query").asText()).isEqualTo("Ausfall \"us-east-1\"");
        assertThat(simple.path("fields")).extracting(JsonNode::asText)
                .containsExactly("title^2", "title_*^2", "body", "body_*", "all_text^0.5");
        assertThat(bool.path("filter").toString())
                .contains("\"labels\":[\"cloud-outage\"]").contains("\"language\":[\"de\",\"nl\"]");
        assertThat(request.path("highlight").path("fields").toString()).contains("body_*").contains("\"body\"");
        assertThat(request.path("highlight").path("encoder").asText()).isEqualTo("html");
        assertThat(request.path("aggregations").path("labels").path("terms").path("field").asText())
                .isEqualTo("labels");
        assertThat(request.path("aggregations").path("languages").path("terms").path("field").asText())
                .isEqualTo("language");
        assertThat(request.path("size").asInt()).isEqualTo(10);
        assertThat(request.path("track_total_hits").asBoolean()).isTrue();
    }

    @Test
    void emptyTextIsMatchAllNewestFirst() throws IOException {
        JsonNode request = requestJson(new SearchQuery("  ", null, null, 5));

        assertThat(request.path("query").path("bool").path("must").get(0).has("match_all")).isTrue();
        assertThat(request.path("sort").toString()).contains("publishedAt").contains("desc");
        assertThat(request.path("sort").toString()).doesNotContain("_score");
        assertThat(request.has("highlight")).isFalse();
        assertThat(request.path("query").path("bool").path("filter").size()).isZero();
    }

    @Test
    void queryValidatesSize() {
        assertThatThrownBy(() -> new SearchQuery("x", List.of(), List.of(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> new SearchQuery("x", List.of(), List.of(), SearchQuery.MAX_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SearchQuery.text(null, 0).text()).isEmpty();
    }

    @Test
    void snippetPrefersTheLanguageHighlight() {
        String snippet = NewsSearch.snippet(Map.of(
                "body", List.of("standard <em>Ausfälle</em>"),
                "body_de", List.of("die <em>Ausfälle</em> der", "zweite <em>Ausfall</em>")), "body");

        assertThat(snippet).isEqualTo("die <em>Ausfälle</em> der … zweite <em>Ausfall</em>");
    }

    @Test
    void snippetFallsBackToTheEscapedBodyStart() {
        String body = "<script>alert('x')</script> " + "word ".repeat(100);

        String snippet = NewsSearch.snippet(Map.of(), body);

        assertThat(snippet).startsWith("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").endsWith(" …")
                .doesNotContain("<script>");
        assertThat(snippet.length()).isLessThan(260);
        assertThat(NewsSearch.snippet(null, "short")).isEqualTo("short");
    }
}
