package io.newsroute.app.config;

import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import io.newsroute.schema.topic.NewsTopics;

/**
 * The topic layout: name prefix, partitions, replication factor and retention of the retention-based
 * topics. {@code ./newsroute topics} creates and checks it; {@code run}, {@code ingest}, {@code replay} and
 * {@code demo} use its names, and {@code run} creates missing topics with it. Part of the main configuration
 * ({@link NewsrouteConfig#topics()}); every key is validated and a bad value fails with a message naming it.
 */
public final class TopicsConfig extends AbstractConfig {
    public static final String PREFIX = "topics.prefix";
    public static final String PARTITIONS = "topics.partitions";
    public static final String REPLICATION_FACTOR = "topics.replication.factor";
    public static final String RETENTION_MS = "topics.retention.ms";

    /** Replication factor that means "as many as the cluster allows, at most 3". */
    public static final int AUTO_REPLICATION = -1;
    static final int MAX_AUTO_REPLICATION = 3;
    private static final long MIN_RETENTION_MS = 60_000L;

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(PREFIX, Type.STRING, NewsTopics.DEFAULT_PREFIX, new TopicPrefix(), Importance.HIGH,
                    "Prefix of every topic name: <prefix>raw, <prefix>enriched, <prefix><label>, <prefix>unclassified, "
                            + "<prefix>dlq. Letters, digits, '.', '_' and '-' only.")
            .define(PARTITIONS, Type.INT, NewsTopics.DEFAULT_PARTITIONS, Range.between(1, 10_000), Importance.HIGH,
                    "Partitions of each topic; bounds the parallelism of classify instances and sink tasks. Kafka can add "
                            + "partitions later but never remove them, and adding them moves keys to other partitions.")
            .define(REPLICATION_FACTOR, Type.INT, AUTO_REPLICATION, new Replication(), Importance.HIGH,
                    "Replicas of each partition. -1 (the default) means as many as the cluster has brokers, at most "
                            + MAX_AUTO_REPLICATION + "; an explicit value larger than the number of brokers is an error.")
            .define(RETENTION_MS, Type.LONG, NewsTopics.DEFAULT_RETENTION_MS, new Retention(), Importance.MEDIUM,
                    "retention.ms of the retention-based topics (raw, the label topics, unclassified, dlq); -1 keeps "
                            + "records forever. The compacted enriched topic keeps the latest record per article regardless.");

    public TopicsConfig(Map<?, ?> props) {
        super(CONFIG, props, false);
    }

    /** Every key at its default: {@code news.} topics, 6 partitions, automatic replication, 7 days. */
    public static TopicsConfig defaults() {
        return new TopicsConfig(Map.of());
    }

    public String prefix() {
        return getString(PREFIX);
    }

    public int partitions() {
        return getInt(PARTITIONS);
    }

    /** The configured replication factor, or {@link #AUTO_REPLICATION}. */
    public int replicationFactor() {
        return getInt(REPLICATION_FACTOR);
    }

    public long retentionMs() {
        return getLong(RETENTION_MS);
    }

    /** The replication factor to create with, given how many brokers the cluster has. */
    public short effectiveReplication(int brokers) {
        int wanted = replicationFactor();
        if (wanted == AUTO_REPLICATION) {
            return (short) Math.max(1, Math.min(MAX_AUTO_REPLICATION, brokers));
        }
        if (wanted > brokers) {
            throw new ConfigException(REPLICATION_FACTOR, wanted, "the cluster has only " + brokers + " broker"
                    + (brokers == 1 ? "" : "s") + "; use at most " + brokers);
        }
        return (short) wanted;
    }

    /**
     * The topics as they are created on a cluster of {@code brokers} brokers.
     *
     * @throws ConfigException if an explicit replication factor exceeds {@code brokers}
     */
    public NewsTopics topics(int brokers) {
        return NewsTopics.of(prefix(), partitions(), effectiveReplication(brokers), retentionMs());
    }

    /** The topics' names (and partitions and retention), for clients that only read and write them. */
    public NewsTopics names() {
        return NewsTopics.of(prefix(), partitions(), (short) 1, retentionMs());
    }

    private static final class TopicPrefix implements ConfigDef.Validator {
        private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]{0,200}");

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !LEGAL.matcher(value.toString()).matches()) {
                throw new ConfigException(name, value, "may only contain letters, digits, '.', '_' and '-' (at most 200)");
            }
        }

        @Override
        public String toString() {
            return "[A-Za-z0-9._-]*";
        }
    }

    private static final class Replication implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            int replication = (Integer) value;
            if (replication != AUTO_REPLICATION && (replication < 1 || replication > Short.MAX_VALUE)) {
                throw new ConfigException(name, value, "must be -1 (automatic) or between 1 and the number of brokers");
            }
        }

        @Override
        public String toString() {
            return "-1, or 1..number of brokers";
        }
    }

    private static final class Retention implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            long retention = (Long) value;
            if (retention != -1 && retention < MIN_RETENTION_MS) {
                throw new ConfigException(name, value, "must be -1 (forever) or at least " + MIN_RETENTION_MS + " (one minute)");
            }
        }

        @Override
        public String toString() {
            return "-1, or at least " + MIN_RETENTION_MS;
        }
    }
}
