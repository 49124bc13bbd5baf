package io.newsroute.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import io.newsroute.schema.Labels;

class ClassifyConfigTest {

    @Test
    void defaults() {
        ClassifyConfig config = ClassifyConfig.defaults();

        assertThat(config.languages()).hasSize(22).startsWith("de", "nl", "en", "fr", "es").contains("nb", "zh", "ja");
        // unset: the model's own threshold applies; threshold() keeps its old 0.5 answer for old callers
        Labels.ALL.forEach(label -> assertThat(config.thresholdOverride(label)).isEmpty());
        Labels.ALL.forEach(label -> assertThat(config.threshold(label)).isEqualTo(0.5));
        assertThat(config.detectPrefixChars()).isEqualTo(400);
        assertThat(config.maxBodyChars()).isEqualTo(1_000_000);
        assertThat(config.applicationId()).isEqualTo("newsroute-classify");
        assertThat(config.numStreamThreads()).isEqualTo(2);
        assertThat(config.detectAccuracy()).isEqualTo(ClassifyConfig.DetectAccuracy.HIGH);
    }

    @Test
    void typedValues() {
        ClassifyConfig config = new ClassifyConfig(Map.of(
                "classify.languages", " DE, nl ,de",
                "classify.threshold.stock-commentary", "0.7",
                "classify.detect.prefix.chars", "300",
                "classify.detect.accuracy", "LOW"));

        assertThat(config.languages()).containsExactly("de", "nl");
        assertThat(config.threshold(Labels.STOCK_COMMENTARY)).isEqualTo(0.7);
        assertThat(config.thresholdOverride(Labels.STOCK_COMMENTARY)).hasValue(0.7);
        assertThat(config.thresholdOverride(Labels.CLOUD_OUTAGE)).isEmpty();
        assertThat(config.detectPrefixChars()).isEqualTo(300);
        assertThat(config.detectAccuracy()).isEqualTo(ClassifyConfig.DetectAccuracy.LOW);
    }

    @Test
    void unknownLanguageCodeNamesTheKeyAndTheValidCodes() {
        assertThatThrownBy(() -> new ClassifyConfig(Map.of("classify.languages", "de,xx")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("classify.languages")
                .hasMessageContaining("'xx'")
                .hasMessageContaining("valid ISO 639-1 codes: af,ar,");
    }

    @Test
    void oneLanguageIsNotEnoughForTheDetector() {
        assertThatThrownBy(() -> new ClassifyConfig(Map.of("classify.languages", "de")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("classify.languages")
                .hasMessageContaining("at least two");
    }

    @Test
    void thresholdOutOfRangeNamesTheKey() {
        assertThatThrownBy(() -> new ClassifyConfig(Map.of("classify.threshold.cloud-outage", "1.5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("classify.threshold.cloud-outage")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> new ClassifyConfig(Map.of("classify.threshold.security-breach", "-0.1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("classify.threshold.security-breach");
    }

    @Test
    void otherInvalidValuesNameTheirKey() {
        assertThatThrownBy(() -> new ClassifyConfig(Map.of("classify.max.body.chars", "0")))
                .hasMessageContaining("classify.max.body.chars");
        assertThatThrownBy(() -> new ClassifyConfig(Map.of("classify.num.stream.threads", "zero")))
                .hasMessageContaining("classify.num.stream.threads");
        assertThatThrownBy(() -> new ClassifyConfig(Map.of("classify.detect.accuracy", "medium")))
                .hasMessageContaining("classify.detect.accuracy");
        assertThatThrownBy(() -> new ClassifyConfig(Map.of("classify.application.id", "")))
                .hasMessageContaining("classify.application.id");
    }

    @Test
    void unknownLabelIsRejected() {
        assertThatThrownBy(() -> ClassifyConfig.defaults().threshold("weather"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weather");
    }

    @Test
    void everyKeyIsNamespacedAndDocumented() {
        for (ConfigDef.ConfigKey key : ClassifyConfig.CONFIG.configKeys().values()) {
            assertThat(key.name).startsWith("classify.");
            assertThat(key.documentation).as("documentation of %s", key.name).isNotBlank();
            assertThat(key.hasDefault()).as("default of %s", key.name).isTrue();
        }
        assertThat(ClassifyConfig.CONFIG.names()).contains("classify.languages", "classify.threshold.cloud-outage",
                "classify.threshold.security-breach", "classify.threshold.stock-commentary",
                "classify.detect.prefix.chars", "classify.max.body.chars", "classify.application.id",
                "classify.num.stream.threads");
    }

    @Test
    void streamsPropertiesUseExactlyOnceAndApplyOverridesLast() {
        ClassifyConfig config = new ClassifyConfig(Map.of("classify.application.id", "app-1", "classify.num.stream.threads", "3"));
        Properties props = ClassifyStreams.properties(config, "127.0.0.1:9092", Path.of("state"),
                Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500, "producer.linger.ms", 1));

        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("app-1");
        assertThat(props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("127.0.0.1:9092");
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(3);
        assertThat((String) props.get(StreamsConfig.STATE_DIR_CONFIG)).endsWith("state");
        assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(500);
        assertThat(props.get("producer.linger.ms")).isEqualTo(1);
        assertThat(props.get(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG)).asString().contains("ByteArraySerde");
        // the properties are accepted by Kafka Streams itself
        assertThat(new StreamsConfig(props).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
    }
}
