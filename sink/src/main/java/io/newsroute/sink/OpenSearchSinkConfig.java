package io.newsroute.sink;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the OpenSearch sink connector and of {@link OpenSearchClients}. Every key is
 * documented and validated, so a bad value fails at start-up with a message naming the key.
 */
public final class OpenSearchSinkConfig extends AbstractConfig {
    private static final String GROUP_CONNECTION = "OpenSearch connection";
    private static final String GROUP_INDEX = "Index";
    private static final String GROUP_WRITES = "Writes";

    public static final String URL = "opensearch.url";
    public static final String USERNAME = "opensearch.username";
    public static final String PASSWORD = "opensearch.password";
    public static final String TRUSTSTORE_PATH = "opensearch.tls.truststore.path";
    public static final String TRUSTSTORE_PASSWORD = "opensearch.tls.truststore.password";
    public static final String INDEX_ALIAS = "opensearch.index.alias";
    public static final String INDEX_SHARDS = "opensearch.index.shards";
    public static final String INDEX_REPLICAS = "opensearch.index.replicas";
    public static final String BATCH_SIZE = "sink.batch.size";
    public static final String BATCH_MAX_BYTES = "sink.batch.max.bytes";
    public static final String LINGER_MS = "sink.linger.ms";
    public static final String MAX_RETRIES = "sink.max.retries";
    public static final String RETRY_BACKOFF_MS = "sink.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "sink.retry.backoff.max.ms";

