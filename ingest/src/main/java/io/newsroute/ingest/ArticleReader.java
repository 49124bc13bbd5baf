package io.newsroute.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.AvroTrust;

/**
 * Turns files, directories and JSON Lines streams into {@link RawArticle}s.
 *
 * <h2>Formats</h2>
 * <ul>
 *   <li>{@code .txt}, {@code .text}: one plain-text article (see {@link #fromPlainText}).</li>
 *   <li>{@code .json}: one article object, or an array of them.</li>
 *   <li>{@code .jsonl}, {@code .ndjson}: one article object per line; blank lines are skipped.</li>
 *   <li>{@code .html}, {@code .htm}: one web page, reduced to its article text ({@link HtmlText#page}).</li>
 *   <li>{@code .rss}, {@code .atom}, {@code .xml}: an RSS or Atom feed, one article per item
 *       ({@link FeedReader}); read as it is, without the seen-items state of {@link FeedPoller}.</li>
 * </ul>
 * Extensions are matched case-insensitively. JSON article fields are described at {@link #fromJson}.
 *
 * <h2>Errors</h2>
 * Bad input never throws and never stops the read: every unreadable file, invalid line or
 * object that is not an article goes to the problem consumer with its path and line (0 for the
 * whole file), and everything else still goes to the article consumer. Exceptions thrown by the
 * consumers themselves are not caught: they abort the read (the {@link Ingestor} relies on that
 * when the producer fails).
 *
 * <p>Instances are stateless apart from the clock and may be shared between threads.
 */
