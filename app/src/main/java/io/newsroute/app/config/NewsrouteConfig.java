package io.newsroute.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.newsroute.app.KafkaClientProperties;
import io.newsroute.classify.ClassifyConfig;
import io.newsroute.classify.extract.ExtractConfig;
import io.newsroute.sink.OpenSearchSinkConfig;

/**
 * The one place where the configuration sources are merged. From lowest to highest precedence:
 * <ol>
 *   <li>the defaults of the {@link ConfigRegistry} definitions</li>
 *   <li>the config file: {@code --config FILE}, else {@code newsroute.properties} in the working
 *       directory when it exists ({@code .properties}, or {@code .yaml}/{@code .yml} with nested keys);
 *       {@code ${env:NAME}} and {@code ${file:PATH}} in values are resolved</li>
 *   <li>environment variables: {@code NEWSROUTE_} plus the key in upper case with '.' and '-' as '_'
 *       ({@code NEWSROUTE_CLASSIFY_LANGUAGES} sets {@code classify.languages}), and the aliases of
 *       {@link ConfigRegistry#ENV_ALIASES}</li>
 *   <li>command-line flags, {@code --set KEY=VALUE}, and the Kafka client properties of
 *       {@code --kafka-config FILE} (as {@code kafka.*})</li>
 * </ol>
 * Keys under {@code kafka.} that are not Newsroute keys are Kafka client properties, passed to every
 * client without the prefix. Every other key must be defined in the registry. Everything is checked
 * before anything starts: an unknown key (with a "did you mean" for a near miss), an invalid value (with
 * its source and what is valid) or an environment variable that looks like a misspelt setting fails with
 * a {@link ConfigurationException} that lists every problem.
 */
public final class NewsrouteConfig {
    /** The config file read from the working directory when {@code --config} is not given. */
    public static final String DEFAULT_FILE = "newsroute.properties";
    /** Where the reference lives; named in error messages. */
    public static final String REFERENCE = "docs/configuration.md";

    /** Environment variables of the launcher and Docker image, never settings. */
    private static final Set<String> NOT_SETTINGS = Set.of("NEWSROUTE_JAVA_OPTS", "NEWSROUTE_REBUILD", "NEWSROUTE_HOME");
    /** Client prefixes Kafka understands in front of a client property. */
    private static final List<String> CLIENT_PREFIXES = List.of("producer.", "consumer.", "admin.", "main.consumer.",
            "restore.consumer.", "global.consumer.");
    private static final Set<String> SINK_CONNECTION_KEYS = Set.of(OpenSearchSinkConfig.URL, OpenSearchSinkConfig.USERNAME,
            OpenSearchSinkConfig.PASSWORD);

    private final Map<String, String> values;
    private final Map<String, String> origins;
    private final Optional<Path> file;
    private final AppConfig app;
    private final ClassifyConfig classify;
    private final ExtractConfig extract;
    private final TopicsConfig topics;

