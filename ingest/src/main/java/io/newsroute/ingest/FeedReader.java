package io.newsroute.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import io.newsroute.schema.RawArticle;

/**
 * RSS (0.9x, 1.0, 2.0) and Atom feeds to {@link RawArticle}s, parsed by ROME. Each item becomes one
 * article:
 * <ul>
 *   <li>{@code title}: the item title, markup removed;</li>
 *   <li>{@code url}: the item link (Atom: the {@code alternate} link), made absolute against the
 *       feed's link and canonicalised; the id is then its hash ({@link ArticleIds#of}), so the
 *       same story from two feeds, or from a feed and a crawler, is one article;</li>
 *   <li>{@code publishedAt}: published date, else updated date;</li>
 *   <li>{@code body}: the full content ({@code content:encoded}, Atom {@code content}) when the
 *       item has it, else the description or summary, as text ({@link HtmlText#fragment});</li>
 *   <li>{@code languageHint}: the feed's language ({@code <language>}, {@code dc:language}, or
 *       {@code xml:lang} on the root element).</li>
 * </ul>
 * DOCTYPE declarations are refused (ROME's default), so external entities are never resolved.
 * Stateless apart from the clock; thread-safe.
 */
public final class FeedReader {
    private static final Pattern ROOT_LANG = Pattern.compile("<(?:[A-Za-z0-9_]+:)?(?:feed|rss|RDF)\\b[^>]*\\bxml:lang\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern LANGUAGE = Pattern.compile("([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*");

    private final ArticleReader articles;

    public FeedReader(ArticleReader articles) {
        this.articles = Objects.requireNonNull(articles, "articles");
    }

    /**
     * A parsed feed.
     *
     * @param title the feed's title (may be empty)
     * @param items items in the feed
     * @param articles the items that are articles, in feed order
     * @param problems items that are not (no title and no text, too large), with their 1-based position
     */
    public record Feed(String title, int items, List<RawArticle> articles, List<IngestProblem> problems) {
        public Feed {
            articles = List.copyOf(articles);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Parses a feed document.
     *
     * @param xml the bytes as fetched or read (the encoding is detected from the BOM, the XML
     *     declaration and {@code contentType})
     * @param contentType the HTTP Content-Type, or {@code null} for a file
     * @param source the feed URL or file path: each article's {@code source}
     * @throws IllegalArgumentException if the bytes are not an RSS or Atom feed
     */
    public Feed read(byte[] xml, String contentType, String source) {
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(source, "source");
        SyndFeed feed;
        try {
            XmlReader reader = contentType == null
                    ? new XmlReader(new ByteArrayInputStream(xml), true)
                    : new XmlReader(new ByteArrayInputStream(xml), contentType, true);
            feed = new SyndFeedInput().build(reader);
        } catch (FeedException | IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSS or Atom feed: " + message(e), e);
        }
        String language = feed.getLanguage() != null ? iso(feed.getLanguage()) : rootLanguage(xml);
        String base = feed.getLink();
        List<RawArticle> out = new ArrayList<>();
        List<IngestProblem> problems = new ArrayList<>();
        int position = 0;
        for (SyndEntry entry : feed.getEntries()) {
            position++;
            try {
                out.add(article(entry, base, language, source));
            } catch (IllegalArgumentException e) {
                problems.add(new IngestProblem(source, 0, "item " + position + " (" + describe(entry) + "): " + e.getMessage()));
            }
        }
        return new Feed(feed.getTitle() == null ? "" : HtmlText.fragment(feed.getTitle()), position, out, problems);
    }

    private RawArticle article(SyndEntry entry, String base, String language, String source) {
        String title = entry.getTitle() == null ? "" : HtmlText.fragment(entry.getTitle()).replace('\n', ' ');
        String body = HtmlText.fragment(bodyHtml(entry));
        Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        Instant published = date == null ? null : date.toInstant().truncatedTo(ChronoUnit.MILLIS);
        return articles.article(link(entry, base).orElse(null), title, body, published, language, source);
    }

    private static String bodyHtml(SyndEntry entry) {
        StringBuilder content = new StringBuilder();
        for (SyndContent c : entry.getContents()) {
            if (c.getValue() != null && !c.getValue().isBlank()) {
                content.append(content.length() == 0 ? "" : "\n").append(c.getValue());
            }
        }
        String description = entry.getDescription() == null || entry.getDescription().getValue() == null
                ? "" : entry.getDescription().getValue();
        return content.length() > description.length() ? content.toString() : description;
    }

    private static Optional<String> link(SyndEntry entry, String base) {
        List<String> candidates = new ArrayList<>();
        if (entry.getLink() != null) {
            candidates.add(entry.getLink());
        }
        for (SyndLink link : entry.getLinks()) {
            if (link.getHref() != null && (link.getRel() == null || link.getRel().equals("alternate"))) {
                candidates.add(link.getHref());
            }
        }
        if (entry.getUri() != null) {
            candidates.add(entry.getUri()); // RSS guid isPermaLink / Atom id, when it is an http(s) URL
        }
        for (String candidate : candidates) {
            String absolute = resolve(base, candidate.strip());
            if (ArticleIds.canonicalUrl(absolute).isPresent()) {
                return Optional.of(absolute);
            }
        }
        return Optional.empty();
    }

    private static String resolve(String base, String link) {
        if (base == null || base.isBlank()) {
            return link;
        }
        try {
            return URI.create(base.strip()).resolve(link).toString();
        } catch (IllegalArgumentException e) {
            return link;
        }
    }

    /** ROME does not map Atom's {@code xml:lang} on the root element: read it from the start of the document. */
    private static String rootLanguage(byte[] xml) {
        String start = new String(xml, 0, Math.min(xml.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1);
        Matcher m = ROOT_LANG.matcher(start);
        return m.find() ? iso(m.group(1)) : null;
    }

    private static String iso(String tag) {
        Matcher m = LANGUAGE.matcher(tag.strip());
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    private static String describe(SyndEntry entry) {
        if (entry.getLink() != null) {
            return entry.getLink();
        }
        return entry.getUri() != null ? entry.getUri() : "no link";
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
