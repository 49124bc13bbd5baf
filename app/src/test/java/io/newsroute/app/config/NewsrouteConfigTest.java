package io.newsroute.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.newsroute.classify.ClassifyConfig;
import io.newsroute.sink.OpenSearchSinkConfig;

class NewsrouteConfigTest {
    @TempDir
    Path dir;

    private NewsrouteConfig load(Map<String, String> env, Map<String, String> flags) {
        return NewsrouteConfig.load(new NewsrouteConfig.Sources(Optional.empty(), dir, env, flags, Optional.empty()));
    }

    private void file(String... lines) throws Exception {
        Files.writeString(dir.resolve(NewsrouteConfig.DEFAULT_FILE), String.join("\n", lines) + "\n");
    }

    private static List<String> problems(Runnable load) {
        try {
            load.run();
        } catch (ConfigurationException e) {
            return e.problems();
        }
        throw new AssertionError("expected a ConfigurationException");
    }

    @Test
    void defaultsWithoutAnySource() {
        NewsrouteConfig config = load(Map.of(), Map.of());
        assertThat(config.file()).isEmpty();
        assertThat(config.classify().languages()).isEqualTo(ClassifyConfig.defaults().languages());
        assertThat(config.app().webPort()).isEqualTo(8080);
        assertThat(config.bootstrapServers()).isEmpty();
        assertThat(config.kafkaClient()).isEmpty();
        assertThat(config.origin(ClassifyConfig.LANGUAGES)).isEqualTo("default");
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverTheFileWhichWinsOverDefaults() throws Exception {
        file("classify.languages=de,en", "classify.max.body.chars=1000", "web.port=9000", "extract.ner.languages=de");
        Map<String, String> env = Map.of("NEWSROUTE_CLASSIFY_LANGUAGES", "de,fr", "NEWSROUTE_WEB_PORT", "9001");
        Map<String, String> flags = Map.of("classify.languages", "de,nl");

        NewsrouteConfig config = load(env, flags);

        assertThat(config.file()).contains(dir.resolve(NewsrouteConfig.DEFAULT_FILE));
        assertThat(config.classify().languages()).as("flag over env and file").containsExactly("de", "nl");
        assertThat(config.origin(ClassifyConfig.LANGUAGES)).contains("command line");
        assertThat(config.app().webPort()).as("env over file").isEqualTo(9001);
        assertThat(config.origin(AppConfig.WEB_PORT)).isEqualTo("environment variable NEWSROUTE_WEB_PORT");
        assertThat(config.classify().maxBodyChars()).as("file over default").isEqualTo(1000);
        assertThat(config.origin(ClassifyConfig.MAX_BODY_CHARS)).isEqualTo("config file newsroute.properties");
        assertThat(config.extract().nerLanguages()).containsExactly("de");
        assertThat(config.classify().detectPrefixChars()).as("default").isEqualTo(ClassifyConfig.DEFAULT_DETECT_PREFIX_CHARS);
        assertThat(config.describe()).containsKeys(ClassifyConfig.LANGUAGES, AppConfig.WEB_PORT, ClassifyConfig.MAX_BODY_CHARS)
                .doesNotContainKey(ClassifyConfig.DETECT_PREFIX_CHARS);
    }

    @Test
    void environmentNamesMapKeysWithDotsAndDashes() {
        NewsrouteConfig config = load(Map.of("NEWSROUTE_CLASSIFY_THRESHOLD_CLOUD_OUTAGE", "0.7",
                "NEWSROUTE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"), Map.of());
        assertThat(config.classify().thresholdOverride("cloud-outage")).hasValue(0.7);
        assertThat(config.bootstrapServers()).contains("kafka:9092");
        assertThat(ConfigRegistry.envName("classify.threshold.cloud-outage")).isEqualTo("NEWSROUTE_CLASSIFY_THRESHOLD_CLOUD_OUTAGE");
    }

    @Test
    void oldSearchCredentialVariablesKeepWorkingAndTheGeneratedNameWins() {
        NewsrouteConfig old = load(Map.of("NEWSROUTE_SEARCH_USERNAME", "analyst", "NEWSROUTE_SEARCH_PASSWORD", "s3cret"), Map.of());
        assertThat(old.searchUsername()).isEqualTo("analyst");
        assertThat(old.searchPassword()).isEqualTo("s3cret");

        NewsrouteConfig both = load(Map.of("NEWSROUTE_SEARCH_PASSWORD", "old", "NEWSROUTE_OPENSEARCH_PASSWORD", "new",
                "NEWSROUTE_SEARCH_USERNAME", "analyst"), Map.of());
        assertThat(both.searchPassword()).isEqualTo("new");
    }

    @Test
    void otherNewsrouteVariablesAreLeftAlone() {
        NewsrouteConfig config = load(Map.of("NEWSROUTE_KAFKA_PASSWORD", "x", "NEWSROUTE_JAVA_OPTS", "-Xmx1g",
                "NEWSROUTE_REBUILD", "1", "PATH", "/bin"), Map.of());
        assertThat(config.describe()).isEmpty();
    }

    @Test
    void kafkaPrefixedKeysAreClientPropertiesAndKafkaConfigFileWinsOverThem() throws Exception {
        file("kafka.bootstrap.servers=file:9092", "kafka.security.protocol=SASL_PLAINTEXT", "kafka.sasl.mechanism=PLAIN",
                "kafka.my.interceptor.setting=42");
        Path client = dir.resolve("client.properties");
        Files.writeString(client, "sasl.mechanism=SCRAM-SHA-512\n");

        NewsrouteConfig config = NewsrouteConfig.load(new NewsrouteConfig.Sources(Optional.empty(), dir, Map.of(),
                Map.of(), Optional.of(client)));

        assertThat(config.bootstrapServers()).contains("file:9092");
        assertThat(config.kafkaClient()).containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512", "my.interceptor.setting", "42"));
        assertThat(config.origin("kafka.sasl.mechanism")).contains("--kafka-config");

        NewsrouteConfig flagged = NewsrouteConfig.load(new NewsrouteConfig.Sources(Optional.empty(), dir, Map.of(),
                Map.of(AppConfig.BOOTSTRAP_SERVERS, "flag:9092"), Optional.of(client)));
        assertThat(flagged.bootstrapServers()).contains("flag:9092");
    }

    @Test
    void placeholdersInTheFileAreResolvedFromTheEnvironmentAndFiles() throws Exception {
        Path secret = dir.resolve("password.txt");
        Files.writeString(secret, "from-file\n");
        file("opensearch.username=${env:SEARCH_USER}", "opensearch.password=${file:" + secret.toString().replace("\\", "/") + "}");
        NewsrouteConfig config = load(Map.of("SEARCH_USER", "analyst"), Map.of());
        assertThat(config.searchUsername()).isEqualTo("analyst");
        assertThat(config.searchPassword()).isEqualTo("from-file");
    }

    @Test
    void explicitConfigFileMayBeYamlWithNestedKeysAndLists() throws Exception {
        Path yaml = dir.resolve("newsroute.yaml");
        Files.writeString(yaml, String.join("\n",
                "classify:",
                "  languages: [de, en, fr]",
                "  threshold:",
                "    stock-commentary: 0.8",
                "web:",
                "  port: 0",
                "kafka:",
                "  bootstrap.servers: kafka:9092",
                ""));
        NewsrouteConfig config = NewsrouteConfig.load(new NewsrouteConfig.Sources(Optional.of(Path.of("newsroute.yaml")), dir,
                Map.of(), Map.of(), Optional.empty()));
        assertThat(config.classify().languages()).containsExactly("de", "en", "fr");
        assertThat(config.classify().thresholdOverride("stock-commentary")).hasValue(0.8);
        assertThat(config.app().webPort()).isZero();
        assertThat(config.bootstrapServers()).contains("kafka:9092");
    }

    @Test
    void aMissingExplicitConfigFileIsAnError() {
        assertThat(problems(() -> NewsrouteConfig.load(new NewsrouteConfig.Sources(Optional.of(Path.of("nope.properties")), dir,
                Map.of(), Map.of(), Optional.empty())))).singleElement().asString().contains("nope.properties").contains("--config");
    }

    @Test
    void unknownKeyNamesTheKeyItsSourceAndTheNearestKey() throws Exception {
        file("classify.langauges=de,en");
        assertThat(problems(() -> load(Map.of(), Map.of()))).singleElement().asString()
                .contains("unknown setting classify.langauges")
                .contains("config file newsroute.properties")
                .contains("did you mean classify.languages?")
                .contains(NewsrouteConfig.REFERENCE);
    }

    @Test
    void keyWithoutItsNamespaceSuggestsTheNamespacedOne() {
        assertThat(problems(() -> load(Map.of(), Map.of("security.protocol", "SSL")))).singleElement().asString()
                .contains("unknown setting security.protocol").contains("did you mean kafka.security.protocol?");
    }

    @Test
    void unknownKeyFarFromEveryKeyHasNoSuggestion() {
        assertThat(problems(() -> load(Map.of(), Map.of("colour.scheme", "dark")))).singleElement().asString()
                .contains("unknown setting colour.scheme").doesNotContain("did you mean");
    }

    @Test
    void invalidValueNamesKeySourceAndValidValues() {
        assertThat(problems(() -> load(Map.of("NEWSROUTE_WEB_PORT", "70000"), Map.of()))).singleElement().asString()
                .contains("invalid value '70000' for web.port")
                .contains("environment variable NEWSROUTE_WEB_PORT")
                .contains("valid values: [0,...,65535]")
                .contains("default 8080");
        assertThat(problems(() -> load(Map.of(), Map.of("classify.languages", "de")))).singleElement().asString()
                .contains("classify.languages").contains("at least two");
        assertThat(problems(() -> load(Map.of(), Map.of("web.enabled", "maybe")))).singleElement().asString()
                .contains("web.enabled").contains("true or false");
        assertThat(problems(() -> load(Map.of(), Map.of("classify.detect.accuracy", "medium")))).singleElement().asString()
                .contains("classify.detect.accuracy").contains("HIGH").contains("LOW");
    }

    @Test
    void passwordValuesAreNeverShownInErrors() {
        assertThat(problems(() -> load(Map.of(), Map.of(OpenSearchSinkConfig.PASSWORD, "hunter2")))).singleElement().asString()
                .contains(OpenSearchSinkConfig.USERNAME).doesNotContain("hunter2");
    }

    @Test
    void checksAcrossKeysRunAtLoad() {
        assertThat(problems(() -> load(Map.of(), Map.of(OpenSearchSinkConfig.RETRY_BACKOFF_MS, "5000",
                OpenSearchSinkConfig.RETRY_BACKOFF_MAX_MS, "1000")))).singleElement().asString()
                .contains(OpenSearchSinkConfig.RETRY_BACKOFF_MAX_MS).contains("must be at least");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        file("classify.langauges=de,en", "web.port=-1");
        Map<String, String> env = new HashMap<>();
        env.put("NEWSROUTE_CLASIFY_LANGUAGES", "de,en");
        assertThat(problems(() -> load(env, Map.of("sink.batch.size", "0")))).hasSize(4)
                .anySatisfy(p -> assertThat(p).contains("classify.langauges"))
                .anySatisfy(p -> assertThat(p).contains("web.port"))
                .anySatisfy(p -> assertThat(p).contains("sink.batch.size"))
                .anySatisfy(p -> assertThat(p).contains("NEWSROUTE_CLASIFY_LANGUAGES")
                        .contains("did you mean NEWSROUTE_CLASSIFY_LANGUAGES"));
    }

    @Test
    void aNearMissOfAKafkaClientPropertyFailsAndAPluginPropertyPasses() {
        assertThat(problems(() -> load(Map.of(), Map.of("kafka.sasl.mechansim", "PLAIN")))).singleElement().asString()
                .contains("kafka.sasl.mechansim").contains("did you mean kafka.sasl.mechanism?");
        assertThat(problems(() -> load(Map.of(), Map.of("kafka.producer.linger.msec", "5")))).singleElement().asString()
                .contains("did you mean kafka.producer.linger.ms?");
        assertThat(load(Map.of(), Map.of("kafka.producer.linger.ms", "5", "kafka.acme.audit.endpoint", "x")).kafkaClient())
                .containsEntry("producer.linger.ms", "5").containsEntry("acme.audit.endpoint", "x");
    }

    @Test
    void sinkSettingsLeaveTheConnectionToTheRuntime() {
        NewsrouteConfig config = load(Map.of(), Map.of(OpenSearchSinkConfig.URL, "http://127.0.0.1:9200",
                OpenSearchSinkConfig.BATCH_SIZE, "50", OpenSearchSinkConfig.INDEX_ALIAS, "articles"));
        assertThat(config.searchUrl()).contains("http://127.0.0.1:9200");
        assertThat(config.sinkSettings()).containsExactlyInAnyOrderEntriesOf(Map.of(OpenSearchSinkConfig.BATCH_SIZE, "50",
                OpenSearchSinkConfig.INDEX_ALIAS, "articles"));
    }
}
