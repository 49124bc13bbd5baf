package io.newsroute.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link FeedPoller} remembers about one feed between polls and restarts: the HTTP
 * validators of the last fetch ({@code ETag}, {@code Last-Modified}) for a conditional GET, and
 * the ids of the articles already ingested, so an item is sent once however often the feed
 * lists it.
 *
 * <p>One JSON file per feed, {@code <dir>/<first 16 hex chars of SHA-256(feed)>.json}, holding
 * the feed URL or path itself too, so the directory can be read by a person. Written to a
 * temporary file and moved into place, so a crash never leaves half a file. The seen ids are
 * bounded ({@link #MAX_SEEN}, oldest dropped first): a feed lists its latest items only, so an
 * id that old never comes back. Not thread-safe: one poller per feed at a time.
 */
public final class FeedState {
    /** Ids remembered per feed; far more than any feed lists at once. */
    public static final int MAX_SEEN = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(FeedState.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final String feed;
    private String etag;
    private String lastModified;
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();

    private FeedState(Path file, String feed) {
        this.file = file;
        this.feed = feed;
    }

    /** The file that holds a feed's state in {@code dir}. */
    public static Path file(Path dir, String feed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(feed.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(digest).substring(0, 16) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Loads the state of {@code feed} from {@code dir}, or a fresh state when there is none. An
     * unreadable file is logged and treated as absent (the feed is then fetched unconditionally;
     * its items get the same ids as before, so the downstream keys do not change).
     */
    public static FeedState load(Path dir, String feed) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(feed, "feed");
        FeedState state = new FeedState(file(dir, feed), feed);
        if (Files.isRegularFile(state.file)) {
            try {
                JsonNode node = JSON.readTree(state.file.toFile());
                state.etag = text(node, "etag");
                state.lastModified = text(node, "lastModified");
                for (JsonNode id : node.path("seen")) {
                    state.seen.add(id.asText());
                }
            } catch (IOException e) {
                LOG.warn("feed {}: ignoring unreadable state file {}: {}", feed, state.file, e.getMessage());
            }
        }
        return state;
    }

    public Optional<String> etag() {
        return Optional.ofNullable(etag);
    }

    public Optional<String> lastModified() {
        return Optional.ofNullable(lastModified);
    }

    /** Remembers the validators of the last successful fetch (a {@code null} clears one). */
    public void validators(String etag, String lastModified) {
        this.etag = blankToNull(etag);
        this.lastModified = blankToNull(lastModified);
    }

    public boolean seen(String articleId) {
        return seen.contains(articleId);
    }

    public int seenCount() {
        return seen.size();
    }

    /** Adds ids (already-known ones move to the newest end), dropping the oldest beyond {@link #MAX_SEEN}. */
    public void markSeen(Collection<String> articleIds) {
        for (String id : articleIds) {
            seen.remove(id);
            seen.add(id);
        }
        if (seen.size() > MAX_SEEN) {
            List<String> all = new ArrayList<>(seen);
            seen.clear();
            seen.addAll(all.subList(all.size() - MAX_SEEN, all.size()));
        }
    }

    /** Writes the state (atomically where the file system can). */
    public void save() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("feed", feed);
        out.put("etag", etag);
        out.put("lastModified", lastModified);
        out.put("seen", new ArrayList<>(seen));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), out);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state of feed " + feed + " to " + file, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : blankToNull(value.asText());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
