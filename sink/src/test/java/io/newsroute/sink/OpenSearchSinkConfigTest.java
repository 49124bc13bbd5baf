package io.newsroute.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenSearchSinkConfigTest {

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put(OpenSearchSinkConfig.URL, "http://127.0.0.1:9200");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    @Test
    void defaults() {
        OpenSearchSinkConfig config = new OpenSearchSinkConfig(props());

        assertThat(config.urls()).containsExactly(URI.create("http://127.0.0.1:9200"));
        assertThat(config.indexAlias()).isEqualTo("news");
        assertThat(config.indexShards()).isEqualTo(1);
        assertThat(config.indexReplicas()).isZero();
        assertThat(config.batchSize()).isEqualTo(500);
        assertThat(config.maxRetries()).isEqualTo(8);
        assertThat(config.retryBackoffMs()).isEqualTo(200L);
        assertThat(config.retryBackoffMaxMs()).isEqualTo(10_000L);
        assertThat(config.username()).isEmpty();
        assertThat(config.password()).isEmpty();
        assertThat(config.truststorePath()).isEmpty();
    }

    @Test
    void severalUrlsAndCredentials() {
        OpenSearchSinkConfig config = new OpenSearchSinkConfig(props(
                OpenSearchSinkConfig.URL, "https://a.example:9200, https://b.example:9200",
                OpenSearchSinkConfig.USERNAME, "admin", OpenSearchSinkConfig.PASSWORD, "secret"));

        assertThat(config.urls()).containsExactly(URI.create("https://a.example:9200"),
                URI.create("https://b.example:9200"));
        assertThat(config.username()).isEqualTo("admin");
        assertThat(config.password()).isEqualTo("secret");
        assertThat(config.toString()).doesNotContain("secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1:9200", "127.0.0.1:9200", "http://", "http://bad host:9200", " "})
    void badUrlNamesTheKey(String url) {
        assertThatThrownBy(() -> new OpenSearchSinkConfig(props(OpenSearchSinkConfig.URL, url)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(OpenSearchSinkConfig.URL);
    }

    @Test
    void missingUrlNamesTheKey() {
        assertThatThrownBy(() -> new OpenSearchSinkConfig(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(OpenSearchSinkConfig.URL);
    }

    @Test
    void negativeBatchSizeNamesTheKey() {
        assertThatThrownBy(() -> new OpenSearchSinkConfig(props(OpenSearchSinkConfig.BATCH_SIZE, "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(OpenSearchSinkConfig.BATCH_SIZE)
                .hasMessageContaining("-1");
    }

    @Test
    void nonNumericRetriesNamesTheKey() {
        assertThatThrownBy(() -> new OpenSearchSinkConfig(props(OpenSearchSinkConfig.MAX_RETRIES, "many")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(OpenSearchSinkConfig.MAX_RETRIES);
    }

    @Test
    void backoffMaxBelowBaseNamesTheKey() {
        assertThatThrownBy(() -> new OpenSearchSinkConfig(props(OpenSearchSinkConfig.RETRY_BACKOFF_MS, "500",
                OpenSearchSinkConfig.RETRY_BACKOFF_MAX_MS, "100")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(OpenSearchSinkConfig.RETRY_BACKOFF_MAX_MS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"News", "_news", "news alias", ""})
    void invalidAliasNamesTheKey(String alias) {
        assertThatThrownBy(() -> new OpenSearchSinkConfig(props(OpenSearchSinkConfig.INDEX_ALIAS, alias)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(OpenSearchSinkConfig.INDEX_ALIAS);
    }

    @Test
    void passwordWithoutUserNamesTheKey() {
        assertThatThrownBy(() -> new OpenSearchSinkConfig(props(OpenSearchSinkConfig.PASSWORD, "secret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(OpenSearchSinkConfig.USERNAME);
    }

    @Test
    void unreadableTrustStoreNamesTheKey() {
        OpenSearchSinkConfig config = new OpenSearchSinkConfig(props(
                OpenSearchSinkConfig.URL, "https://127.0.0.1:9200",
                OpenSearchSinkConfig.TRUSTSTORE_PATH, "/nonexistent/truststore.p12"));

        assertThatThrownBy(() -> OpenSearchClients.create(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(OpenSearchSinkConfig.TRUSTSTORE_PATH);
    }

    @Test
    void everyKeyIsDocumentedAndGrouped() {
        List<ConfigDef.ConfigKey> keys = List.copyOf(OpenSearchSinkConfig.CONFIG.configKeys().values());

        assertThat(keys).hasSize(14);
        assertThat(keys).allSatisfy(key -> {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
        });
        assertThat(keys).extracting(k -> k.name).allMatch(n -> n.startsWith("opensearch.") || n.startsWith("sink."));
    }
}
