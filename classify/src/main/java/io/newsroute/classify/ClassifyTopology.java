package io.newsroute.classify;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Label;
import io.newsroute.schema.Labels;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;

/**
 * The classify topology, a pure function of its inputs:
 * <pre>
 * raw (byte[], byte[]) ─ enrich ─ split ─┬─ ok ─ key-by-article-id ─┬─ enriched
 *                                        │                         └─ with-previous ─┬─ filter-&lt;label&gt; ─ &lt;label&gt;   (one per label: fan-out)
 *                                        │                                           └─ filter-no-labels ─ unclassified
 *                                        └─ failed ─ to-dead-letter ─ dlq
 * </pre>
 * Raw records are consumed as bytes so that undecodable input is dead-lettered, never fatal. Every
 * operator is named, so the topology description is stable across edits. The routing follows
 * {@link #targetTopics}. No state stores, no repartitioning.
 *
 * <p>A replay may route to the label topics differently ({@link LabelOutput}): {@code CHANGED} looks up the
 * article's previous record in a global table of the enriched topic (bootstrapped from the topic before
 * processing starts) and sends an article to a label topic only when it did not carry that label before.
 */
public final class ClassifyTopology {
    static final String SOURCE = "raw-source";
    static final String ENRICH = "enrich";
    static final String SPLIT = "outcome-";
    static final String OK = "ok";
    static final String FAILED = "failed";
    static final String TO_DEAD_LETTER = "to-dead-letter";
    static final String DLQ_SINK = "dlq-sink";
    static final String KEY_BY_ID = "key-by-article-id";
    static final String ENRICHED_SINK = "enriched-sink";
    static final String FILTER_PREFIX = "filter-";
    static final String SINK_PREFIX = "sink-";
    static final String PREVIOUS_SOURCE = "previous-enriched-source";
    static final String PREVIOUS_STORE = "previous-enriched";
    static final String WITH_PREVIOUS = "with-previous";

    /** What the label topics and the unclassified topic get. The enriched topic always gets every article. */
    public enum LabelOutput {
        /** Every article goes to each label topic it carries, or to unclassified: the live topology. */
        ALL,
        /**
         * Only what is new to a subscriber: an article goes to a label topic when its previous record in the
         * enriched topic lacked that label (or there is none), and to unclassified when it lost every label
         * or is new. A label an article loses reaches label-topic subscribers only through the enriched topic
         * and the index.
         */
        CHANGED,
        /** Nothing: only the enriched topic (and so the index) is rewritten. */
        NONE
    }
    static final String NO_LABELS = "no-labels";

    private ClassifyTopology() {
    }

    /**
     * @param topics   topic names
     * @param pipeline the stages, built once
     * @param clock    source of processedAt/version and failedAt
     */
    public static Topology build(NewsTopics topics, ArticlePipeline pipeline, Clock clock) {
        return build(topics, pipeline, clock, ClassifyConfig.defaults());
    }

    /**
     * As {@link #build(NewsTopics, ArticlePipeline, Clock)}, with the input limits of {@code config}
     * ({@code classify.max.record.bytes}, {@code classify.max.title.chars}, {@code classify.max.field.chars},
     * {@code classify.max.body.chars}) applied before the pipeline runs.
     */
    public static Topology build(NewsTopics topics, ArticlePipeline pipeline, Clock clock, ClassifyConfig config) {
        return build(topics, pipeline, clock, config, ClassifyMetrics.noop());
    }

    /**
     * As {@link #build(NewsTopics, ArticlePipeline, Clock, ClassifyConfig)}, counting enriched articles, dead
     * letters and stage times in {@code metrics} (see {@link ClassifyMetrics}).
     */
    public static Topology build(NewsTopics topics, ArticlePipeline pipeline, Clock clock, ClassifyConfig config,
                                 ClassifyMetrics metrics) {
        return build(topics, pipeline, clock, config, metrics, LabelOutput.ALL);
    }

