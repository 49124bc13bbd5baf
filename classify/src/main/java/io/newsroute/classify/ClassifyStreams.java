package io.newsroute.classify;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of the classify app.
 *
 * <p>Lingua detects through {@code ForkJoinPool.commonPool()}, whose parallelism defaults to cores
 * minus one: on a small machine run the JVM with
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=<stream threads>} or the stream
 * threads queue behind one worker.
 */
public final class ClassifyStreams {
    /** Commit often: with exactly_once_v2 the commit interval is the end-to-end latency floor. */
    static final int COMMIT_INTERVAL_MS = 100;

    private ClassifyStreams() {
    }

    /**
     * Streams properties: application.id, bootstrap servers, processing.guarantee=exactly_once_v2,
     * state.dir, num.stream.threads, commit.interval.ms=100, ByteArray default serdes, producer and
     * consumer tuning; {@code overrides} are applied last and win.
     */
    public static Properties properties(ClassifyConfig config, String bootstrapServers, Path stateDir,
                                        Map<String, Object> overrides) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(stateDir, "stateDir");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.numStreamThreads());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        // no global state here; enabling it now keeps behaviour stable when Kafka 5.0 turns it on by default
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // a new application starts from the beginning of news.raw: nothing is skipped
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // classification costs ~1-20 ms per article: keep a poll's batch well inside max.poll.interval.ms
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 200);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 128 * 1024);
        if (overrides != null) {
            props.putAll(overrides);
        }
        return props;
    }
}
