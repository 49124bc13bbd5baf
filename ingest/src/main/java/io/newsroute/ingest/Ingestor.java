package io.newsroute.ingest;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.schema.RawArticle;

/**
 * Reads articles and produces them to the raw topic: the ingest use case of the CLI and the
 * demo. Bad input becomes {@link IngestProblem}s in the report and the rest goes in; a failure
 * to produce (broker unreachable, topic missing) is not an input problem and aborts with an
 * {@link IngestException}.
 */
public final class Ingestor {
    private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

    private final ArticleReader reader;
    private final RawArticleProducer producer;

    public Ingestor(ArticleReader reader, RawArticleProducer producer) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.producer = Objects.requireNonNull(producer, "producer");
    }

    /**
     * Reads every path (files or directories, in the given order), sends every article and
     * flushes, so the report's article count is acknowledged by the broker.
     *
     * @throws IngestException if a send failed; the producer's message names the article
     */
    public IngestReport ingest(List<Path> paths) {
        return ingest(paths, Listener.NONE);
    }

    /**
     * Like {@link #ingest(List)}, telling {@code listener} the bytes read and the articles sent as
     * it goes (for a progress display; {@link ArticleReader#inputBytes} is the total).
     */
    public IngestReport ingest(List<Path> paths, Listener listener) {
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(listener, "listener");
        Run run = new Run(listener);
        for (Path path : paths) {
            reader.read(path, run, run.problems::add, listener::read);
        }
        return run.finish(paths.toString());
    }

    /**
     * Reads JSON Lines from the stream (not closed), sends every article and flushes.
     *
     * @throws IngestException if a send failed
     */
    public IngestReport ingestJsonLines(InputStream in, String sourceName) {
        return ingestJsonLines(in, sourceName, Listener.NONE);
    }

    /** Like {@link #ingestJsonLines(InputStream, String)}, with progress. */
    public IngestReport ingestJsonLines(InputStream in, String sourceName, Listener listener) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        Run run = new Run(listener);
        reader.readJsonLines(in, sourceName, run, run.problems::add, listener::read);
        return run.finish(sourceName);
    }

    /** Progress of an ingest run; called on the ingesting thread. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** {@code bytes} more of the input were consumed. */
        default void read(long bytes) {
        }

        /** One more article was handed to the producer. */
        default void sent() {
        }
    }

    /** One ingest call: counts what it sends and collects the problems. */
    private final class Run implements Consumer<RawArticle> {
        private final List<IngestProblem> problems = new ArrayList<>();
        private final Listener listener;
        private long articles;

        Run(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void accept(RawArticle article) {
            producer.send(article);
            articles++;
            listener.sent();
        }

        IngestReport finish(String what) {
            producer.flush();
            IngestReport report = new IngestReport(articles, problems);
            if (problems.isEmpty()) {
                LOG.info("ingested {} articles from {}", articles, what);
            } else {
                LOG.warn("ingested {} articles from {}; {} problems, first: {}", articles, what, problems.size(), problems.get(0));
            }
            return report;
        }
    }
}
