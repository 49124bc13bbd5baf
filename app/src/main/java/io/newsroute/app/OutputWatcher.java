package io.newsroute.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.newsroute.classify.ClassifyTopology;
import io.newsroute.schema.DeadLetter;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.schema.topic.TopicSpec;

/**
 * Reads the pipeline's output topics with a read_committed consumer (what a downstream
 * subscriber sees) and records, per article id, the enriched record and every topic it arrived on.
 */
final class OutputWatcher implements AutoCloseable {
    private final NewsTopics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, EnrichedArticle> enriched = new LinkedHashMap<>();
    private final Map<String, Set<String>> topicsById = new HashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    OutputWatcher(String bootstrapServers, NewsTopics topics) {
        this.topics = topics;
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicSpec spec : topics.all()) {
            if (spec.equals(topics.raw())) {
                continue;
            }
            for (int p = 0; p < spec.partitions(); p++) {
                partitions.add(new TopicPartition(spec.name(), p));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Polls until every id has its enriched record and has arrived on all the topics it is routed to.
     *
     * @return false if the timeout passed first
     */
    boolean awaitRouted(Set<String> ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!routed(ids)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            poll();
        }
        return true;
    }

    private boolean routed(Set<String> ids) {
        for (String id : ids) {
            EnrichedArticle article = enriched.get(id);
            if (article == null || !topicsById.getOrDefault(id, Set.of()).containsAll(ClassifyTopology.targetTopics(article, topics))) {
                return false;
            }
        }
        return true;
    }

    void poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.topic().equals(topics.dlq().name())) {
                try {
                    deadLetters.add(NewsSerdes.deadLetterCodec().decode(record.value()));
                } catch (RuntimeException e) {
                    // the sink's errant-record reporter writes the original record, not a DeadLetter
                }
                continue;
            }
            EnrichedArticle article = NewsSerdes.enrichedCodec().decode(record.value());
            topicsById.computeIfAbsent(article.getId(), id -> new TreeSet<>()).add(record.topic());
            if (record.topic().equals(topics.enriched().name())) {
                enriched.put(article.getId(), article);
            }
        }
    }

    EnrichedArticle article(String id) {
        return enriched.get(id);
    }

    /** Topics in routing order: enriched first, then labels, then unclassified. */
    List<String> topicsOf(String id) {
        Set<String> seen = topicsById.getOrDefault(id, Set.of());
        return topics.all().stream().map(TopicSpec::name).filter(seen::contains).toList();
    }

    List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
