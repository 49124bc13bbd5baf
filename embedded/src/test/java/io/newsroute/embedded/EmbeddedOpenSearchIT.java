package io.newsroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedOpenSearchIT {

    @TempDir
    static Path home;

    static EmbeddedOpenSearch search;
    static OpenSearchHttp http;

    @BeforeAll
    static void start() {
        search = EmbeddedOpenSearch.start(home);
        http = new OpenSearchHttp(search.httpUrl());
    }

    @AfterAll
    static void stop() {
        if (search != null) {
            search.close();
        }
    }

    @Test
    void rootAnswersWithTheVersion() throws Exception {
        assertThat(search.httpUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        HttpResponse<String> root = http.send("GET", "/", null);
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).contains("\"number\" : \"2.19.6\"");
    }

    @Test
    void germanAnalyzerStemsSoAusfallFindsAusfaelle() throws Exception {
        HttpResponse<String> created = http.send("PUT", "/articles-de", """
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
                 "mappings": {"properties": {"body": {"type": "text", "analyzer": "german"},
                                             "score": {"type": "scaled_float", "scaling_factor": 100}}}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        HttpResponse<String> indexed = http.send("PUT", "/articles-de/_doc/1?refresh=true",
                "{\"body\": \"Massive Ausfälle bei AWS in der Region eu-central-1\", \"score\": 0.87}");
        assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);

        HttpResponse<String> hit = http.send("POST", "/articles-de/_search",
                "{\"query\": {\"match\": {\"body\": \"Ausfall\"}}}");
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.body()).contains("\"total\":{\"value\":1");

        HttpResponse<String> miss = http.send("POST", "/articles-de/_search",
                "{\"query\": {\"match\": {\"body\": \"Datenleck\"}}}");
        assertThat(miss.body()).contains("\"total\":{\"value\":0");

        HttpResponse<String> health = http.send("GET", "/_cluster/health/articles-de", null);
        assertThat(health.body()).contains("\"status\":\"green\"");
    }

    @Test
    void dutchAnalyzerIsAvailable() throws Exception {
        HttpResponse<String> analyzed = http.send("POST", "/_analyze",
                "{\"analyzer\": \"dutch\", \"text\": \"storingen\"}");
        assertThat(analyzed.statusCode()).as(analyzed.body()).isEqualTo(200);
        assertThat(analyzed.body()).contains("\"token\":\"storing\"");
    }
}
