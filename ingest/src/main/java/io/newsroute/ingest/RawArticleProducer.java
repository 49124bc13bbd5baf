package io.newsroute.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.TopicSpec;

/**
 * Produces {@link RawArticle}s to the raw topic, keyed by article id, so the same article always
 * lands in the same partition and a re-ingest is the same key (downstream dedupe and the
 * compacted enriched topic rely on it).
 *
 * <p>Forced settings: {@code enable.idempotence=true} and {@code acks=all} (no duplicates or
 * reordering from producer retries), key {@code StringSerializer}, value
 * {@link NewsSerdes#rawArticle()} (Avro single-object encoding). Defaults the caller may override:
 * {@code linger.ms=20}, {@code batch.size=131072}, {@code compression.type=lz4} (cheap on CPU,
 * good on text; zstd compresses better at more CPU).
 *
 * <p>{@link #send} is asynchronous. The first failed send is remembered and reported by
 * {@link #flush}; after a failure {@code send} fails fast instead of queueing more records that
 * would most likely fail the same way (broker unreachable, topic missing, not authorised).
 * Thread-safe, like the underlying {@link KafkaProducer}.
 */
public final class RawArticleProducer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RawArticleProducer.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, RawArticle> producer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<IngestException> failure = new AtomicReference<>();

    /**
     * @param clientConfig {@code bootstrap.servers} plus any security or tuning settings of the
     *     Kafka producer; key and value serializer settings in it are replaced
     * @param rawTopic the raw topic, which must exist (it is never auto-created)
     */
    public RawArticleProducer(Map<String, Object> clientConfig, TopicSpec rawTopic) {
        this(new KafkaProducer<>(producerConfig(clientConfig), new StringSerializer(), NewsSerdes.rawArticle()), rawTopic);
    }

    /** For tests: wraps any producer (a {@code MockProducer}); the settings above are then the caller's business. */
    RawArticleProducer(Producer<String, RawArticle> producer, TopicSpec rawTopic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(rawTopic, "rawTopic").name();
    }

    static Map<String, Object> producerConfig(Map<String, Object> clientConfig) {
        Objects.requireNonNull(clientConfig, "clientConfig");
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return config;
    }

    /**
     * Sends one article, key = its id, without waiting for the acknowledgement.
     *
     * @throws IngestException if an earlier send already failed (see {@link #flush})
     */
    public void send(RawArticle article) {
        Objects.requireNonNull(article, "article");
        IngestException earlier = failure.get();
        if (earlier != null) {
            throw new IngestException("not sending article " + article.getId() + ": an earlier send failed: "
                    + earlier.getMessage(), earlier.getCause());
        }
        String id = article.getId();
        try {
            producer.send(new ProducerRecord<>(topic, id, article), (metadata, e) -> {
                if (e == null) {
                    sent.incrementAndGet();
                } else {
                    fail(id, e);
                }
            });
        } catch (KafkaException e) {
            // synchronous failures: serialization, metadata not available within max.block.ms, buffer exhausted
            fail(id, e);
        }
    }

    /**
     * Waits until every record sent so far is acknowledged or failed.
     *
     * @throws IngestException naming the first article whose send failed, and its cause, if any
     *     send failed since this producer was created (the failure stays: later flushes throw too)
     */
    public void flush() {
        producer.flush();
        IngestException e = failure.get();
        if (e != null) {
            throw new IngestException(e.getMessage(), e.getCause());
        }
    }

    /** Sends acknowledged by the broker so far. */
    public long sent() {
        return sent.get();
    }

    /** Sends pending records (bounded wait) and releases the producer. Idempotent. */
    @Override
    public void close() {
        close(CLOSE_TIMEOUT);
    }

    /** Like {@link #close()}, waiting at most {@code timeout} for pending records. */
    public void close(Duration timeout) {
        producer.close(timeout);
        IngestException e = failure.get();
        if (e != null) {
            LOG.warn("raw article producer closed after a failed send: {}", e.getMessage());
        }
    }

    private void fail(String id, Exception cause) {
        IngestException e = new IngestException("sending article " + id + " to topic " + topic + " failed: "
                + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        if (failure.compareAndSet(null, e)) {
            LOG.error("topic {} article {}: send failed", topic, id, cause);
        } else {
            LOG.debug("topic {} article {}: send failed too: {}", topic, id, cause.toString());
        }
    }
}
