package io.newsroute.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a topic from the beginning the way a downstream consumer of a transactional pipeline would:
 * {@code isolation.level=read_committed}, a fresh random group id, no offset commits. Partitions are
 * assigned directly (no group rebalance to wait for), so topics must exist; the reader waits for them
 * within the timeout. The deserializers are closed with the consumer.
 */
public final class TopicReader {

    /** How long the extra poll lasts that checks nothing arrives beyond what was expected. */
    static final Duration SETTLE = Duration.ofMillis(500);
    private static final Duration POLL = Duration.ofMillis(100);

    private TopicReader() {
    }

    /**
     * Reads until {@code expectedCount} records have arrived and a short extra poll (500 ms) finds no
     * more. If more than {@code expectedCount} arrive, all of them are returned, so an assertion on the
     * size shows the surplus.
     *
     * @throws AssertionError on timeout, naming how many records were read and the first of them
     */
    public static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrap, String topic, Deserializer<K> keyDeserializer,
                                                           Deserializer<V> valueDeserializer, int expectedCount, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (expectedCount < 0) {
            throw new IllegalArgumentException("expectedCount must be >= 0, was " + expectedCount);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = consumer(bootstrap, keyDeserializer, valueDeserializer)) {
            assignFromBeginning(consumer, topic, deadline, timeout);
            while (records.size() < expectedCount) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new AssertionError("Timed out after " + timeout.toMillis() + " ms reading " + topic + ": expected "
                            + expectedCount + " records, read " + records.size() + summary(records));
                }
                consumer.poll(POLL).forEach(records::add);
            }
            consumer.poll(SETTLE).forEach(records::add);
        }
        return records;
    }

    /**
     * Reads every record present in the topic: polls until the consumer has reached the end offsets
     * (for read_committed, the last stable offset) that were current when it started, then keeps
     * polling until one poll of 500 ms returns nothing.
     *
     * @throws AssertionError if the topic does not exist or the end is not reached within {@code timeout}
     */
    public static <K, V> List<ConsumerRecord<K, V>> readUntilQuiet(String bootstrap, String topic, Deserializer<K> keyDeserializer,
                                                                  Deserializer<V> valueDeserializer, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = consumer(bootstrap, keyDeserializer, valueDeserializer)) {
            List<TopicPartition> partitions = assignFromBeginning(consumer, topic, deadline, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadline));
            while (!reached(consumer, end)) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new AssertionError("Timed out after " + timeout.toMillis() + " ms reading " + topic
                            + " to its end offsets " + end + ": read " + records.size() + summary(records));
                }
                consumer.poll(POLL).forEach(records::add);
            }
            while (true) {
                int before = records.size();
                consumer.poll(SETTLE).forEach(records::add);
                if (records.size() == before || System.nanoTime() - deadline >= 0) {
                    break;
                }
            }
        }
        return records;
    }

    private static <K, V> KafkaConsumer<K, V> consumer(String bootstrap, Deserializer<K> keys, Deserializer<V> values) {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(keys, "keyDeserializer");
        Objects.requireNonNull(values, "valueDeserializer");
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "newsroute-test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsroute-test-reader");
        return new KafkaConsumer<>(props, keys, values);
    }

    private static List<TopicPartition> assignFromBeginning(KafkaConsumer<?, ?> consumer, String topic, long deadline, Duration timeout) {
        Objects.requireNonNull(topic, "topic");
        List<PartitionInfo> infos = List.of();
        while (infos.isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Topic " + topic + " not found within " + timeout.toMillis() + " ms");
            }
            try {
                infos = consumer.partitionsFor(topic, remaining(deadline));
            } catch (TimeoutException e) {
                infos = List.of();
            }
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofMillis(100).toNanos()));
    }

    private static String summary(List<? extends ConsumerRecord<?, ?>> records) {
        if (records.isEmpty()) {
            return "";
        }
        return "; first: " + records.stream().limit(5)
                .map(r -> r.partition() + "@" + r.offset() + " key=" + r.key())
                .collect(Collectors.joining(", "));
    }
}
