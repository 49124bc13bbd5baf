package io.newsroute.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.newsroute.classify.ClassifyTopology;
import io.newsroute.schema.DeadLetter;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.schema.topic.TopicSpec;
import io.newsroute.testsupport.Wait;

/**
 * Count in = count out, checked the way a downstream consumer sees the topics: {@code read_committed},
 * from the beginning, every partition. {@link #assertExactlyOnce} fails on a single missing, doubled
 * or unexpected article in {@code enriched}, in any label topic or in {@code unclassified}.
 */
final class Ledger {
    private final String bootstrap;
    private final Map<String, Object> clientConfig;

    Ledger(String bootstrap) {
        this(bootstrap, Map.of());
    }

    /** @param clientConfig extra client properties, e.g. SASL_SSL settings */
    Ledger(String bootstrap, Map<String, Object> clientConfig) {
        this.bootstrap = bootstrap;
        this.clientConfig = Map.copyOf(clientConfig);
    }

    /** Waits until the application's committed offsets on the raw topic add up to {@code total}. */
    void awaitCommitted(String applicationId, String rawTopic, long total, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            Wait.waitFor(() -> committed(admin, applicationId, rawTopic), sum -> sum >= total, timeout,
                    applicationId + " committed " + total + " raw offsets");
        }
    }

    static long committed(Admin admin, String applicationId, String rawTopic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(rawTopic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every committed record of the topic, from the beginning to its current end (the last stable offset). */
    List<ConsumerRecord<String, byte[]>> read(String topic, Duration timeout) {
        return read(topic, "read_committed", timeout);
    }

    /** As {@link #read(String, Duration)} with the given isolation level ({@code read_uncommitted} shows aborted output too). */
    List<ConsumerRecord<String, byte[]>> read(String topic, String isolation, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reliability-ledger-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 * 1024 * 1024);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out reading " + topic + " to " + end + ": read " + records.size());
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        }
        return records;
    }

    List<DeadLetter> deadLetters(NewsTopics topics, Duration timeout) {
        return read(topics.dlq().name(), timeout).stream()
                .map(r -> NewsSerdes.deadLetterCodec().decode(r.value())).toList();
    }

    /**
     * Asserts that each expected id is in {@code enriched} exactly once and in exactly the label
     * topics (or unclassified) its enriched record names, and that nothing else is in any of them.
     *
     * @return records per topic, for the report
     */
    Map<String, Integer> assertExactlyOnce(NewsTopics topics, Collection<String> expectedIds, Duration timeout) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Set<String> expected = Set.copyOf(expectedIds);
        List<ConsumerRecord<String, byte[]>> enriched = readUntilComplete(topics.enriched().name(), expected, timeout);
        counts.put(topics.enriched().name(), enriched.size());
        assertOnce(topics.enriched().name(), keys(enriched), expected);

        Map<String, Set<String>> expectedPerTopic = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : enriched) {
            EnrichedArticle article = NewsSerdes.enrichedCodec().decode(record.value());
            assertThat(article.getId()).isEqualTo(record.key());
            for (String target : ClassifyTopology.targetTopics(article, topics)) {
                expectedPerTopic.computeIfAbsent(target, t -> new TreeSet<>()).add(article.getId());
            }
        }
        List<TopicSpec> routed = new ArrayList<>(topics.labelTopics().values());
        routed.add(topics.unclassified());
        for (TopicSpec spec : routed) {
            Set<String> expectedHere = expectedPerTopic.getOrDefault(spec.name(), Set.of());
            List<ConsumerRecord<String, byte[]>> records = readUntilComplete(spec.name(), expectedHere, timeout);
            counts.put(spec.name(), records.size());
            assertOnce(spec.name(), keys(records), expectedHere);
        }
        return counts;
    }

    /**
     * Reads the topic until every expected key is visible to a read_committed consumer, or the
     * timeout passes (then the caller's assertion names what is missing). A worker killed inside
     * a transaction leaves it open until the coordinator aborts it on its transaction timeout;
     * until then the last stable offset stays behind and later committed records are not visible
     * yet. Waiting for them is waiting for visibility: doubles are still counted on the read that
     * is returned.
     */
    private List<ConsumerRecord<String, byte[]>> readUntilComplete(String topic, Set<String> expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> records = read(topic, timeout);
        while (!Set.copyOf(keys(records)).containsAll(expected) && System.nanoTime() < deadline) {
            records = read(topic, timeout);
        }
        return records;
    }

    private static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }

    static void assertOnce(String topic, List<String> keys, Set<String> expected) {
        Map<String, Long> counts = keys.stream().collect(Collectors.groupingBy(k -> String.valueOf(k), Collectors.counting()));
        Map<String, Long> doubled = counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(counts.keySet());
        Set<String> unexpected = new TreeSet<>(counts.keySet());
        unexpected.removeAll(expected);
        assertThat(doubled).as("doubled records in %s", topic).isEmpty();
        assertThat(missing).as("missing records in %s", topic).isEmpty();
        assertThat(unexpected).as("unexpected records in %s", topic).isEmpty();
        assertThat(keys).as("records in %s", topic).hasSize(expected.size());
    }
}
