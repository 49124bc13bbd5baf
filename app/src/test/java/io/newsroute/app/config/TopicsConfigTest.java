package io.newsroute.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.newsroute.schema.topic.NewsTopics;

class TopicsConfigTest {

    @Test
    void defaultsFollowTheDesign() {
        TopicsConfig config = new TopicsConfig(Map.of());

        assertThat(config.prefix()).isEqualTo("news.");
        assertThat(config.partitions()).isEqualTo(6);
        assertThat(config.retentionMs()).isEqualTo(7L * 24 * 3600 * 1000);
        assertThat(config.replicationFactor()).isEqualTo(TopicsConfig.AUTO_REPLICATION);
        NewsTopics topics = config.topics(1);
        assertThat(topics.raw().replicationFactor()).isEqualTo((short) 1);
        assertThat(topics.enriched().configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void automaticReplicationIsTheBrokerCountUpToThree() {
        TopicsConfig config = new TopicsConfig(Map.of());
        assertThat(config.effectiveReplication(1)).isEqualTo((short) 1);
        assertThat(config.effectiveReplication(2)).isEqualTo((short) 2);
        assertThat(config.effectiveReplication(5)).isEqualTo((short) 3);
        TopicsConfig explicit = new TopicsConfig(Map.of(TopicsConfig.REPLICATION_FACTOR, "2"));
        assertThat(explicit.effectiveReplication(5)).isEqualTo((short) 2);
        assertThatThrownBy(() -> explicit.effectiveReplication(1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(TopicsConfig.REPLICATION_FACTOR).hasMessageContaining("only 1 broker");
    }

    @ParameterizedTest
    @CsvSource({
        "topics.partitions, 0",
        "topics.partitions, many",
        "topics.replication.factor, 0",
        "topics.replication.factor, -2",
        "topics.retention.ms, 1000",
        "topics.retention.ms, -5",
        "topics.prefix, news/",
    })
    void badValuesNameTheKey(String key, String value) {
        assertThatThrownBy(() -> new TopicsConfig(Map.of(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(value);
    }

    @Test
    void everyKeyIsDocumented() {
        for (ConfigDef.ConfigKey key : TopicsConfig.CONFIG.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.hasDefault()).as(key.name).isTrue();
        }
    }
}