public final class ArticleReader {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleReader.class);

    /**
     * Longest article accepted, title plus body in characters. Kafka's default request and
     * message size is 1 MiB; 300,000 characters stay below it even at three UTF-8 bytes per
     * character, and no real news article comes near it.
     */
    public static final int MAX_ARTICLE_CHARS = 300_000;
    /** Longest headline taken from a plain-text article; longer first lines are body text. */
    public static final int MAX_TITLE_CHARS = 200;
    /** Longest JSON Lines line read; longer lines are reported and skipped. */
    static final int MAX_LINE_BYTES = 8 * 1024 * 1024;
    /** Largest plain-text file read: a file beyond it cannot hold an article within {@link #MAX_ARTICLE_CHARS}. */
    static final long MAX_TEXT_FILE_BYTES = 4L * MAX_ARTICLE_CHARS + 4096;

    private static final String TEXT_PLAIN = "text/plain";
    private static final String TEXT_HTML = "text/html";
    private static final String SUPPORTED = ".txt, .text, .json, .jsonl, .ndjson, .html, .htm, .rss, .atom, .xml";
    /** Largest HTML page or feed file read. */
    static final long MAX_MARKUP_FILE_BYTES = 16L * 1024 * 1024;

    /** ` date 2017-03` or `date 2017-03-14`, optionally followed by text on the same line. */
    private static final Pattern DATE_LINE = Pattern.compile("\\s*date\\s+(\\d{4})-(\\d{2})(?:-(\\d{2}))?(?:\\s+(.*))?\\s*",
            Pattern.DOTALL);
    private static final Instant MIN_PUBLISHED = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX_PUBLISHED = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,19}");
    private static final Pattern LANGUAGE = Pattern.compile("([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private enum Format { TEXT, JSON, JSON_LINES, HTML, FEED }

    private final Clock clock;
    /** Streams .json files: reads one value at a time, so it must not check for trailing tokens. */
    private final ObjectMapper mapper;
    /** Parses a JSON Lines line, which must hold exactly one value. */
    private final ObjectReader lineReader;

    public ArticleReader(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mapper = new ObjectMapper();
        this.lineReader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        AvroTrust.install();
    }

    /**
     * Reads a file, or a directory recursively (files in path order; files with other extensions
     * are skipped inside a directory, but reported when named directly; symbolic links are
     * followed). The source of every article and problem is the path as given (for a file in a
     * directory: the directory as given, resolved with the relative path of the file).
     */
    public void read(Path path, Consumer<RawArticle> articles, Consumer<IngestProblem> problems) {
        read(path, articles, problems, bytes -> { });
    }

    /**
     * Like {@link #read(Path, Consumer, Consumer)}, and reports the input bytes consumed as it goes
     * (per line of a JSON Lines file, per file otherwise), for a progress display against
     * {@link #inputBytes}.
     */
    public void read(Path path, Consumer<RawArticle> articles, Consumer<IngestProblem> problems, LongConsumer bytesRead) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bytesRead, "bytesRead");
        Objects.requireNonNull(articles, "articles");
        Objects.requireNonNull(problems, "problems");
        if (Files.isDirectory(path)) {
            for (Path file : listFiles(path, problems)) {
                Optional<Format> format = formatOf(file);
                if (format.isPresent()) {
                    readFile(file, format.get(), articles, problems, bytesRead);
                } else {
                    LOG.debug("skipping {}: not one of {}", file, SUPPORTED);
                }
            }
        } else if (Files.exists(path)) {
            Optional<Format> format = formatOf(path);
            if (format.isPresent()) {
                readFile(path, format.get(), articles, problems, bytesRead);
            } else {
                problems.accept(new IngestProblem(path.toString(), 0, "unsupported file type: expected one of " + SUPPORTED));
            }
        } else {
            problems.accept(new IngestProblem(path.toString(), 0, "no such file or directory"));
        }
    }

    /**
     * Reads JSON Lines: one article object per line (UTF-8), blank lines skipped. A line that is
     * not valid UTF-8 or JSON, is not an object, or is not an article becomes a problem with its
     * 1-based line number; reading goes on with the next line. The stream is not closed.
     */
    public void readJsonLines(InputStream in, String sourceName, Consumer<RawArticle> articles,
                              Consumer<IngestProblem> problems) {
        readJsonLines(in, sourceName, articles, problems, bytes -> { });
    }

    /** Like {@link #readJsonLines(InputStream, String, Consumer, Consumer)}, reporting the bytes of each line read. */
    public void readJsonLines(InputStream in, String sourceName, Consumer<RawArticle> articles,
                              Consumer<IngestProblem> problems, LongConsumer bytesRead) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(articles, "articles");
        Objects.requireNonNull(problems, "problems");
        LineSplitter lines = new LineSplitter(in instanceof BufferedInputStream ? in : new BufferedInputStream(in));
        long lineNo = 0;
        while (true) {
            byte[] bytes;
            try {
                bytes = lines.next();
            } catch (IOException e) {
                problems.accept(new IngestProblem(sourceName, lineNo + 1, "cannot read: " + describe(e)));
                return;
            }
            if (bytes == null) {
                return;
            }
            lineNo++;
            bytesRead.accept(lines.consumed());
            if (lines.truncated()) {
                problems.accept(new IngestProblem(sourceName, lineNo, "line longer than " + MAX_LINE_BYTES + " bytes, skipped"));
                continue;
            }
            Optional<RawArticle> article = parseJsonLine(bytes, lineNo, sourceName, problems);
            article.ifPresent(articles);
        }
    }

    /**
     * Builds an article from plain text such as the seed files.
     * <ul>
     *   <li>An optional first line {@code date YYYY-MM} or {@code date YYYY-MM-DD} gives
     *       {@code publishedAt} (first of the month, UTC, when there is no day) and is removed; text
     *       after the date on the same line stays.</li>
     *   <li>Leading page furniture (captions, photo credits, "Bild nicht mehr verfügbar.") is
     *       skipped; the next non-blank line is the title when it is short ({@code <=}
     *       {@value #MAX_TITLE_CHARS} characters) and looks like a headline (two words or more, a
     *       letter, not ending in {@code :} or {@code ,}). The body is the text after it, trimmed.</li>
     *   <li>Otherwise the title is empty and the whole text is the body.</li>
     * </ul>
     * The id is the content hash; there is no URL.
     *
     * @throws IllegalArgumentException if the text has neither title nor body, or is longer than
     *     {@value #MAX_ARTICLE_CHARS} characters
     */
    public RawArticle fromPlainText(String text, String source) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        List<String> lines = new ArrayList<>(Arrays.asList(LINE_BREAK.split(stripBom(text), -1)));
        Instant publishedAt = null;
        int first = firstNonBlank(lines, 0);
        if (first < lines.size()) {
            Matcher date = DATE_LINE.matcher(lines.get(first));
            if (date.matches()) {
                Optional<Instant> parsed = date(date.group(1), date.group(2), date.group(3));
                if (parsed.isPresent()) {
                    publishedAt = parsed.get();
                    lines.set(first, date.group(4) == null ? "" : date.group(4));
                }
            }
        }
        String title = "";
        String body = String.join("\n", lines).strip();
        int candidate = firstNonBlank(lines, 0);
        while (candidate < lines.size() && PageFurniture.isFurniture(lines.get(candidate))) {
            candidate = firstNonBlank(lines, candidate + 1);
        }
        if (candidate < lines.size() && looksLikeHeadline(lines.get(candidate).strip())) {
            title = collapse(lines.get(candidate));
            body = String.join("\n", lines.subList(candidate + 1, lines.size())).strip();
        }
        checkContent(title, body);
        return RawArticle.newBuilder()
                .setId(ArticleIds.forContent(title, body))
                .setUrl(null)
                .setSource(source)
                .setTitle(title)
                .setBody(body)
                .setPublishedAt(publishedAt)
                .setFetchedAt(now())
                .setLanguageHint(null)
                .setContentType(TEXT_PLAIN)
                .build();
    }

    /**
     * Builds an article from a JSON object. Fields (unknown ones are ignored):
     * <ul>
     *   <li>{@code id}: optional; computed with {@link ArticleIds#of} when missing or blank.</li>
     *   <li>{@code url}: canonicalised ({@link ArticleIds#canonicalUrl}); a URL that is not
     *       http(s) is dropped with a warning (it is never put in a record, where it could end up
     *       as a link on the search page).</li>
     *   <li>{@code source}: default {@code source} (the file path or stream name).</li>
     *   <li>{@code title}, {@code body}: at least one of them non-blank; both trimmed, the title's
     *       whitespace collapsed.</li>
     *   <li>{@code publishedAt}: ISO-8601 instant (or date-time with offset; without offset it is
     *       taken as UTC), a date {@code YYYY-MM-DD} (start of day UTC), or epoch milliseconds
     *       (number or digit string).</li>
     *   <li>{@code language}: ISO 639-1 hint; {@code de-AT} gives {@code de}; anything else is
     *       ignored.</li>
     *   <li>{@code contentType}: {@code text/plain} (default) or {@code text/html}; parameters such
     *       as {@code ; charset=utf-8} are ignored.</li>
     * </ul>
     *
     * @throws IllegalArgumentException with a message naming the field, if the node is not an
     *     object, a field has the wrong type or format, or the article has neither title nor body
     */
    public RawArticle fromJson(JsonNode node, String source) {
        Objects.requireNonNull(source, "source");
        if (node == null || !node.isObject()) {
            throw new InvalidArticleException("", "expected a JSON object, found " + typeOf(node));
        }
        String title = text(node, "title").map(ArticleReader::collapse).orElse("");
        String body = text(node, "body").map(String::strip).orElse("");
        checkContent(title, body);
        String url = null;
        Optional<String> rawUrl = text(node, "url").map(String::strip).filter(u -> !u.isEmpty());
        if (rawUrl.isPresent()) {
            url = ArticleIds.canonicalUrl(rawUrl.get()).orElse(null);
            if (url == null) {
                LOG.warn("{}: ignoring url '{}': not an absolute http(s) URL", source, rawUrl.get());
            }
        }
        String id = text(node, "id").map(String::strip).filter(s -> !s.isEmpty())
                .orElseGet(() -> ArticleIds.of(rawUrl.orElse(null), title, body));
        return RawArticle.newBuilder()
                .setId(id)
                .setUrl(url)
                .setSource(text(node, "source").map(String::strip).filter(s -> !s.isEmpty()).orElse(source))
                .setTitle(title)
                .setBody(body)
                .setPublishedAt(publishedAt(node.get("publishedAt")))
                .setFetchedAt(now())
                .setLanguageHint(language(node, source))
                .setContentType(contentType(node))
                .build();
    }

    /**
     * Builds an article from a web page ({@link HtmlText#page}): its headline, its main text, the
     * publication time of its meta tags, its language. The URL is the page's canonical URL, else
     * {@code url}.
     *
     * @param charset the HTTP charset, or {@code null} to detect it (BOM, {@code meta charset}, else UTF-8)
     * @param url where the page was fetched, or {@code null} for a file
     * @throws IllegalArgumentException if the page has no text, or is too large
     */
    public RawArticle fromHtml(byte[] html, String charset, String url, String source) {
        Objects.requireNonNull(html, "html");
        HtmlText.Page page = HtmlText.page(html, charset, url == null ? "" : url);
        String link = page.canonicalUrl().filter(u -> ArticleIds.canonicalUrl(u).isPresent()).orElse(url);
        return article(link, page.title(), page.text(), page.publishedAt().orElse(null), page.language().orElse(null), source);
    }

    /**
     * Builds an article from fields already extracted (from a feed item or a page), checking
     * content and size like every other format; the id is {@link ArticleIds#of}.
     *
     * @param url an http(s) URL or {@code null}; anything else is dropped
     * @throws IllegalArgumentException if the article has neither title nor body, or is too large
     */
    RawArticle article(String url, String title, String body, Instant publishedAt, String language, String source) {
        String t = title == null ? "" : collapse(title);
        String b = body == null ? "" : body.strip();
        checkContent(t, b);
        String canonical = url == null ? null : ArticleIds.canonicalUrl(url).orElse(null);
        return RawArticle.newBuilder()
                .setId(ArticleIds.of(canonical, t, b))
                .setUrl(canonical)
                .setSource(source)
                .setTitle(t)
                .setBody(b)
                .setPublishedAt(publishedAt == null ? null : inRange(publishedAt))
                .setFetchedAt(now())
                .setLanguageHint(language)
                .setContentType(TEXT_PLAIN)
                .build();
    }

    // ---------------------------------------------------------------- files

    private static List<Path> listFiles(Path dir, Consumer<IngestProblem> problems) {
        List<Path> files = new ArrayList<>();
        try {
            // follow links (a corpus directory of symlinks is normal); a dangling link stays in the
            // list and is reported when it cannot be opened, a link cycle goes to visitFileFailed
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.accept(new IngestProblem(file.toString(), 0, "cannot read: " + describe(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.accept(new IngestProblem(dir.toString(), 0, "cannot list directory: " + describe(e)));
        }
        files.sort(null);
        return files;
    }

    private static Optional<Format> formatOf(Path file) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".txt") || lower.endsWith(".text")) {
            return Optional.of(Format.TEXT);
        }
        if (lower.endsWith(".json")) {
            return Optional.of(Format.JSON);
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return Optional.of(Format.JSON_LINES);
        }
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            return Optional.of(Format.HTML);
        }
        if (lower.endsWith(".rss") || lower.endsWith(".atom") || lower.endsWith(".xml")) {
            return Optional.of(Format.FEED);
        }
        return Optional.empty();
    }

    /**
     * The bytes {@link #read} would consume from these paths: the sizes of the files it reads (in
     * directories, those with a supported extension). Unreadable entries count 0.
     */
    public static long inputBytes(List<Path> paths) {
        long total = 0;
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                for (Path file : listFiles(path, problem -> { })) {
                    if (formatOf(file).isPresent()) {
                        total += sizeOf(file);
                    }
                }
            } else {
                total += sizeOf(path);
            }
        }
        return total;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private void readFile(Path file, Format format, Consumer<RawArticle> articles, Consumer<IngestProblem> problems,
                          LongConsumer bytesRead) {
        if (format != Format.JSON_LINES) {
            readFile(file, format, articles, problems);
            bytesRead.accept(sizeOf(file));
            return;
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            problems.accept(new IngestProblem(file.toString(), 0, "cannot read: " + describe(e)));
            return;
        }
        try (in) {
            readJsonLines(in, file.toString(), articles, problems, bytesRead);
        } catch (IOException e) {
            LOG.debug("{}: cannot close: {}", file, describe(e));
        }
    }

    private void readFile(Path file, Format format, Consumer<RawArticle> articles, Consumer<IngestProblem> problems) {
        String source = file.toString();
        switch (format) {
            case TEXT -> readTextFile(file, source, articles, problems);
            case JSON -> readJsonFile(file, source, articles, problems);
            case HTML -> readMarkupFile(file, source, problems).ifPresent(bytes -> {
                RawArticle article;
                try {
                    article = fromHtml(bytes, null, null, source);
                } catch (IllegalArgumentException e) {
                    problems.accept(new IngestProblem(source, 0, e.getMessage()));
                    return;
                }
                articles.accept(article);
            });
            case FEED -> readMarkupFile(file, source, problems).ifPresent(bytes -> {
                FeedReader.Feed feed;
                try {
                    feed = new FeedReader(this).read(bytes, null, source);
                } catch (IllegalArgumentException e) {
                    problems.accept(new IngestProblem(source, 0, e.getMessage()));
                    return;
                }
                feed.problems().forEach(problems);
                feed.articles().forEach(articles);
            });
            case JSON_LINES -> {
                InputStream in;
                try {
                    in = Files.newInputStream(file);
                } catch (IOException e) {
                    problems.accept(new IngestProblem(source, 0, "cannot read: " + describe(e)));
                    return;
                }
                try (in) {
                    readJsonLines(in, source, articles, problems);
                } catch (IOException e) {
                    LOG.debug("{}: cannot close: {}", source, describe(e));
                }
            }
        }
    }

    private static Optional<byte[]> readMarkupFile(Path file, String source, Consumer<IngestProblem> problems) {
        try {
            long size = Files.size(file);
            if (size > MAX_MARKUP_FILE_BYTES) {
                problems.accept(new IngestProblem(source, 0, "file too large: " + size + " bytes (limit " + MAX_MARKUP_FILE_BYTES + ")"));
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            problems.accept(new IngestProblem(source, 0, "cannot read: " + describe(e)));
            return Optional.empty();
        }
    }

    private void readTextFile(Path file, String source, Consumer<RawArticle> articles, Consumer<IngestProblem> problems) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_TEXT_FILE_BYTES) {
                problems.accept(new IngestProblem(source, 0, "file too large for one article: " + size
                        + " bytes (limit " + MAX_TEXT_FILE_BYTES + ")"));
                return;
            }
            text = decodeText(Files.readAllBytes(file), source);
        } catch (IOException e) {
            problems.accept(new IngestProblem(source, 0, "cannot read: " + describe(e)));
            return;
        }
        RawArticle article;
        try {
            article = fromPlainText(text, source);
        } catch (IllegalArgumentException e) {
            problems.accept(new IngestProblem(source, 0, e.getMessage()));
            return;
        }
        articles.accept(article);
    }

    /** UTF-8 when it is valid UTF-8 (nearly always), else Windows-1252, the usual legacy encoding of Western news text. */
    private static String decodeText(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            LOG.warn("{}: not valid UTF-8, reading it as windows-1252", source);
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    private void readJsonFile(Path file, String source, Consumer<RawArticle> articles, Consumer<IngestProblem> problems) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            problems.accept(new IngestProblem(source, 0, "cannot read: " + describe(e)));
            return;
        }
        long line = 0;
        try (in; JsonParser parser = mapper.createParser(in)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                problems.accept(new IngestProblem(source, 0, "empty file: expected an article object or an array of them"));
                return;
            }
            if (token == JsonToken.START_OBJECT) {
                line = parser.currentTokenLocation().getLineNr();
                JsonNode node = mapper.readTree(parser);
                long objectLine = line;
                token = parser.nextToken();
                if (token != null) {
                    line = parser.currentTokenLocation().getLineNr();
                    problems.accept(new IngestProblem(source, line, "unexpected " + token.asString()
                            + " after the article object; several articles go in an array or a .jsonl file"));
                }
                jsonArticle(node, source, objectLine, problems).ifPresent(articles);
            } else if (token == JsonToken.START_ARRAY) {
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (token == null) {
                        problems.accept(new IngestProblem(source, line, "unexpected end of file inside the array"));
                        return;
                    }
                    line = parser.currentTokenLocation().getLineNr();
                    JsonNode node = mapper.readTree(parser);
                    jsonArticle(node, source, line, problems).ifPresent(articles);
                }
                token = parser.nextToken();
                if (token != null) {
                    line = parser.currentTokenLocation().getLineNr();
                    problems.accept(new IngestProblem(source, line, "unexpected " + token.asString() + " after the array"));
                }
            } else {
                line = parser.currentTokenLocation().getLineNr();
                problems.accept(new IngestProblem(source, line, "expected an article object or an array of them, found "
                        + token.asString()));
            }
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? line : Math.max(0, e.getLocation().getLineNr());
            problems.accept(new IngestProblem(source, at, "not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.accept(new IngestProblem(source, line, "cannot read: " + describe(e)));
        }
    }

    private Optional<RawArticle> jsonArticle(JsonNode node, String source, long line, Consumer<IngestProblem> problems) {
        try {
            return Optional.of(fromJson(node, source));
        } catch (IllegalArgumentException e) {
            problems.accept(new IngestProblem(source, line, e.getMessage()));
            return Optional.empty();
        }
    }

    private Optional<RawArticle> parseJsonLine(byte[] bytes, long lineNo, String source, Consumer<IngestProblem> problems) {
        String line;
        try {
            line = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            problems.accept(new IngestProblem(source, lineNo, "not valid UTF-8"));
            return Optional.empty();
        }
        if (lineNo == 1) {
            line = stripBom(line);
        }
        if (line.isBlank()) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = lineReader.readTree(line);
        } catch (JsonProcessingException e) {
            problems.accept(new IngestProblem(source, lineNo, "not valid JSON: " + e.getOriginalMessage()));
            return Optional.empty();
        }
        return jsonArticle(node, source, lineNo, problems);
    }

    // ---------------------------------------------------------------- fields

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return Optional.of(value.textValue());
        }
        if (value.isNumber() || value.isBoolean()) {
            return Optional.of(value.asText());
        }
        throw new InvalidArticleException(field, "field '" + field + "' must be a string, found " + typeOf(value));
    }

    private static Instant publishedAt(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return inRange(Instant.ofEpochMilli(value.longValue()));
        }
        if (!value.isTextual()) {
            throw new InvalidArticleException("publishedAt", "field 'publishedAt' must be an ISO-8601 instant, a date YYYY-MM-DD or"
                    + " epoch milliseconds (an integer), found " + typeOf(value) + " " + value);
        }
        String s = value.textValue().strip();
        if (s.isEmpty()) {
            return null;
        }
        try {
            if (EPOCH_MILLIS.matcher(s).matches()) {
                return inRange(Instant.ofEpochMilli(Long.parseLong(s)));
            }
            if (ISO_DATE.matcher(s).matches()) {
                return inRange(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return inRange(parseDateTime(s).truncatedTo(ChronoUnit.MILLIS));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidArticleException("publishedAt", "field 'publishedAt': '" + s + "' is not an ISO-8601 instant"
                    + " (2017-03-01T10:15:30Z), a date (2017-03-01) or epoch milliseconds", e);
        }
    }

    /** Years 1 to 9999: anything else is a unit mistake (seconds vs. micros) or garbage, and far-off instants overflow epoch millis. */
    private static Instant inRange(Instant instant) {
        if (instant.isBefore(MIN_PUBLISHED) || instant.isAfter(MAX_PUBLISHED)) {
            throw new InvalidArticleException("publishedAt", "field 'publishedAt': " + instant + " is outside the years 1 to 9999");
        }
        return instant;
    }

    private static Instant parseDateTime(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return ZonedDateTime.parse(s).toInstant();
            } catch (DateTimeParseException notZoned) {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            }
        }
    }

    private static String language(JsonNode node, String source) {
        Optional<String> value = text(node, "language").map(String::strip).filter(s -> !s.isEmpty());
        if (value.isEmpty()) {
            return null;
        }
        Matcher m = LANGUAGE.matcher(value.get());
        if (m.matches()) {
            return m.group(1).toLowerCase(Locale.ROOT);
        }
        LOG.debug("{}: ignoring language hint '{}': not an ISO 639-1 code", source, value.get());
        return null;
    }

    private static String contentType(JsonNode node) {
        Optional<String> value = text(node, "contentType").map(String::strip).filter(s -> !s.isEmpty());
        if (value.isEmpty()) {
            return TEXT_PLAIN;
        }
        int semicolon = value.get().indexOf(';');
        String type = (semicolon < 0 ? value.get() : value.get().substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        if (type.equals(TEXT_PLAIN) || type.equals(TEXT_HTML)) {
            return type;
        }
        throw new InvalidArticleException("contentType", "field 'contentType' must be text/plain or text/html, was '" + value.get() + "'");
    }

    private static Optional<Instant> date(String year, String month, String dayOrNull) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(year), Integer.parseInt(month),
                    dayOrNull == null ? 1 : Integer.parseInt(dayOrNull));
            return Optional.of(date.atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static boolean looksLikeHeadline(String line) {
        if (line.length() > MAX_TITLE_CHARS || !LETTER.matcher(line).find()) {
            return false;
        }
        if (line.endsWith(":") || line.endsWith(",") || line.endsWith(";")) {
            return false;
        }
        return WHITESPACE.split(line).length >= 2;
    }

    private static void checkContent(String title, String body) {
        if (title.isBlank() && body.isBlank()) {
            throw new InvalidArticleException("title", "article has neither title nor body");
        }
        long length = (long) title.length() + body.length();
        if (length > MAX_ARTICLE_CHARS) {
            throw new InvalidArticleException("body", "article too large: " + length + " characters (limit " + MAX_ARTICLE_CHARS + ")");
        }
    }

    private static int firstNonBlank(List<String> lines, int from) {
        int i = from;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        return i;
    }

    private static String collapse(String s) {
        return WHITESPACE.matcher(s).replaceAll(" ").strip();
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String typeOf(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String describe(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Splits a byte stream on {@code \n} (dropping a preceding {@code \r}), bounding the line length. */
    private static final class LineSplitter {
        private final InputStream in;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        private boolean truncated;
        private long consumed;

        LineSplitter(InputStream in) {
            this.in = in;
        }

        /** Bytes of the last line read, terminator included. */
        long consumed() {
            return consumed;
        }

        /** The next line without its terminator, or {@code null} at the end of the stream. */
        byte[] next() throws IOException {
            line.reset();
            truncated = false;
            consumed = 0;
            int b;
            boolean any = false;
            while ((b = in.read()) != -1) {
                any = true;
                consumed++;
                if (b == '\n') {
                    break;
                }
                if (line.size() < MAX_LINE_BYTES) {
                    line.write(b);
                } else {
                    truncated = true;
                }
            }
            if (!any) {
                return null;
            }
            byte[] bytes = line.toByteArray();
            if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
                bytes = Arrays.copyOf(bytes, bytes.length - 1);
            }
            return bytes;
        }

        boolean truncated() {
            return truncated;
        }
    }
}
