package io.newsroute.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.schema.RawArticle;

/**
 * Writes batches of articles to the raw topic for a long-running endpoint (the {@code POST /api/articles}
 * intake): every batch is sent and flushed before {@link #write} returns.
 *
 * <p>A {@link RawArticleProducer} refuses every send after its first failure, which is right for one
 * ingest run and wrong for a server: one broker hiccup would make every later request fail until a
 * restart. So a failed batch retires its producer, and the next batch starts on a fresh one from the
 * factory. The failed batch itself is reported to the caller, who answers with an error and lets the
 * client send it again (article ids are stable, so a resend does no harm).
 *
 * <p>Thread-safe: concurrent batches share the current producer. A batch that was in flight on a
 * retired producer fails as well and is retried by its client like any other failed batch.
 */
public final class RawArticleBatchWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RawArticleBatchWriter.class);
    /** A retired producer's records have failed or will; don't hold the request waiting for them. */
    private static final Duration RETIRE_TIMEOUT = Duration.ofSeconds(1);

    private final Supplier<RawArticleProducer> factory;
    private RawArticleProducer current; // guarded by this
    private boolean closed; // guarded by this
    private long renewals; // guarded by this

    /** @param factory makes a new producer; called lazily, and again after a failed batch */
    public RawArticleBatchWriter(Supplier<RawArticleProducer> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * Sends the articles and waits until the broker acknowledged all of them.
     *
     * @throws IngestException if any of them could not be written; the next call uses a new producer
     */
    public void write(List<RawArticle> articles) {
        Objects.requireNonNull(articles, "articles");
        RawArticleProducer producer = producer();
        try {
            for (RawArticle article : articles) {
                producer.send(article);
            }
            producer.flush();
        } catch (IngestException e) {
            retire(producer);
            throw e;
        } catch (RuntimeException e) {
            // e.g. flush on a producer another request just retired
            retire(producer);
            throw new IngestException("writing " + articles.size() + " articles failed: " + e, e);
        }
    }

    /** How often a failed batch replaced the producer. */
    public synchronized long renewals() {
        return renewals;
    }

    /** Closes the current producer (bounded wait, see {@link RawArticleProducer#close()}). Idempotent. */
    @Override
    public void close() {
        RawArticleProducer producer;
        synchronized (this) {
            closed = true;
            producer = current;
            current = null;
        }
        if (producer != null) {
            producer.close();
        }
    }

    private synchronized RawArticleProducer producer() {
        if (closed) {
            throw new IngestException("the article writer is closed", null);
        }
        if (current == null) {
            try {
                current = factory.get();
            } catch (RuntimeException e) {
                throw new IngestException("could not create a Kafka producer: " + e.getMessage(), e);
            }
        }
        return current;
    }

    private void retire(RawArticleProducer producer) {
        boolean wasCurrent;
        synchronized (this) {
            wasCurrent = current == producer;
            if (wasCurrent) {
                current = null;
                renewals++;
            }
        }
        if (wasCurrent) {
            LOG.warn("a batch of articles failed; the next batch starts on a new Kafka producer");
            producer.close(RETIRE_TIMEOUT);
        }
    }
}
