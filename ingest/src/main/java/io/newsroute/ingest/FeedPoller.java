package io.newsroute.ingest;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.schema.RawArticle;

/**
 * Polls RSS/Atom feeds, by URL or local file, and sends each item that was not sent before to the
 * raw topic.
 *
 * <p>One poll of a URL is one GET, conditional when the feed's {@link FeedState} has validators
 * ({@code If-None-Match} with the last {@code ETag}, {@code If-Modified-Since} with the last
 * {@code Last-Modified}); a {@code 304 Not Modified} ends the poll without parsing. Otherwise the
 * feed is parsed ({@link FeedReader}), items whose article id is in the state are skipped, the new
 * ones are sent, the producer is flushed, and only then are their ids and the new validators
 * saved. So a crash between send and save re-sends at most one poll's items, with the same ids
 * (the same keys downstream), and a restart never re-sends what was acknowledged.
 *
 * <p>HTTP errors and unparseable feeds are reported in the {@link PollResult} and leave the state
 * as it was; a failure to produce ({@link IngestException}) propagates. One poller may serve many
 * feeds, one poll at a time.
 */
public final class FeedPoller {
    private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
    static final String ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
            + "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1";

    private final HttpFetcher http;
    private final FeedReader feeds;
    private final Path stateDir;
    private final RawArticleProducer producer;

    /**
     * @param stateDir where the per-feed state files live ({@link FeedState}), e.g. {@code .newsroute/feeds}
     */
    public FeedPoller(HttpClient http, ArticleReader reader, Path stateDir, RawArticleProducer producer) {
        this.http = new HttpFetcher(http);
        this.feeds = new FeedReader(reader);
        this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
        this.producer = Objects.requireNonNull(producer, "producer");
    }

    /** A client suitable for polling: connect timeout, redirects followed. */
    public static HttpClient defaultHttpClient() {
        return HttpFetcher.defaultClient();
    }

    /** What a poll did. */
    public enum Outcome {
        /** The server answered 304 to the conditional GET: nothing was parsed or sent. */
        NOT_MODIFIED,
        /** The feed was read and its new items sent. */
        READ,
        /** The feed could not be fetched or parsed; see the problems. */
        FAILED
    }

    /**
     * @param feed the URL or path as given
     * @param items items in the feed (0 unless {@link Outcome#READ})
     * @param sent new articles sent (and acknowledged) in this poll
     * @param problems items or the feed itself that could not be ingested
     */
    public record PollResult(String feed, Outcome outcome, int items, int sent, List<IngestProblem> problems) {
        public PollResult {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Polls one feed: an http(s) URL (conditional GET) or a file path (read whole).
     *
     * @throws IngestException if sending to Kafka failed
     */
    public PollResult poll(String feed) {
        Objects.requireNonNull(feed, "feed");
        FeedState state = FeedState.load(stateDir, stateKey(feed));
        byte[] body;
        String contentType = null;
        String etag = null;
        String lastModified = null;
        if (HttpFetcher.isUrl(feed)) {
            Map<String, String> headers = new HashMap<>();
            state.etag().ifPresent(v -> headers.put("If-None-Match", v));
            state.lastModified().ifPresent(v -> headers.put("If-Modified-Since", v));
            HttpFetcher.Response response;
            try {
                response = http.get(feed, ACCEPT, headers);
            } catch (IllegalArgumentException e) {
                return failed(feed, e.getMessage());
            }
            if (response.status() == 304) {
                LOG.debug("feed {}: not modified", feed);
                return new PollResult(feed, Outcome.NOT_MODIFIED, 0, 0, List.of());
            }
            if (response.status() != 200) {
                return failed(feed, "HTTP " + response.status() + " from " + feed);
            }
            body = response.body();
            contentType = response.contentType();
            etag = response.etag().orElse(null);
            lastModified = response.lastModified().orElse(null);
        } else {
            Path path = Path.of(feed);
            try {
                if (Files.size(path) > ArticleReader.MAX_MARKUP_FILE_BYTES) {
                    return failed(feed, "file larger than " + ArticleReader.MAX_MARKUP_FILE_BYTES + " bytes");
                }
                body = Files.readAllBytes(path);
            } catch (IOException e) {
                return failed(feed, "cannot read: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString()));
            }
        }
        FeedReader.Feed parsed;
        try {
            parsed = feeds.read(body, contentType, feed);
        } catch (IllegalArgumentException e) {
            return failed(feed, e.getMessage());
        }
        List<String> sentIds = new ArrayList<>();
        for (RawArticle article : parsed.articles()) {
            if (!state.seen(article.getId()) && !sentIds.contains(article.getId())) {
                producer.send(article);
                sentIds.add(article.getId());
            }
        }
        producer.flush();
        state.markSeen(sentIds);
        state.validators(etag, lastModified);
        state.save();
        LOG.info("feed {}: {} items, {} new sent", feed, parsed.items(), sentIds.size());
        return new PollResult(feed, Outcome.READ, parsed.items(), sentIds.size(), parsed.problems());
    }

    /** A URL as given; a file by its absolute path, so the same file has one state from any working directory. */
    static String stateKey(String feed) {
        if (HttpFetcher.isUrl(feed)) {
            return feed.strip();
        }
        try {
            return Path.of(feed).toAbsolutePath().normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return feed;
        }
    }

    private static PollResult failed(String feed, String message) {
        LOG.warn("feed {}: {}", feed, message);
        return new PollResult(feed, Outcome.FAILED, 0, 0, List.of(new IngestProblem(feed, 0, message)));
    }
}
