package io.newsroute.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;

class OpenSearchSinkConnectorTest {

    @Test
    void taskConfigsAreCopiesOfTheConnectorConfig() {
        OpenSearchSinkConnector connector = new OpenSearchSinkConnector();
        Map<String, String> props = Map.of(OpenSearchSinkConfig.URL, "http://127.0.0.1:9200",
                OpenSearchSinkConfig.INDEX_ALIAS, "articles");
        connector.start(props);

        List<Map<String, String>> configs = connector.taskConfigs(3);

        assertThat(configs).hasSize(3).allSatisfy(c -> assertThat(c).isEqualTo(props));
        assertThat(connector.taskClass()).isEqualTo(OpenSearchSinkTask.class);
        assertThat(connector.config()).isSameAs(OpenSearchSinkConfig.CONFIG);
        assertThat(connector.version()).isNotBlank().isNotEqualTo("unknown");
        connector.stop();
    }

    @Test
    void startFailsOnABadConfig() {
        assertThatThrownBy(() -> new OpenSearchSinkConnector().start(Map.of(OpenSearchSinkConfig.URL, "nope")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(OpenSearchSinkConfig.URL);
    }

    @Test
    void validateReportsTheBadKey() {
        var result = new OpenSearchSinkConnector().validate(Map.of(OpenSearchSinkConfig.URL, "http://127.0.0.1:9200",
                OpenSearchSinkConfig.BATCH_SIZE, "0"));

        assertThat(result.configValues())
                .filteredOn(v -> v.name().equals(OpenSearchSinkConfig.BATCH_SIZE))
                .singleElement()
                .satisfies(v -> assertThat(v.errorMessages()).isNotEmpty());
    }

    /** Connect's plugin.discovery=service_load only finds connectors listed in META-INF/services. */
    @Test
    void connectorIsDiscoverableAsAService() {
        assertThat(ServiceLoader.load(SinkConnector.class).stream().map(ServiceLoader.Provider::type))
                .contains(OpenSearchSinkConnector.class);
    }
}