    /** As {@link #build(NewsTopics, ArticlePipeline, Clock, ClassifyConfig, ClassifyMetrics)}, routing to the label topics as {@code labels} says. */
    public static Topology build(NewsTopics topics, ArticlePipeline pipeline, Clock clock, ClassifyConfig config,
                                 ClassifyMetrics metrics, LabelOutput labels) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(clock, "clock");
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], EnrichOutcome> outcomes = builder
                .stream(topics.raw().name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE))
                .processValues(() -> new EnrichProcessor(pipeline, clock, config, metrics), Named.as(ENRICH));

        Map<String, KStream<byte[], EnrichOutcome>> branches = outcomes.split(Named.as(SPLIT))
                .branch((key, outcome) -> outcome.isOk(), Branched.as(OK))
                .defaultBranch(Branched.as(FAILED));

        branches.get(SPLIT + FAILED)
                .mapValues(EnrichOutcome::deadLetter, Named.as(TO_DEAD_LETTER))
                .to(topics.dlq().name(), Produced.with(Serdes.ByteArray(), NewsSerdes.deadLetter()).withName(DLQ_SINK));

        KStream<String, EnrichedArticle> enriched = branches.get(SPLIT + OK)
                .map((key, outcome) -> KeyValue.pair(outcome.article().getId(), outcome.article()), Named.as(KEY_BY_ID));
        enriched.to(topics.enriched().name(),
                Produced.with(Serdes.String(), NewsSerdes.enrichedArticle()).withName(ENRICHED_SINK));

        switch (labels) {
            case ALL -> fanOut(enriched.mapValues(article -> new Routed(article, null), Named.as(WITH_PREVIOUS)), topics);
            case CHANGED -> {
                GlobalKTable<String, byte[]> previous = builder.globalTable(topics.enriched().name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(PREVIOUS_SOURCE),
                        Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(PREVIOUS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
                fanOut(enriched.leftJoin(previous, (id, article) -> id, (article, before) -> new Routed(article, decode(before)),
                        Named.as(WITH_PREVIOUS)), topics);
            }
            case NONE -> { }
        }
        return builder.build();
    }

    /** An enriched article with its previous record, when {@link LabelOutput#CHANGED} looked it up. */
    private record Routed(EnrichedArticle article, EnrichedArticle previous) {
    }

    private static void fanOut(KStream<String, Routed> routed, NewsTopics topics) {
        // split() is first-match only: one filter per target topic, so an article fans out to all of them
        for (String label : Labels.ALL) {
            String topic = topics.label(label).name();
            routed.filter((id, r) -> targetTopics(r.article(), topics).contains(topic)
                            && (r.previous() == null || !targetTopics(r.previous(), topics).contains(topic)), Named.as(FILTER_PREFIX + label))
                    .mapValues(Routed::article, Named.as("article-" + label))
                    .to(topic, Produced.with(Serdes.String(), NewsSerdes.enrichedArticle()).withName(SINK_PREFIX + label));
        }
        String unclassified = topics.unclassified().name();
        routed.filter((id, r) -> targetTopics(r.article(), topics).contains(unclassified)
                        && (r.previous() == null || !targetTopics(r.previous(), topics).contains(unclassified)), Named.as(FILTER_PREFIX + NO_LABELS))
                .mapValues(Routed::article, Named.as("article-" + NO_LABELS))
                .to(unclassified, Produced.with(Serdes.String(), NewsSerdes.enrichedArticle()).withName(SINK_PREFIX + "unclassified"));
    }

    /** A previous record of the enriched topic; one that cannot be read counts as none (the article is sent). */
    private static EnrichedArticle decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return NewsSerdes.enrichedCodec().decode(bytes);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The topics an enriched article is routed to: enriched, plus one per label carried (in
     * {@link Labels#ALL} order), or enriched plus unclassified when it carries no known label.
     */
    public static List<String> targetTopics(EnrichedArticle article, NewsTopics topics) {
        Set<String> carried = new HashSet<>();
        for (Label label : article.getLabels()) {
            carried.add(label.getName());
        }
        List<String> targets = new ArrayList<>(Labels.ALL.size() + 1);
        targets.add(topics.enriched().name());
        for (String label : Labels.ALL) {
            if (carried.contains(label)) {
                targets.add(topics.label(label).name());
            }
        }
        if (targets.size() == 1) {
            targets.add(topics.unclassified().name());
        }
        return List.copyOf(targets);
    }
}
