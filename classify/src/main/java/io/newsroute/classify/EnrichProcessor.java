package io.newsroute.classify;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Arrays;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.newsroute.classify.stage.ArticleValidator;
import io.newsroute.schema.DeadLetter;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.serde.RecordDecodeException;

/**
 * The {@code enrich} step: size check → decode → input limits → pipeline → {@link EnrichOutcome}.
 * Never throws for a bad record: a value over {@code classify.max.record.bytes} (stage
 * {@code validate}, not decoded at all), undecodable input (stage {@code deserialize}), a field over
 * {@code classify.max.title.chars} / {@code classify.max.field.chars} / {@code classify.max.body.chars}
 * (stage {@code validate}) and every {@link StageException} become a dead letter with the original
 * bytes and the source coordinates, logged at WARN first.
 *
 * <p>While a record is processed, the logging context (SLF4J MDC) carries {@value #MDC_TOPIC},
 * {@value #MDC_PARTITION}, {@value #MDC_OFFSET} and, once decoded, {@value #MDC_ARTICLE_ID}, so every log
 * line of every stage names the record; the context is cleared afterwards. Enriched articles, dead letters
 * and stage times are counted in {@link ClassifyMetrics}.
 */
final class EnrichProcessor implements FixedKeyProcessor<byte[], byte[], EnrichOutcome> {
    /**
     * Dead letters keep at most this many value bytes (~1 MB, minus room for key and metadata) so
     * that they fit Kafka's default 1 MiB message limits; {@code valueTruncated} says when cut.
     */
    static final int MAX_DEAD_LETTER_VALUE_BYTES = 900_000;
    static final String DESERIALIZE = "deserialize";
    /** Logging-context keys set while a record is processed. */
    public static final String MDC_TOPIC = "topic";
    public static final String MDC_PARTITION = "partition";
    public static final String MDC_OFFSET = "offset";
    public static final String MDC_ARTICLE_ID = "articleId";

    private static final Logger LOG = LoggerFactory.getLogger(EnrichProcessor.class);

    private final ArticlePipeline pipeline;
    private final Clock clock;
    private final ArticleValidator limits;
    private final int maxRecordBytes;
    private final ClassifyMetrics metrics;
    private FixedKeyProcessorContext<byte[], EnrichOutcome> context;

    EnrichProcessor(ArticlePipeline pipeline, Clock clock) {
        this(pipeline, clock, ClassifyConfig.defaults(), ClassifyMetrics.noop());
    }

    /**
     * @param config  the input limits: {@code classify.max.record.bytes}, {@code .title.chars}, {@code .field.chars}, {@code .body.chars}
     * @param metrics where outcomes and stage times are counted
     */
    EnrichProcessor(ArticlePipeline pipeline, Clock clock, ClassifyConfig config, ClassifyMetrics metrics) {
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.clock = clock;
        this.limits = new ArticleValidator(config.maxBodyChars(), config.maxTitleChars(), config.maxFieldChars());
        this.maxRecordBytes = config.maxRecordBytes();
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], EnrichOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        String topic = metadata == null ? "unknown" : metadata.topic();
        int partition = metadata == null ? -1 : metadata.partition();
        long offset = metadata == null ? -1L : metadata.offset();
        MDC.put(MDC_TOPIC, topic);
        MDC.put(MDC_PARTITION, Integer.toString(partition));
        MDC.put(MDC_OFFSET, Long.toString(offset));
        EnrichOutcome outcome;
        try {
            outcome = enrich(record.key(), record.value(), topic, partition, offset);
        } finally {
            MDC.remove(MDC_TOPIC);
            MDC.remove(MDC_PARTITION);
            MDC.remove(MDC_OFFSET);
            MDC.remove(MDC_ARTICLE_ID);
        }
        context.forward(record.withValue(outcome));
    }

    EnrichOutcome enrich(byte[] key, byte[] value, String topic, int partition, long offset) {
        if (key == null) {
            return deadLetter(key, value, topic, partition, offset, DESERIALIZE, "NullKey",
                    "null key: records on the raw topic are keyed by article id", null, null);
        }
        if (value == null) {
            return deadLetter(key, value, topic, partition, offset, DESERIALIZE, "NullValue",
                    "null value (tombstone): expected a RawArticle", null, null);
        }
        if (value.length > maxRecordBytes) {
            return deadLetter(key, value, topic, partition, offset, StageException.VALIDATE, "RecordTooLarge",
                    "record value has " + value.length + " bytes, more than classify.max.record.bytes=" + maxRecordBytes
                            + ": not decoded", null, null);
        }
        RawArticle raw;
        long started = System.nanoTime();
        try {
            raw = NewsSerdes.rawCodec().decode(value);
        } catch (RecordDecodeException e) {
            return deadLetter(key, value, topic, partition, offset, DESERIALIZE, e.getClass().getName(),
                    e.getMessage(), null, e);
        }
        metrics.stageCompleted(DESERIALIZE, System.nanoTime() - started);
        if (raw.getId() != null) {
            MDC.put(MDC_ARTICLE_ID, raw.getId());
        }
        var invalid = limits.check(raw);
        if (invalid.isPresent()) {
            return deadLetter(key, value, topic, partition, offset, StageException.VALIDATE, StageException.class.getName(),
                    invalid.get(), raw.getId(), null);
        }
        try {
            EnrichedArticle article = pipeline.process(raw, clock.instant(), metrics);
            metrics.articleEnriched(article);
            return EnrichOutcome.ok(article);
        } catch (StageException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return deadLetter(key, value, topic, partition, offset, e.stage(), cause.getClass().getName(),
                    e.getMessage(), raw.getId(), e);
        }
    }

    private EnrichOutcome deadLetter(byte[] key, byte[] value, String topic, int partition, long offset, String stage,
                                     String errorClass, String message, String articleId, Throwable error) {
        metrics.deadLettered(stage);
        LOG.warn("dead-lettering record {}-{}@{} (article {}): stage {}: {}", topic, partition, offset,
                articleId, stage, message);
        if (error != null && LOG.isDebugEnabled()) {
            LOG.debug("dead-letter cause for {}-{}@{}", topic, partition, offset, error);
        }
        boolean truncate = value != null && value.length > MAX_DEAD_LETTER_VALUE_BYTES;
        byte[] kept = truncate ? Arrays.copyOf(value, MAX_DEAD_LETTER_VALUE_BYTES) : value;
        return EnrichOutcome.failed(DeadLetter.newBuilder()
                .setTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(kept == null ? null : ByteBuffer.wrap(kept))
                .setValueTruncated(truncate)
                .setStage(stage)
                .setErrorClass(errorClass)
                .setErrorMessage(message == null ? errorClass : message)
                .setArticleId(articleId)
                .setFailedAt(clock.instant())
                .build());
    }
}
