package io.newsroute.app.config;

import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings of the {@code ./newsroute} commands themselves: where Kafka is, the search page, and the
 * state directories of {@code run}, {@code demo} and {@code replay}. The OpenSearch connection uses
 * the sink connector's keys ({@code opensearch.url}, {@code opensearch.username},
 * {@code opensearch.password}), and every other {@code kafka.*} key is a Kafka client property.
 */
public final class AppConfig extends AbstractConfig {
    public static final String KAFKA_PREFIX = "kafka.";
    public static final String BOOTSTRAP_SERVERS = KAFKA_PREFIX + "bootstrap.servers";
    public static final String WEB_HOST = "web.host";
    public static final String WEB_PORT = "web.port";
    public static final String WEB_ENABLED = "web.enabled";
    public static final String WEB_POST_MAX_BYTES = "web.post.max.bytes";
    public static final String RUN_DATA_DIR = "run.data.dir";
    public static final String RUN_CLASSIFY_ENABLED = "run.classify.enabled";
    public static final String RUN_SINK_ENABLED = "run.sink.enabled";
    public static final String DEMO_DATA_DIR = "demo.data.dir";
    public static final String REPLAY_DATA_DIR = "replay.data.dir";
    public static final String REPLAY_APPLICATION_ID = "replay.application.id";

    private static final String GROUP_KAFKA = "Kafka";
    private static final String GROUP_WEB = "Search page";
    private static final String GROUP_COMMANDS = "Commands";

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, "", Importance.HIGH,
                    "Kafka bootstrap servers (HOST:PORT[,...]) for run, ingest and replay. Empty: run starts an embedded "
                            + "broker; ingest and replay use the broker of the running demo or run. demo always starts "
                            + "its own embedded broker. Every other kafka.* key is passed to every Kafka client without "
                            + "the prefix (for example kafka.security.protocol=SASL_SSL).",
                    GROUP_KAFKA, 1, ConfigDef.Width.LONG, "Bootstrap servers")
            .define(WEB_HOST, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyStringWithoutControlChars(), Importance.MEDIUM,
                    "Address the search page and JSON API of run and demo bind to: 127.0.0.1 serves this machine "
                            + "only, 0.0.0.0 every interface.",
                    GROUP_WEB, 1, ConfigDef.Width.MEDIUM, "Web host")
            .define(WEB_PORT, Type.INT, 8080, Range.between(0, 65_535), Importance.MEDIUM,
                    "Port of the search page and JSON API of run and demo; 0 picks any free port, and a busy port "
                            + "falls back to a free one.",
                    GROUP_WEB, 2, ConfigDef.Width.SHORT, "Web port")
            .define(WEB_ENABLED, Type.BOOLEAN, true, Importance.LOW,
                    "Whether run and demo serve the search page and JSON API.",
                    GROUP_WEB, 3, ConfigDef.Width.SHORT, "Web enabled")
            .define(WEB_POST_MAX_BYTES, Type.LONG, 5L * 1024 * 1024, Range.atLeast(1024), Importance.LOW,
                    "Largest request body of POST /api/articles, where crawlers send one article (application/json) "
                            + "or a batch (application/x-ndjson) to the raw topic; a larger request is answered 413.",
                    GROUP_WEB, 4, ConfigDef.Width.SHORT, "POST request limit")
            .define(RUN_DATA_DIR, Type.STRING, "", Importance.MEDIUM,
                    "State of run: the embedded broker's and node's data, Kafka Streams state and the Connect offsets. "
                            + "Empty: .newsroute/data in the Newsroute home.",
                    GROUP_COMMANDS, 1, ConfigDef.Width.LONG, "run data directory")
            .define(RUN_CLASSIFY_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Whether run runs the classify topology; false runs only the sink.",
                    GROUP_COMMANDS, 2, ConfigDef.Width.SHORT, "run classify")
            .define(RUN_SINK_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Whether run runs the in-process Connect worker with the OpenSearch sink; false when a separate "
                            + "Connect cluster indexes news.enriched.",
                    GROUP_COMMANDS, 3, ConfigDef.Width.SHORT, "run sink")
            .define(DEMO_DATA_DIR, Type.STRING, "", Importance.LOW,
                    "State of demo, emptied at every start. Empty: .newsroute/demo in the Newsroute home.",
                    GROUP_COMMANDS, 4, ConfigDef.Width.LONG, "demo data directory")
            .define(REPLAY_DATA_DIR, Type.STRING, "", Importance.LOW,
                    "Kafka Streams state of replay. Empty: .newsroute/replay in the Newsroute home.",
                    GROUP_COMMANDS, 5, ConfigDef.Width.LONG, "replay data directory")
            .define(REPLAY_APPLICATION_ID, Type.STRING, "", Importance.MEDIUM,
                    "Kafka Streams application id of replay. Empty: newsroute-classify-<model version>, so a replay "
                            + "resumes under the same id until the model changes (classify.application.id is the live "
                            + "topology's id and is not used by replay).",
                    GROUP_COMMANDS, 6, ConfigDef.Width.MEDIUM, "replay application id");

    /** @throws org.apache.kafka.common.config.ConfigException naming the key when a value is invalid */
    public AppConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
    }

    public static AppConfig defaults() {
        return new AppConfig(Map.of());
    }

    /** The configured bootstrap servers; empty means embedded (run) or the running instance's. */
    public Optional<String> bootstrapServers() {
        return nonBlank(getString(BOOTSTRAP_SERVERS));
    }

    public String webHost() {
        return getString(WEB_HOST);
    }

    public int webPort() {
        return getInt(WEB_PORT);
    }

    public boolean webEnabled() {
        return getBoolean(WEB_ENABLED);
    }

    public long webPostMaxBytes() {
        return getLong(WEB_POST_MAX_BYTES);
    }

    public Optional<String> runDataDir() {
        return nonBlank(getString(RUN_DATA_DIR));
    }

    public boolean runClassify() {
        return getBoolean(RUN_CLASSIFY_ENABLED);
    }

    public boolean runSink() {
        return getBoolean(RUN_SINK_ENABLED);
    }

    public Optional<String> demoDataDir() {
        return nonBlank(getString(DEMO_DATA_DIR));
    }

    public Optional<String> replayDataDir() {
        return nonBlank(getString(REPLAY_DATA_DIR));
    }

    public Optional<String> replayApplicationId() {
        return nonBlank(getString(REPLAY_APPLICATION_ID));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
