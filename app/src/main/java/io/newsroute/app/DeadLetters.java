package io.newsroute.app;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.newsroute.schema.DeadLetter;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;

/**
 * The dead-letter topic ({@code <prefix>dlq}) as an operator sees it. It holds two kinds of record:
 * <ul>
 *   <li>the classify topology's {@link DeadLetter}s: the original bytes, the failing stage and the reason;</li>
 *   <li>records the search sink could not index: Kafka Connect's errant-record reporter writes the original
 *       {@code EnrichedArticle} with {@code __connect.errors.*} headers that carry the source and the reason.</li>
 * </ul>
 * Both are read into one {@link Entry} shape, with where the record can be sent again to be reprocessed.
 */
final class DeadLetters {
    /** Stage reported for records the sink could not index. */
    static final String INDEX_STAGE = "index";
    private static final String CONNECT_HEADER = "__connect.errors.";
    private static final Duration POLL = Duration.ofMillis(200);

    private DeadLetters() {
    }

    /**
     * One dead letter.
     *
     * @param partition partition of the dead-letter topic
     * @param offset offset in it
     * @param failedAt when it failed (the topology's failure time, else the record's timestamp)
     * @param stage the failing stage ({@code deserialize}, {@code validate}, ..., {@code index}), or {@code unknown}
     * @param source where the failed record was read: {@code topic-partition@offset}, or "?" when unknown
     * @param articleId the article's id when known
     * @param reason the error class and message
     * @param key the original key bytes
     * @param value the original value bytes (null when there were none or they were truncated)
     * @param redriveTopic where sending {@code key}/{@code value} again reprocesses the record; empty when
     *     it can't be (a truncated value, an unreadable dead letter, a source topic that is not ours)
     */
    record Entry(int partition, long offset, Instant failedAt, String stage, String source, Optional<String> articleId,
                 String reason, byte[] key, byte[] value, Optional<String> redriveTopic) {
    }

    /**
     * Reads the dead-letter topic from {@code from} (or the beginning) up to the end offsets it had when
     * the read started, committed records only.
     *
     * @param client Kafka client settings with {@code bootstrap.servers}
     * @throws IllegalStateException if the topic does not exist or the end is not reached within {@code timeout}
     */
    static List<Entry> read(Map<String, Object> client, NewsTopics topics, Optional<Instant> from, Duration timeout) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        String dlq = topics.dlq().name();
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(dlq, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + dlq + " does not exist; create the topics with `./newsroute topics create`");
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(dlq, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            if (from.isPresent()) {
                Map<TopicPartition, Long> times = new HashMap<>();
                partitions.forEach(p -> times.put(p, from.get().toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, timeout);
                for (TopicPartition p : partitions) {
                    OffsetAndTimestamp at = offsets.get(p);
                    consumer.seek(p, at == null ? end.get(p) : at.offset());
                }
            } else {
                consumer.seekToBeginning(partitions);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + dlq + " to its end within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        entries.add(entry(record, topics));
                    }
                }
            }
        }
        entries.sort((a, b) -> a.failedAt().compareTo(b.failedAt()));
        return entries;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        // the position passes transaction markers too, so comparing it with the end offset is exact
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** One record of the dead-letter topic, whichever kind it is. */
    static Entry entry(ConsumerRecord<byte[], byte[]> record, NewsTopics topics) {
        Headers headers = record.headers();
        Instant timestamp = Instant.ofEpochMilli(record.timestamp());
        if (headers.lastHeader(CONNECT_HEADER + "topic") != null || headers.lastHeader(CONNECT_HEADER + "exception.class.name") != null) {
            return sinkEntry(record, headers, timestamp, topics);
        }
        DeadLetter letter;
        try {
            letter = NewsSerdes.deadLetterCodec().decode(record.value());
        } catch (RuntimeException e) {
            return new Entry(record.partition(), record.offset(), timestamp, "unknown", "?", Optional.empty(),
                    "not a dead letter Newsroute or Kafka Connect wrote: " + e.getMessage(), record.key(), null, Optional.empty());
        }
        byte[] value = letter.getValue() == null ? null : bytes(letter.getValue());
        boolean resendable = value != null && !letter.getValueTruncated() && letter.getTopic().equals(topics.raw().name());
        return new Entry(record.partition(), record.offset(), letter.getFailedAt(), letter.getStage(),
                letter.getTopic() + "-" + letter.getPartition() + "@" + letter.getOffset(), Optional.ofNullable(letter.getArticleId()),
                simpleName(letter.getErrorClass()) + ": " + letter.getErrorMessage(),
                letter.getKey() == null ? record.key() : bytes(letter.getKey()), letter.getValueTruncated() ? null : value,
                resendable ? Optional.of(letter.getTopic()) : Optional.empty());
    }

    private static Entry sinkEntry(ConsumerRecord<byte[], byte[]> record, Headers headers, Instant timestamp, NewsTopics topics) {
        String topic = header(headers, "topic").orElse("?");
        String source = topic + "-" + header(headers, "partition").orElse("?") + "@" + header(headers, "offset").orElse("?");
        String reason = header(headers, "exception.class.name").map(DeadLetters::simpleName).orElse("error") + ": "
                + header(headers, "exception.message").orElse("(no message)");
        Optional<String> id = Optional.empty();
        if (record.value() != null) {
            try {
                EnrichedArticle article = NewsSerdes.enrichedCodec().decode(record.value());
                id = Optional.of(article.getId());
            } catch (RuntimeException e) {
                // the reason says why it could not be indexed; an unreadable value is one such reason
            }
        }
        boolean ours = topic.equals(topics.enriched().name());
        return new Entry(record.partition(), record.offset(), timestamp, INDEX_STAGE, source, id, reason, record.key(),
                record.value(), ours && record.value() != null ? Optional.of(topic) : Optional.empty());
    }

    private static Optional<String> header(Headers headers, String name) {
        Header header = headers.lastHeader(CONNECT_HEADER + name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        java.nio.ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    /** {@code stage count, ...} in order of count, for a summary line. */
    static String countByStage(List<Entry> entries) {
        Map<String, Integer> counts = new HashMap<>();
        entries.forEach(e -> counts.merge(e.stage(), 1, Integer::sum));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> String.format(Locale.ROOT, "%s %d", e.getKey(), e.getValue()))
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }
}
