package io.newsroute.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.classify.ArticlePipeline;
import io.newsroute.classify.ClassifyConfig;
import io.newsroute.classify.ClassifyStreams;
import io.newsroute.classify.ClassifyMetrics;
import io.newsroute.classify.ClassifyTopology;
import io.newsroute.schema.topic.NewsTopics;

/**
 * Reprocessing {@code news.raw} from a point in time with the current model.
 *
 * <p>Why a new application id per model version ({@link #applicationId}): the replay is an ordinary
 * classify application (exactly_once_v2) under a consumer group that has never committed, so its
 * start offsets can be set freely ({@link #seekGroup}) without touching the live application's
 * offsets, and running it twice for the same model resumes instead of starting over. Its output goes
 * to the same topics: {@code news.enriched} is compacted by article id, so it converges to the newest
 * output per article; the index converges too, because documents are written with
 * {@code version_type=external_gte} and version = processedAt, so the replayed (newer) output wins
 * and an older one can never overwrite it. What the label topics get is the caller's choice
 * ({@link ClassifyTopology.LabelOutput}): by default ({@code CHANGED}) only an article that gained a label,
 * so a team subscribed to a label topic hears of what the new model adds, not of everything again.
 */
public final class Replay {
    /** Prefix of the per-model application id. */
    public static final String APPLICATION_ID_PREFIX = "newsroute-classify-";
    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

    private Replay() {
    }

    /** {@code newsroute-classify-<modelVersion>}, with characters outside {@code [A-Za-z0-9._-]} replaced by {@code -}. */
    public static String applicationId(String modelVersion) {
        Objects.requireNonNull(modelVersion, "modelVersion");
        return APPLICATION_ID_PREFIX + modelVersion.replaceAll("[^A-Za-z0-9._-]", "-").toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code beginning} or an ISO-8601 instant such as {@code 2025-06-01T00:00:00Z}.
     *
     * @return empty for the beginning of the topic
     * @throws IllegalArgumentException naming the valid forms
     */
    public static Optional<Instant> parseFrom(String from) {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("--from is required: 'beginning' or an ISO-8601 time such as 2025-06-01T00:00:00Z");
        }
        if (from.trim().equalsIgnoreCase("beginning")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(from.trim()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--from '" + from + "' is neither 'beginning' nor an ISO-8601 time such as 2025-06-01T00:00:00Z");
        }
    }