    private NewsrouteConfig(Map<String, String> values, Map<String, String> origins, Optional<Path> file, AppConfig app,
                            ClassifyConfig classify, ExtractConfig extract, TopicsConfig topics) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.origins = Map.copyOf(origins);
        this.file = file;
        this.app = app;
        this.classify = classify;
        this.extract = extract;
        this.topics = topics;
    }

    /**
     * What to merge.
     *
     * @param configFile {@code --config FILE}; empty: {@value #DEFAULT_FILE} in {@code workingDir} if present
     * @param workingDir where relative paths and the default file are looked up
     * @param env the environment
     * @param flags keys set on the command line (flags and {@code --set}), highest precedence
     * @param kafkaConfigFile {@code --kafka-config FILE}: Kafka client properties at flag precedence
     */
    public record Sources(Optional<Path> configFile, Path workingDir, Map<String, String> env, Map<String, String> flags,
                          Optional<Path> kafkaConfigFile) {
        public Sources {
            env = Map.copyOf(env);
            flags = Map.copyOf(flags);
        }

        /** This process: its working directory and environment. */
        public static Sources of(Optional<Path> configFile, Map<String, String> flags, Optional<Path> kafkaConfigFile) {
            return new Sources(configFile, Path.of("").toAbsolutePath(), System.getenv(), flags, kafkaConfigFile);
        }
    }

    /**
     * Merges and checks every source.
     *
     * @throws ConfigurationException listing every problem
     */
    public static NewsrouteConfig load(Sources sources) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        UnaryOperator<String> env = sources.env()::get;

        Optional<Path> file = sources.configFile().map(f -> sources.workingDir().resolve(f));
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            problems.add("config file " + file.get() + " (--config) does not exist or is not a file");
            file = Optional.empty();
        } else if (file.isEmpty() && Files.isRegularFile(sources.workingDir().resolve(DEFAULT_FILE))) {
            file = Optional.of(sources.workingDir().resolve(DEFAULT_FILE));
        }
        if (file.isPresent()) {
            String origin = "config file " + file.get().getFileName();
            readFile(file.get(), problems).forEach((key, value) -> put(values, origins, key, value, origin, env, problems));
        }

        readEnvironment(sources.env(), values, origins, problems);

        sources.kafkaConfigFile().ifPresent(kafkaFile -> {
            try {
                KafkaClientProperties.load(sources.workingDir().resolve(kafkaFile), env).forEach((key, value) -> {
                    values.put(AppConfig.KAFKA_PREFIX + key, String.valueOf(value));
                    origins.put(AppConfig.KAFKA_PREFIX + key, "--kafka-config " + kafkaFile + " (" + key + ")");
                });
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        sources.flags().forEach((key, value) -> {
            values.put(key, value);
            origins.put(key, "command line (" + ConfigRegistry.FLAGS.getOrDefault(key, "--set " + key) + ")");
        });

        Map<String, ConfigDef.ConfigKey> keys = ConfigRegistry.keys();
        for (String key : new TreeSet<>(values.keySet())) {
            String origin = origins.get(key);
            ConfigDef.ConfigKey definition = keys.get(key);
            if (definition != null) {
                check(definition, values.get(key), origin).ifPresent(problems::add);
            } else if (key.startsWith(AppConfig.KAFKA_PREFIX)) {
                checkClientProperty(key, origin).ifPresent(problems::add);
            } else {
                problems.add(unknown(key, origin, keys.keySet()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }

        AppConfig app = build(AppConfig.CONFIG, values, origins, AppConfig::new, problems);
        ClassifyConfig classify = build(ClassifyConfig.CONFIG, values, origins, ClassifyConfig::new, problems);
        ExtractConfig extract = build(ExtractConfig.CONFIG, values, origins, ExtractConfig::new, problems);
        TopicsConfig topics = build(TopicsConfig.CONFIG, values, origins, TopicsConfig::new, problems);
        Map<String, String> sink = subset(OpenSearchSinkConfig.CONFIG, values);
        sink.putIfAbsent(OpenSearchSinkConfig.URL, "http://127.0.0.1:9200"); // optional here: the embedded node
        build(OpenSearchSinkConfig.CONFIG, sink, origins, OpenSearchSinkConfig::new, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new NewsrouteConfig(values, origins, file, app, classify, extract, topics);
    }

    /** Settings of the commands themselves. */
    public AppConfig app() {
        return app;
    }

    public ClassifyConfig classify() {
        return classify;
    }

    public ExtractConfig extract() {
        return extract;
    }

    /** The topic layout: names for every command, and how {@code topics create} and {@code run} create them. */
    public TopicsConfig topics() {
        return topics;
    }

    /**
     * Connector settings ({@code opensearch.*}, {@code sink.*}) that were set, for an in-process sink;
     * without the connection ({@code opensearch.url}, {@code opensearch.username},
     * {@code opensearch.password}), which the runtime fills in.
     */
    public Map<String, String> sinkSettings() {
        Map<String, String> sink = subset(OpenSearchSinkConfig.CONFIG, values);
        SINK_CONNECTION_KEYS.forEach(sink::remove);
        return sink;
    }

    /** Kafka client properties ({@code kafka.*} without the prefix), without bootstrap servers. */
    public Map<String, Object> kafkaClient() {
        Map<String, Object> client = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(AppConfig.KAFKA_PREFIX) && !key.equals(AppConfig.BOOTSTRAP_SERVERS)) {
                client.put(key.substring(AppConfig.KAFKA_PREFIX.length()), value);
            }
        });
        return client;
    }

    /**
     * The keys of {@code definition} that were set, as strings, for building a component's config:
     * {@code new FooConfig(config.settingsOf(FooConfig.CONFIG))}. Each value was already checked.
     */
    public Map<String, String> settingsOf(ConfigDef definition) {
        return subset(definition, values);
    }

    public Optional<String> bootstrapServers() {
        return app.bootstrapServers();
    }

    public Optional<String> searchUrl() {
        return Optional.ofNullable(values.get(OpenSearchSinkConfig.URL)).map(String::trim).filter(url -> !url.isEmpty());
    }

    public String searchUsername() {
        return values.getOrDefault(OpenSearchSinkConfig.USERNAME, "");
    }

    public String searchPassword() {
        return values.getOrDefault(OpenSearchSinkConfig.PASSWORD, "");
    }

    /** The config file that was read, if any. */
    public Optional<Path> file() {
        return file;
    }

    /** Where the value of {@code key} came from: a file, an environment variable, a flag, or "default". */
    public String origin(String key) {
        return origins.getOrDefault(key, "default");
    }

    /** The keys that were set (not defaulted), each with its origin; never values (they may be secrets). */
    public Map<String, String> describe() {
        Map<String, String> described = new TreeMap<>();
        values.keySet().forEach(key -> described.put(key, origin(key)));
        return described;
    }

    private static void put(Map<String, String> values, Map<String, String> origins, String key, String value, String origin,
                            UnaryOperator<String> env, List<String> problems) {
        try {
            values.put(key, KafkaClientProperties.resolve(key, value, env));
            origins.put(key, origin);
        } catch (IllegalArgumentException e) {
            problems.add(origin + ": " + e.getMessage());
        }
    }

    private static Map<String, String> readFile(Path file, List<String> problems) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                Map<String, String> flat = new LinkedHashMap<>();
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
                if (root != null && !root.isMissingNode() && !root.isNull()) {
                    if (!root.isObject()) {
                        problems.add("config file " + file + ": expected a mapping of keys to values at the top level");
                    } else {
                        flatten("", root, flat);
                    }
                }
                return flat;
            }
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(reader);
            }
            Map<String, String> map = new LinkedHashMap<>();
            props.stringPropertyNames().forEach(key -> map.put(key.trim(), props.getProperty(key).trim()));
            return map;
        } catch (IOException | RuntimeException e) {
            problems.add("config file " + file + " cannot be read: " + e.getMessage());
            return Map.of();
        }
    }

    /** Nested YAML mappings become dotted keys; a list becomes a comma-separated value. */
    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            out.put(prefix, String.join(",", items));
        } else {
            out.put(prefix, node.isNull() ? "" : node.asText());
        }
    }

    private static void readEnvironment(Map<String, String> env, Map<String, String> values, Map<String, String> origins,
                                        List<String> problems) {
        Map<String, String> envToKey = ConfigRegistry.envToKey();
        // aliases first, so the generated name wins when both are set
        List<String> names = new ArrayList<>(new TreeSet<>(env.keySet()));
        names.sort((a, b) -> Boolean.compare(!ConfigRegistry.ENV_ALIASES.containsValue(a), !ConfigRegistry.ENV_ALIASES.containsValue(b)));
        for (String name : names) {
            String key = envToKey.get(name);
            if (key != null) {
                values.put(key, env.get(name));
                origins.put(key, "environment variable " + name);
            } else if (name.startsWith("NEWSROUTE_") && !NOT_SETTINGS.contains(name)) {
                // other NEWSROUTE_ variables (secrets for ${env:...}) are fine; a near miss of a setting is a typo
                Suggestions.closest(name, envToKey.keySet()).ifPresent(near -> problems.add("environment variable " + name
                        + " is not a Newsroute setting; did you mean " + near + " (" + envToKey.get(near) + ")?"));
            }
        }
    }

    private static Optional<String> check(ConfigDef.ConfigKey key, String value, String origin) {
        try {
            Object parsed = ConfigDef.parseType(key.name, value, key.type);
            if (key.validator != null) {
                key.validator.ensureValid(key.name, parsed);
            }
            return Optional.empty();
        } catch (ConfigException e) {
            String shown = key.type == ConfigDef.Type.PASSWORD ? "[hidden]" : "'" + value + "'";
            return Optional.of("invalid value " + shown + " for " + key.name + " (" + origin + "): " + reason(e)
                    + "; valid values: " + validValues(key) + defaultNote(key));
        }
    }

    /** Kafka's message minus its "Invalid value X for configuration K" preamble, which would repeat the value. */
    private static String reason(ConfigException e) {
        String message = e.getMessage() == null ? "invalid" : e.getMessage();
        int colon = message.startsWith("Invalid value ") ? message.indexOf(": ") : -1;
        return colon < 0 ? message : message.substring(colon + 2);
    }

    /** What a valid value of {@code key} looks like: its validator, else its type. */
    static String validValues(ConfigDef.ConfigKey key) {
        if (key.validator != null) {
            return key.validator.toString();
        }
        return switch (key.type) {
            case BOOLEAN -> "true or false";
            case INT -> "an integer";
            case LONG -> "an integer (long)";
            case SHORT -> "an integer (short)";
            case DOUBLE -> "a number";
            case LIST -> "a comma-separated list";
            case CLASS -> "a class name";
            case STRING, PASSWORD -> "any text";
        };
    }

    private static String defaultNote(ConfigDef.ConfigKey key) {
        if (!key.hasDefault() || key.defaultValue == null || key.type == ConfigDef.Type.PASSWORD) {
            return "";
        }
        String text = ConfigDef.convertToString(key.defaultValue, key.type);
        return text == null || text.isEmpty() ? "" : " (default " + text + ")";
    }

    private static String unknown(String key, String origin, Set<String> known) {
        Set<String> candidates = new TreeSet<>(known);
        clientPropertyNames().forEach(name -> candidates.add(AppConfig.KAFKA_PREFIX + name));
        String hint = Suggestions.closest(key, candidates).map(s -> "; did you mean " + s + "?").orElse("");
        return "unknown setting " + key + " (" + origin + ")" + hint + " (every setting is listed in " + REFERENCE
                + "; Kafka client properties go under " + AppConfig.KAFKA_PREFIX + ")";
    }

    /**
     * A {@code kafka.*} key that is no Kafka client property is passed on (plug-ins define their own keys)
     * unless it is a near miss of one, which is a typo Kafka itself would only log.
     */
    private static Optional<String> checkClientProperty(String key, String origin) {
        String property = key.substring(AppConfig.KAFKA_PREFIX.length());
        for (String prefix : CLIENT_PREFIXES) {
            if (property.startsWith(prefix)) {
                property = property.substring(prefix.length());
                break;
            }
        }
        Set<String> names = clientPropertyNames();
        if (names.contains(property) || property.startsWith("topic.")) {
            return Optional.empty();
        }
        String finalProperty = property;
        return Suggestions.closest(property, names).filter(s -> !s.endsWith("." + finalProperty)).map(s -> "unknown Kafka client property "
                + finalProperty + " in " + key + " (" + origin + "); did you mean " + AppConfig.KAFKA_PREFIX
                + key.substring(AppConfig.KAFKA_PREFIX.length()).replace(finalProperty, s) + "?");
    }

    private static Set<String> clientPropertyNames() {
        Set<String> names = new TreeSet<>();
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        names.addAll(StreamsConfig.configDef().names());
        return names;
    }

    private static Map<String, String> subset(ConfigDef definition, Map<String, String> values) {
        Map<String, String> subset = new HashMap<>();
        for (String key : definition.names()) {
            if (values.containsKey(key)) {
                subset.put(key, values.get(key));
            }
        }
        return subset;
    }

    private static <T extends AbstractConfig> T build(ConfigDef definition, Map<String, String> values, Map<String, String> origins,
                                                      Function<Map<String, String>, T> constructor, List<String> problems) {
        try {
            return constructor.apply(subset(definition, values));
        } catch (ConfigException e) {
            // a check across keys (each value alone was valid)
            List<String> set = subset(definition, values).keySet().stream().sorted()
                    .map(k -> k + " from " + origins.getOrDefault(k, "default")).toList();
            problems.add(e.getMessage() + (set.isEmpty() ? "" : " (set: " + String.join(", ", set) + ")"));
            return null;
        }
    }
}
