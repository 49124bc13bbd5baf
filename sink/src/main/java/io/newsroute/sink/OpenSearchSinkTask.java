package io.newsroute.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.serde.RecordDecodeException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes {@code news.enriched} records into OpenSearch. Expects the key as a String (the article
 * id, {@code StringConverter}) and the value as raw bytes ({@code ByteArrayConverter}): our Avro
 * single-object encoded {@link EnrichedArticle}. A null value (a tombstone on the compacted topic)
 * deletes the document.
 *
 * <p><b>Batching.</b> {@link #put} buffers the operations and sends a bulk request when the
 * buffer holds {@code sink.batch.size} documents or {@code sink.batch.max.bytes} bytes (estimated
 * from the record values), and a background timer sends what has waited {@code sink.linger.ms}.
 * {@link #flush} (called by {@link #preCommit} before Connect commits offsets) sends everything
 * buffered and waits for the dead-letter writes, so committed offsets never run ahead of
 * OpenSearch: each buffered record is indexed, skipped as stale (version conflict) or reported.
 * If a flush fails, Connect rewinds to the last committed offsets and redelivers; replays are
 * harmless thanks to {@code external_gte}.
 *
 * <p>Records that cannot be decoded or that OpenSearch rejects go to {@link ErrantRecordReporter}
 * (the connector's dead-letter topic) when the worker provides one, else the task fails with a
 * {@link ConnectException} naming the record.
 */
public final class OpenSearchSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchSinkTask.class);
    /** OpenSearch refuses the whole bulk request for an id longer than this many bytes. */
    private static final int MAX_ID_BYTES = 512;
    private static final long REPORT_TIMEOUT_MS = 60_000;

    private OpenSearchSinkConfig config;
    private OpenSearchClient client;
    private BulkIndexer indexer;
    private ErrantRecordReporter reporter;
    /** Guards the buffer, the pending reports and every bulk request (put thread and linger timer). */
    private final Object lock = new Object();
    private final List<Future<Void>> pendingReports = new ArrayList<>();
    private final List<Pending> buffer = new ArrayList<>();
    private long bufferBytes;
    private long oldestNanos;
    private ScheduledExecutorService lingerTimer;
    /** A non-retriable failure of a timer flush, rethrown by the next put() or flush(). */
    private volatile ConnectException timerFailure;

    /** A buffered operation and its estimated size. */
    private record Pending(BulkIndexer.Item item, long bytes) {
    }

    @Override
    public String version() {
        return SinkVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new OpenSearchSinkConfig(props);
        reporter = errantRecordReporter();
        client = OpenSearchClients.create(config);
        NewsIndex index = new NewsIndex(client, config.indexAlias(), config.indexShards(), config.indexReplicas());
        RetryBackoff backoff = RetryBackoff.random(config.retryBackoffMs(), config.retryBackoffMaxMs());
        ensureIndex(index, backoff);
        indexer = new BulkIndexer(client, config.indexAlias(), config.maxRetries(), backoff, Thread::sleep);
        long linger = config.lingerMs();
        if (linger > 0) {
            lingerTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "newsroute-sink-linger-" + config.indexAlias());
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.max(5, linger / 4);
            lingerTimer.scheduleWithFixedDelay(this::flushIfLingered, period, period, TimeUnit.MILLISECONDS);
        }
        LOG.info("OpenSearch sink task started: {} -> alias {} (batch {} docs / {} bytes / {} ms, {} retries, dead letters {})",
                config.urls(), config.indexAlias(), config.batchSize(), config.batchMaxBytes(), linger, config.maxRetries(),
                reporter == null ? "off: rejections fail the task" : "to the errant record reporter");
    }

    private ErrantRecordReporter errantRecordReporter() {
        if (context == null) {
            return null;
        }
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            // a worker older than Kafka 2.6 has no reporter
            return null;
        }
    }

    private void ensureIndex(NewsIndex index, RetryBackoff backoff) {
        for (int attempt = 0; ; attempt++) {
            try {
                index.ensure();
                return;
            } catch (UncheckedIOException | OpenSearchException e) {
                boolean retriable = e instanceof UncheckedIOException
                        || BulkIndexer.classify(((OpenSearchException) e).status(), null, null)
                                == BulkIndexer.Outcome.RETRY;
                if (!retriable || attempt >= config.maxRetries()) {
                    closeClient();
                    throw new ConnectException("cannot set up index alias " + config.indexAlias() + " on "
                            + config.urls() + ": " + e.getMessage(), e);
                }
                long delay = backoff.delayMs(attempt);
                LOG.warn("OpenSearch at {} not ready ({}); retrying in {} ms", config.urls(), e.getMessage(), delay);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    closeClient();
                    throw new ConnectException("interrupted while waiting for OpenSearch", ie);
                }
            }
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        ConnectException failure = timerFailure;
        if (failure != null) {
            throw failure;
        }
        synchronized (lock) {
            List<Pending> added = new ArrayList<>(records.size());
            for (SinkRecord record : records) {
                BulkIndexer.Item item = toItem(record);
                if (item != null) {
                    Object value = record.value();
                    long bytes = 64 + (value instanceof byte[] b ? b.length : 0);
                    added.add(new Pending(item, bytes));
                }
            }
            if (!added.isEmpty()) {
                if (buffer.isEmpty()) {
                    oldestNanos = System.nanoTime();
                }
                buffer.addAll(added);
                added.forEach(p -> bufferBytes += p.bytes());
            }
            try {
                while (buffer.size() >= config.batchSize() || (bufferBytes >= config.batchMaxBytes() && !buffer.isEmpty())) {
                    sendBatch();
                }
                if (config.lingerMs() == 0 || lingered()) {
                    flushBuffer();
                }
            } catch (RetriableException e) {
                // Connect redelivers this put's records: keep only the older ones buffered
                buffer.removeIf(p -> added.stream().anyMatch(a -> a == p));
                bufferBytes = buffer.stream().mapToLong(Pending::bytes).sum();
                throw e;
            }
        }
    }

    private boolean lingered() {
        return !buffer.isEmpty() && System.nanoTime() - oldestNanos >= TimeUnit.MILLISECONDS.toNanos(config.lingerMs());
    }

    /** The linger timer: sends the buffer once its oldest record has waited sink.linger.ms. */
    private void flushIfLingered() {
        synchronized (lock) {
            if (indexer == null || !lingered()) {
                return;
            }
            try {
                flushBuffer();
            } catch (RetriableException e) {
                LOG.warn("Timed flush of {} document(s) to {} failed, retrying on the next tick or put: {}", buffer.size(),
                        config.indexAlias(), e.getMessage());
            } catch (ConnectException e) {
                LOG.error("Timed flush to {} failed for good; the task fails on its next put", config.indexAlias(), e);
                timerFailure = e;
            } catch (RuntimeException e) {
                LOG.error("Timed flush to {} failed unexpectedly; the task fails on its next put", config.indexAlias(), e);
                timerFailure = new ConnectException("flush to " + config.indexAlias() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Sends everything buffered (caller holds the lock). */
    private void flushBuffer() {
        while (!buffer.isEmpty()) {
            sendBatch();
        }
    }

    /**
     * Sends the oldest documents of the buffer, up to sink.batch.size / sink.batch.max.bytes, as one
     * bulk request, and removes them from the buffer once each is indexed, skipped or reported.
     */
    private void sendBatch() {
        int count = 0;
        long bytes = 0;
        while (count < buffer.size() && count < config.batchSize()
                && (count == 0 || bytes + buffer.get(count).bytes() <= config.batchMaxBytes())) {
            bytes += buffer.get(count).bytes();
            count++;
        }
        List<Pending> batch = buffer.subList(0, count);
        List<BulkIndexer.Item> items = batch.stream().map(Pending::item).toList();
        for (BulkIndexer.Rejection rejection : indexer.index(items)) {
            BulkIndexer.Item item = rejection.item();
            reject(item.record(), "OpenSearch rejected article " + item.id() + " (" + rejection.status() + "): "
                    + rejection.reason(), null);
        }
        batch.clear();
        bufferBytes -= bytes;
        oldestNanos = System.nanoTime();
        LOG.debug("Indexed {} record(s) ({} bytes) into {}", count, bytes, config.indexAlias());
    }

    /** The operation for one record, or null when the record was reported as errant. */
    private BulkIndexer.Item toItem(SinkRecord record) {
        Object value = record.value();
        if (value == null) {
            String id = keyAsId(record.key());
            if (id == null) {
                reject(record, "tombstone without a String key: cannot tell which article to delete", null);
                return null;
            }
            return BulkIndexer.Item.delete(record, id);
        }
        byte[] bytes;
        if (value instanceof byte[] b) {
            bytes = b;
        } else if (value instanceof ByteBuffer buffer) {
            bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
        } else {
            reject(record, "value is a " + value.getClass().getName()
                    + ", expected bytes: set value.converter=org.apache.kafka.connect.converters.ByteArrayConverter", null);
            return null;
        }
        EnrichedArticle article;
        try {
            article = NewsSerdes.enrichedCodec().decode(bytes);
        } catch (RecordDecodeException e) {
            reject(record, "undecodable value for key " + record.key() + ": " + e.getMessage(), e);
            return null;
        }
        String id = article.getId();
        if (id == null || id.isEmpty() || id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            reject(record, "article id is empty or longer than " + MAX_ID_BYTES + " bytes: " + abbreviate(id), null);
            return null;
        }
        if (article.getVersion() < 0) {
            reject(record, "article " + id + " has a negative version " + article.getVersion(), null);
            return null;
        }
        Object key = record.key();
        if (key != null && !id.equals(keyAsId(key))) {
            LOG.debug("Record key {} differs from article id {} {}; indexing by article id", key, id, coordinates(record));
        }
        return BulkIndexer.Item.index(record, id, article.getVersion(), ArticleDocument.of(article));
    }

    private void reject(SinkRecord record, String reason, Throwable cause) {
        ConnectException error = new ConnectException(reason + " " + coordinates(record), cause);
        if (reporter == null) {
            throw error;
        }
        LOG.warn("Dead-lettering record {}: {}", coordinates(record), reason);
        pendingReports.add(reporter.report(record, error));
    }

    /**
     * Sends every buffered document and waits for the dead-letter writes. On failure the buffer is
     * dropped: Connect rewinds to the last committed offsets and redelivers those records.
     */
    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        ConnectException failure = timerFailure;
        if (failure != null) {
            throw failure;
        }
        synchronized (lock) {
            try {
                flushBuffer();
                for (Future<Void> report : pendingReports) {
                    report.get(REPORT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                }
                pendingReports.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                clearBuffer();
                throw new RetriableException("interrupted while waiting for dead-letter writes", e);
            } catch (ExecutionException | TimeoutException e) {
                clearBuffer();
                throw new ConnectException("dead-letter write failed: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                clearBuffer();
                throw e;
            }
        }
    }

    /** Partitions moving to another task: their buffered records will be redelivered there. */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        synchronized (lock) {
            buffer.removeIf(p -> p.item().record() != null
                    && partitions.contains(new TopicPartition(p.item().record().topic(), p.item().record().kafkaPartition())));
            bufferBytes = buffer.stream().mapToLong(Pending::bytes).sum();
        }
    }

    private void clearBuffer() {
        buffer.clear();
        bufferBytes = 0;
        pendingReports.clear();
    }

    /** Documents buffered and not yet sent (tests). */
    int buffered() {
        synchronized (lock) {
            return buffer.size();
        }
    }

    @Override
    public void stop() {
        if (lingerTimer != null) {
            lingerTimer.shutdownNow();
            lingerTimer = null;
        }
        synchronized (lock) {
            if (!buffer.isEmpty()) {
                LOG.info("Stopping with {} unsent document(s); they are redelivered from the committed offsets", buffer.size());
            }
            clearBuffer();
            indexer = null;
            closeClient();
        }
    }

    private void closeClient() {
        if (client != null) {
            try {
                client._transport().close();
            } catch (IOException e) {
                LOG.warn("Closing the OpenSearch client failed", e);
            }
            client = null;
        }
    }

    private static String keyAsId(Object key) {
        if (key instanceof String s && !s.isEmpty()) {
            return s;
        }
        if (key instanceof byte[] b && b.length > 0) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return null;
    }

    private static String coordinates(SinkRecord record) {
        return "[" + record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset() + "]";
    }

    private static String abbreviate(String id) {
        if (id == null) {
            return "(null)";
        }
        return id.length() <= 80 ? "'" + id + "'" : "'" + id.substring(0, 80) + "...'";
    }
}