    /** Index and alias names: lower case, no leading {@code _ - +}, no characters OpenSearch forbids. */
    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,200}");

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new HttpUrlList(), Importance.HIGH,
                    "Comma-separated http(s) URLs of the OpenSearch nodes, e.g. http://127.0.0.1:9200. "
                            + "Requests are spread over the nodes.",
                    GROUP_CONNECTION, 1, Width.LONG, "OpenSearch URLs")
            .define(USERNAME, Type.STRING, "", Importance.MEDIUM,
                    "User for HTTP basic authentication; empty means no authentication.",
                    GROUP_CONNECTION, 2, Width.MEDIUM, "Username")
            .define(PASSWORD, Type.PASSWORD, "", Importance.MEDIUM,
                    "Password for HTTP basic authentication (used when " + USERNAME + " is set).",
                    GROUP_CONNECTION, 3, Width.MEDIUM, "Password")
            .define(TRUSTSTORE_PATH, Type.STRING, "", Importance.LOW,
                    "Trust store (PKCS12 or JKS) with the CA of the cluster's HTTPS certificate; empty means the "
                            + "JVM's default trust store.",
                    GROUP_CONNECTION, 4, Width.LONG, "Trust store path")
            .define(TRUSTSTORE_PASSWORD, Type.PASSWORD, "", Importance.LOW,
                    "Password of the trust store in " + TRUSTSTORE_PATH + ".",
                    GROUP_CONNECTION, 5, Width.MEDIUM, "Trust store password")
            .define(INDEX_ALIAS, Type.STRING, "news", new IndexName(), Importance.MEDIUM,
                    "Alias the connector writes to and the search API reads from. It points at the concrete index "
                            + "<alias>-v<mapping version>, created with the current mapping when missing.",
                    GROUP_INDEX, 1, Width.MEDIUM, "Index alias")
            .define(INDEX_SHARDS, Type.INT, 1, Range.between(1, 1024), Importance.LOW,
                    "Primary shards of a newly created index (ignored when the index exists).",
                    GROUP_INDEX, 2, Width.SHORT, "Shards")
            .define(INDEX_REPLICAS, Type.INT, 0, Range.between(0, 16), Importance.LOW,
                    "Replicas of a newly created index; keep 0 on a single node or the index stays yellow.",
                    GROUP_INDEX, 3, Width.SHORT, "Replicas")
            .define(BATCH_SIZE, Type.INT, 500, Range.between(1, 10_000), Importance.MEDIUM,
                    "Maximum number of documents per bulk request. put() buffers records and sends a bulk "
                            + "request as soon as this many are buffered.",
                    GROUP_WRITES, 1, Width.SHORT, "Batch size")
            .define(BATCH_MAX_BYTES, Type.LONG, 5L * 1024 * 1024, Range.between(1024L, 100L * 1024 * 1024), Importance.MEDIUM,
                    "Maximum size of one bulk request in bytes (estimated from the record values); a bulk request "
                            + "is sent as soon as this much is buffered. A single larger document is sent alone.",
                    GROUP_WRITES, 2, Width.SHORT, "Batch max bytes")
            .define(LINGER_MS, Type.LONG, 500L, Range.between(0L, 600_000L), Importance.MEDIUM,
                    "How long a buffered record may wait for more before its batch is sent anyway (a background "
                            + "timer). 0 sends at the end of every put(). Everything buffered is also sent before "
                            + "Connect commits offsets (flush/preCommit).",
                    GROUP_WRITES, 3, Width.SHORT, "Linger (ms)")
            .define(MAX_RETRIES, Type.INT, 8, Range.between(0, 100), Importance.MEDIUM,
                    "How often items that failed with 429, 5xx or a connection error are retried inside one "
                            + "put() before the task throws a RetriableException and Connect redelivers the batch.",
                    GROUP_WRITES, 4, Width.SHORT, "Max retries")
            .define(RETRY_BACKOFF_MS, Type.LONG, 200L, Range.between(1L, 600_000L), Importance.LOW,
                    "Base of the exponential backoff between retries (doubling per attempt, with jitter).",
                    GROUP_WRITES, 5, Width.SHORT, "Retry backoff (ms)")
            .define(RETRY_BACKOFF_MAX_MS, Type.LONG, 10_000L, Range.between(1L, 3_600_000L), Importance.LOW,
                    "Upper bound of one backoff wait.",
                    GROUP_WRITES, 6, Width.SHORT, "Max retry backoff (ms)");

    public OpenSearchSinkConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
        if (retryBackoffMaxMs() < retryBackoffMs()) {
            throw new ConfigException(RETRY_BACKOFF_MAX_MS, retryBackoffMaxMs(),
                    "must be at least " + RETRY_BACKOFF_MS + " (" + retryBackoffMs() + ")");
        }
        if (username().isEmpty() && !password().isEmpty()) {
            throw new ConfigException(USERNAME, "", "must be set when " + PASSWORD + " is set");
        }
    }

    /** The node URLs, validated as http or https URLs with a host. */
    public List<URI> urls() {
        return getList(URL).stream().map(s -> URI.create(s.trim())).toList();
    }

    public String username() {
        return getString(USERNAME);
    }

    public String password() {
        return getPassword(PASSWORD).value();
    }

    /** The trust store for HTTPS, if one is configured. */
    public Optional<String> truststorePath() {
        String path = getString(TRUSTSTORE_PATH);
        return path == null || path.isBlank() ? Optional.empty() : Optional.of(path.trim());
    }

    public String truststorePassword() {
        Password password = getPassword(TRUSTSTORE_PASSWORD);
        return password == null ? "" : password.value();
    }

    public String indexAlias() {
        return getString(INDEX_ALIAS);
    }

    public int indexShards() {
        return getInt(INDEX_SHARDS);
    }

    public int indexReplicas() {
        return getInt(INDEX_REPLICAS);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public long batchMaxBytes() {
        return getLong(BATCH_MAX_BYTES);
    }

    public long lingerMs() {
        return getLong(LINGER_MS);
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    public long retryBackoffMs() {
        return getLong(RETRY_BACKOFF_MS);
    }

    public long retryBackoffMaxMs() {
        return getLong(RETRY_BACKOFF_MAX_MS);
    }

    /** Every URL must be an absolute http(s) URL with a host, e.g. {@code http://127.0.0.1:9200}. */
    static final class HttpUrlList implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                throw new ConfigException(name, value, "at least one URL is required, e.g. http://127.0.0.1:9200");
            }
            for (Object item : list) {
                String url = String.valueOf(item).trim();
                try {
                    URI uri = new URI(url);
                    String scheme = uri.getScheme();
                    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                        throw new ConfigException(name, url, "not an http(s) URL; expected e.g. http://127.0.0.1:9200");
                    }
                    if (uri.getHost() == null || uri.getHost().isEmpty()) {
                        throw new ConfigException(name, url, "URL has no host; expected e.g. http://127.0.0.1:9200");
                    }
                } catch (URISyntaxException e) {
                    throw new ConfigException(name, url, "not a valid URL (" + e.getReason()
                            + "); expected e.g. http://127.0.0.1:9200");
                }
            }
        }

        @Override
        public String toString() {
            return "comma-separated http(s) URLs";
        }
    }

    /** A valid OpenSearch index or alias name. */
    static final class IndexName implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !INDEX_NAME.matcher(value.toString()).matches()) {
                throw new ConfigException(name, value,
                        "must be a lower-case index name ([a-z0-9] then [a-z0-9._-]), e.g. news");
            }
        }

        @Override
        public String toString() {
            return "lower-case index name";
        }
    }
}
