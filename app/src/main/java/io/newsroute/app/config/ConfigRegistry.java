package io.newsroute.app.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;

import io.newsroute.classify.ClassifyConfig;
import io.newsroute.classify.extract.ExtractConfig;
import io.newsroute.sink.OpenSearchSinkConfig;

/**
 * Every {@link ConfigDef} of Newsroute, in one list. The loader ({@link NewsrouteConfig}) accepts
 * exactly the keys defined here (plus Kafka client properties under {@code kafka.}), the environment
 * mapping is derived from them, and {@code docs/configuration.md} is generated from them
 * ({@link ConfigDocs}).
 *
 * <p>To add a component: define its {@code ConfigDef} next to its code (one {@code *Config} class with
 * a namespace of its own), then add one {@link Component} line to {@link #COMPONENTS} and regenerate the
 * reference. {@code ConfigRegistryTest} fails until every key is documented and no key is defined twice.
 */
public final class ConfigRegistry {

    /**
     * One configurable component.
     *
     * @param name short name, used as the heading anchor of the reference
     * @param title heading of the component's section in the reference
     * @param description one paragraph: what the component is and which commands read it
     * @param definition the keys
     */
    public record Component(String name, String title, String description, ConfigDef definition) {
    }

    /** Every component, in the order of the reference. Add new components here. */
    public static final List<Component> COMPONENTS = List.of(
            new Component("app", "Commands: Kafka, search page, state",
                    "Read by `run`, `demo`, `ingest`, `replay` (and `search` for the OpenSearch connection). `demo` always "
                            + "starts its own embedded broker and OpenSearch node and ignores the connection keys.",
                    AppConfig.CONFIG),
            new Component("classify", "Classify stage",
                    "The language detection, labelling and validation stage (`ClassifyConfig`). Read by `run`, `demo`, "
                            + "`classify` and `replay`.",
                    ClassifyConfig.CONFIG),
            new Component("extract", "Entity and fact extraction",
                    "Entities and per-label facts (`ExtractConfig`). Read by `run`, `demo`, `classify` and `replay`.",
                    ExtractConfig.CONFIG),
            new Component("topics", "Topics",
                    "The topic layout (`TopicsConfig`): `topics create` creates it and `topics describe` checks it; `run`, "
                            + "`demo`, `ingest` and `replay` read and write the topics of this prefix, and `run` creates "
                            + "missing ones with these settings (production clusters create them with `topics create`).",
                    TopicsConfig.CONFIG),
            new Component("sink", "OpenSearch sink connector",
                    "The Kafka Connect sink (`OpenSearchSinkConfig`): the same keys go into a connector configuration of "
                            + "any Connect cluster (`deploy/opensearch-sink.json`). `run` and `demo` hand them to their "
                            + "in-process worker; there `opensearch.url` is optional (empty: the embedded node), and "
                            + "`opensearch.url`, `opensearch.username` and `opensearch.password` are also the connection "
                            + "of `run` and `search`.",
                    OpenSearchSinkConfig.CONFIG));

    /**
     * Components configured inside a Kafka Connect worker or connector configuration, not by Newsroute's own
     * commands: documented in the reference, but not keys of {@code newsroute.properties} (no environment
     * variables either).
     */
    public static final List<Component> CONNECT_ONLY = List.of(
            new Component("converter", "Connect converter for news.* topics",
                    "`io.newsroute.sink.converter.NewsAvroConverter` lets any Kafka Connect sink read the `news.*` topics "
                            + "as structured records. Its keys go under `value.converter.` (or `key.converter.`) in a "
                            + "worker or connector configuration, e.g. `value.converter.record.type=auto`; Newsroute's "
                            + "commands do not read them. See `docs/schemas.md` and the README's Connect section.",
                    io.newsroute.sink.converter.NewsAvroConverterConfig.CONFIG));

    /** Command-line flags that set a key, for the reference; the commands map them in their own code. */
    public static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry(AppConfig.BOOTSTRAP_SERVERS, "--bootstrap-servers"),
            Map.entry(AppConfig.WEB_HOST, "--web-host"),
            Map.entry(AppConfig.WEB_PORT, "--web-port"),
            Map.entry(AppConfig.WEB_ENABLED, "--no-web"),
            Map.entry(AppConfig.RUN_DATA_DIR, "--data-dir (run)"),
            Map.entry(AppConfig.RUN_CLASSIFY_ENABLED, "--no-classify"),
            Map.entry(AppConfig.RUN_SINK_ENABLED, "--no-sink"),
            Map.entry(AppConfig.DEMO_DATA_DIR, "--data-dir (demo)"),
            Map.entry(AppConfig.REPLAY_DATA_DIR, "--data-dir (replay)"),
            Map.entry(AppConfig.REPLAY_APPLICATION_ID, "--application-id"),
            Map.entry(OpenSearchSinkConfig.URL, "--search-url"),
            Map.entry(OpenSearchSinkConfig.USERNAME, "--search-username"),
            Map.entry(TopicsConfig.PREFIX, "--prefix (topics)"),
            Map.entry(TopicsConfig.PARTITIONS, "--partitions (topics create)"),
            Map.entry(TopicsConfig.REPLICATION_FACTOR, "--replication-factor (topics create)"),
            Map.entry(TopicsConfig.RETENTION_MS, "--retention (topics create)"));

    /** Environment variables that predate the generated mapping and keep working, by key. */
    public static final Map<String, String> ENV_ALIASES = Map.of(
            OpenSearchSinkConfig.USERNAME, "NEWSROUTE_SEARCH_USERNAME",
            OpenSearchSinkConfig.PASSWORD, "NEWSROUTE_SEARCH_PASSWORD");

    private ConfigRegistry() {
    }

    /** The environment variable of a key: {@code NEWSROUTE_} and the key in upper case, '.' and '-' as '_'. */
    public static String envName(String key) {
        return "NEWSROUTE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Every key with its definition, in registry order. */
    public static Map<String, ConfigDef.ConfigKey> keys() {
        Map<String, ConfigDef.ConfigKey> keys = new LinkedHashMap<>();
        for (Component component : COMPONENTS) {
            for (ConfigDef.ConfigKey key : component.definition().configKeys().values()) {
                keys.putIfAbsent(key.name, key);
            }
        }
        return keys;
    }

    /** Environment variable name to key, generated names and {@link #ENV_ALIASES}. */
    public static Map<String, String> envToKey() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String key : keys().keySet()) {
            env.put(envName(key), key);
        }
        ENV_ALIASES.forEach((key, alias) -> env.put(alias, key));
        return env;
    }

    /** The component that defines {@code key}. */
    public static Optional<Component> componentOf(String key) {
        return COMPONENTS.stream().filter(c -> c.definition().configKeys().containsKey(key)).findFirst();
    }
}
