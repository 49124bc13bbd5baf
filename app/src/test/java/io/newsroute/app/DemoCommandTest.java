package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.newsroute.app.config.NewsrouteConfig;

class DemoCommandTest {

    @Test
    void configuredConnectionsAreNamedAsUnusedWithWhereTheyCameFrom() {
        NewsrouteConfig settings = NewsrouteConfig.load(new NewsrouteConfig.Sources(Optional.empty(), Path.of("."),
                Map.of("NEWSROUTE_OPENSEARCH_URL", "http://search.example:9200"),
                Map.of("kafka.bootstrap.servers", "kafka-1.example:9092"), Optional.empty()));

        assertThat(DemoCommand.unusedConnectionSettings(settings)).hasSize(2).satisfiesExactly(
                kafka -> assertThat(kafka).contains("embedded Kafka broker", "kafka.bootstrap.servers=kafka-1.example:9092",
                        "'./newsroute run' connects to it"),
                search -> assertThat(search).contains("embedded OpenSearch node", "opensearch.url=http://search.example:9200",
                        "NEWSROUTE_OPENSEARCH_URL"));
    }

    @Test
    void nothingToSayWithoutConnectionSettings() {
        NewsrouteConfig settings = NewsrouteConfig.load(new NewsrouteConfig.Sources(Optional.empty(), Path.of("."),
                Map.of(), Map.of("classify.threshold.cloud-outage", "0.5"), Optional.empty()));
        assertThat(DemoCommand.unusedConnectionSettings(settings)).isEmpty();
    }
}
