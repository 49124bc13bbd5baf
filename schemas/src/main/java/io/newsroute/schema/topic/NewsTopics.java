package io.newsroute.schema.topic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.newsroute.schema.Labels;

/**
 * The topics of one Newsroute deployment, derived from a name prefix (default {@code news.}),
 * a partition count and a replication factor. Topics are created explicitly from these specs;
 * nothing relies on broker-side auto-creation.
 *
 * <ul>
 *   <li>{@code <prefix>raw}: RawArticle input, deleted by retention</li>
 *   <li>{@code <prefix>enriched}: every processed article, compacted (latest wins per id)</li>
 *   <li>{@code <prefix><label>}: one per label (fan-out), retention</li>
 *   <li>{@code <prefix>unclassified}: articles with no label above threshold</li>
 *   <li>{@code <prefix>dlq}: DeadLetter records</li>
 * </ul>
 */
public final class NewsTopics {
    public static final String DEFAULT_PREFIX = "news.";
    public static final int DEFAULT_PARTITIONS = 6;
    public static final long DEFAULT_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;

    private final TopicSpec raw;
    private final TopicSpec enriched;
    private final TopicSpec unclassified;
    private final TopicSpec dlq;
    private final Map<String, TopicSpec> byLabel;

    private NewsTopics(String prefix, int partitions, short replication, long retentionMs) {
        Map<String, String> retention = Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retentionMs));
        this.raw = new TopicSpec(prefix + "raw", partitions, replication, retention);
        this.enriched = new TopicSpec(prefix + "enriched", partitions, replication, Map.of("cleanup.policy", "compact"));
        this.unclassified = new TopicSpec(prefix + "unclassified", partitions, replication, retention);
        this.dlq = new TopicSpec(prefix + "dlq", partitions, replication, retention);
        Map<String, TopicSpec> labels = new LinkedHashMap<>();
        for (String label : Labels.ALL) {
            labels.put(label, new TopicSpec(prefix + label, partitions, replication, retention));
        }
        this.byLabel = Collections.unmodifiableMap(labels);
    }

    /** Default names ({@code news.*}), 6 partitions, replication 1, 7 days retention. */
    public static NewsTopics defaults() {
        return of(DEFAULT_PREFIX, DEFAULT_PARTITIONS, (short) 1, DEFAULT_RETENTION_MS);
    }

    public static NewsTopics of(String prefix, int partitions, short replicationFactor, long retentionMs) {
        if (prefix == null || !prefix.matches("[A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("topic prefix '" + prefix + "' may only contain letters, digits, '.', '_' and '-'");
        }
        return new NewsTopics(prefix, partitions, replicationFactor, retentionMs);
    }

    public TopicSpec raw() {
        return raw;
    }

    public TopicSpec enriched() {
        return enriched;
    }

    public TopicSpec unclassified() {
        return unclassified;
    }

    public TopicSpec dlq() {
        return dlq;
    }

    /** @throws IllegalArgumentException for an unknown label */
    public TopicSpec label(String label) {
        return byLabel.get(Labels.requireKnown(label));
    }

    /** Label name to topic, in {@link Labels#ALL} order. */
    public Map<String, TopicSpec> labelTopics() {
        return byLabel;
    }

    /** Every topic of the deployment. */
    public List<TopicSpec> all() {
        List<TopicSpec> all = new ArrayList<>();
        all.add(raw);
        all.add(enriched);
        all.addAll(byLabel.values());
        all.add(unclassified);
        all.add(dlq);
        return List.copyOf(all);
    }
}