    /**
     * Sets the committed offsets of consumer group {@code groupId} on {@code topic} to the first record
     * at or after {@code from} (the end of a partition when none is that new), or to the beginning.
     * The group must have no active members.
     *
     * @return the offsets set, per partition
     */
    public static Map<TopicPartition, Long> seekGroup(Admin admin, String groupId, String topic, Optional<Instant> from) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartition tp : partitions) {
                request.put(tp, from.map(t -> OffsetSpec.forTimestamp(t.toEpochMilli())).orElseGet(OffsetSpec::earliest));
                latest.put(tp, OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(request).all().get();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            Map<TopicPartition, Long> result = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long offset = found.get(tp).offset();
                if (offset < 0) {
                    offset = ends.get(tp).offset(); // nothing at or after the time: start at the end
                }
                offsets.put(tp, new OffsetAndMetadata(offset));
                result.put(tp, offset);
            }
            admin.alterConsumerGroupOffsets(groupId, offsets).all().get();
            LOG.info("replay group {} starts {} at {}", groupId, from.map(Instant::toString).orElse("from the beginning"), result);
            return result;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot set the start offsets of " + groupId + " on " + topic + ": "
                    + e.getCause().getMessage() + " (stop running instances of this application id first)", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The end offsets of {@code topic} now: a replay that has committed these has caught up. */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Records the group has committed past {@code start}, over all partitions (0 when the offsets cannot be read). */
    static long processed(Admin admin, String groupId, Map<TopicPartition, Long> start) {
        try {
            long processed = 0;
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            for (Map.Entry<TopicPartition, Long> from : start.entrySet()) {
                OffsetAndMetadata offset = committed.get(from.getKey());
                if (offset != null) {
                    processed += Math.max(0, offset.offset() - from.getValue());
                }
            }
            return processed;
        } catch (ExecutionException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** True when the group has committed at least {@code ends} on every partition. */
    public static boolean caughtUp(Admin admin, String groupId, Map<TopicPartition, Long> ends) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                if (end.getValue() > 0 && (offset == null || offset.offset() < end.getValue())) {
                    return false;
                }
            }
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Runs a replay: sets the start offsets of {@code config.applicationId()}, starts the topology with
     * {@code pipeline}, and, when {@code untilCaughtUp}, returns after the application has committed the
     * end offsets of the raw topic as they were at the start (else it runs until the thread is interrupted).
     *
     * @param clientConfig extra Kafka client properties (security), applied to admin and Streams clients
     * @return the offsets the replay started from
     */
    public static Map<TopicPartition, Long> run(ArticlePipeline pipeline, ClassifyConfig config, NewsTopics topics, String bootstrap,
                                                Map<String, Object> clientConfig, Path stateDir, Optional<Instant> from,
                                                boolean untilCaughtUp, Duration timeout, ClassifyTopology.LabelOutput labels)
            throws InterruptedException {
        return run(pipeline, config, topics, bootstrap, clientConfig, stateDir, from, untilCaughtUp, timeout, labels, (processed, total) -> { });
    }

    /** How far a replay is: records committed since the start, of those that were in the raw topic at the start. */
    @FunctionalInterface
    public interface Listener {
        void progress(long processed, long total);
    }

    /** Like the other {@code run}, telling {@code listener} how far it is about five times a second. */
    public static Map<TopicPartition, Long> run(ArticlePipeline pipeline, ClassifyConfig config, NewsTopics topics, String bootstrap,
                                                Map<String, Object> clientConfig, Path stateDir, Optional<Instant> from,
                                                boolean untilCaughtUp, Duration timeout, ClassifyTopology.LabelOutput labels,
                                                Listener listener) throws InterruptedException {
        Map<String, Object> adminConfig = new HashMap<>(clientConfig);
        adminConfig.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(adminConfig)) {
            String raw = topics.raw().name();
            Map<TopicPartition, Long> start = seekGroup(admin, config.applicationId(), raw, from);
            Map<TopicPartition, Long> ends = endOffsets(admin, raw);
            long total = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                total += Math.max(0, end.getValue() - start.getOrDefault(end.getKey(), 0L));
            }
            try (KafkaStreams streams = new KafkaStreams(ClassifyTopology.build(topics, pipeline, Clock.systemUTC(), config,
                    ClassifyMetrics.noop(), labels),
                    ClassifyStreams.properties(config, bootstrap, stateDir, clientConfig))) {
                streams.setUncaughtExceptionHandler(e -> {
                    LOG.error("replay stream thread failed; replacing it", e);
                    return StreamThreadExceptionResponse.REPLACE_THREAD;
                });
                streams.start();
                long deadline = System.nanoTime() + timeout.toNanos();
                while (!untilCaughtUp || !caughtUp(admin, config.applicationId(), ends)) {
                    listener.progress(processed(admin, config.applicationId(), start), total);
                    if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                        throw new IllegalStateException("replay topology stopped: " + streams.state());
                    }
                    if (untilCaughtUp && System.nanoTime() > deadline) {
                        throw new IllegalStateException("replay did not catch up with " + ends + " within " + timeout.toSeconds() + " s");
                    }
                    Thread.sleep(200);
                }
                listener.progress(total, total);
                LOG.info("replay {} caught up with {}", config.applicationId(), ends);
                streams.close(Duration.ofSeconds(30));
            }
            return start;
        }
    }
}
