package io.newsroute.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML to article text with jsoup: the headline, the main text without page furniture, the
 * publication time from the page's metadata, the canonical URL and the page language.
 *
 * <h2>What is removed</h2>
 * <ul>
 *   <li>Non-text elements: scripts, styles, forms and buttons, iframes, SVG, figures with their
 *       captions and photo credits.</li>
 *   <li>Page furniture by element: {@code nav}, {@code aside}, {@code footer}, {@code header} outside
 *       the article, ARIA roles navigation/banner/contentinfo/complementary/dialog, hidden elements.</li>
 *   <li>Page furniture by class or id: an element whose class or id has a component (split on
 *       {@code -} and {@code _}) such as {@code cookie}, {@code consent}, {@code share}, {@code social},
 *       {@code newsletter}, {@code related}, {@code comments}, {@code ad}, {@code breadcrumb},
 *       {@code paywall}, {@code credit} ({@link #FURNITURE_WORDS}); so {@code cookie-banner} and
 *       {@code article__share-bar} go, {@code shareholder-news} stays. Never {@code html}, {@code body},
 *       {@code main} or {@code article} themselves (sites put state classes on them).</li>
 *   <li>"Read more" links and "Lesen Sie auch: …" / "Lees ook: …" paragraphs, in the languages the
 *       classifier supports, and lines that {@link PageFurniture} recognises (photo credits, copyright).</li>
 * </ul>
 *
 * <h2>Which part is the article</h2>
 * {@code [itemprop=articleBody]} when present, else the {@code article} element with the most
 * paragraph text, else {@code main} / {@code [role=main]}, else the element whose own paragraphs hold
 * the most text, else the body. Stateless and thread-safe.
 */
public final class HtmlText {
    /** Class or id components that mark page furniture (compared lower-case). */
    static final Set<String> FURNITURE_WORDS = Set.of(
            "cookie", "cookies", "consent", "gdpr", "cmp", "share", "sharing", "shares", "sharebar", "social", "socials",
            "newsletter", "related", "recommended", "recommendations", "comments", "comment", "disqus", "ad", "ads",
            "advert", "advertisement", "adslot", "sponsored", "promo", "breadcrumb", "breadcrumbs", "paywall", "subscribe",
            "subscription", "readmore", "sidebar", "toolbar", "skiplink", "navigation", "menu", "credit", "credits",
            "copyright", "banner", "popup", "modal", "print", "outbrain", "taboola", "meta", "tags");
    private static final Pattern READ_MORE_CLASS = Pattern.compile("read-?more|more-?link|lees-?meer|weiter-?lesen|mehr-?lesen");
    /** Link texts that only lead elsewhere. */
    private static final Pattern READ_MORE = Pattern.compile(
            "(read more|continue reading|more on this|weiterlesen|mehr lesen|mehr dazu|zum artikel|lees meer|lees verder|"
                    + "lire la suite|en savoir plus|leer más|seguir leyendo|leggi tutto|leggi di più|continua a leggere|"
                    + "leia mais|czytaj więcej|czytaj dalej)\\s*[.:»›>→…]*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Paragraphs that point to other articles: "Lesen Sie auch: …", "Lees ook: …". */
    private static final Pattern SEE_ALSO = Pattern.compile(
            "(lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant|lees ook|lees meer|zie ook|meer over dit onderwerp|"
                    + "read also|also read|see also|related|lire aussi|à lire aussi|lee también|leggi anche|leia também|"
                    + "czytaj też|czytaj także)\\s*:.*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    private static final String REMOVE_ALWAYS = "script, style, noscript, template, iframe, object, embed, svg, canvas, form, "
            + "button, input, select, textarea, dialog, nav, aside, menu, footer, figure, figcaption, picture, video, audio, "
            + "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=dialog], [role=alertdialog], "
            + "[aria-hidden=true], [hidden]";
    private static final Set<String> NEVER_REMOVED = Set.of("html", "head", "body", "main", "article");
    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "header", "h1", "h2", "h3",
            "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "address",
            "hr", "br");
    private static final List<String> DATE_META = List.of(
            "meta[property=article:published_time]", "meta[name=article:published_time]",
            "meta[itemprop=datePublished]", "meta[property=og:published_time]", "meta[name=date]", "meta[name=pubdate]",
            "meta[name=publishdate]", "meta[name=publish-date]", "meta[name=DC.date.issued]", "meta[name=dcterms.date]",
            "meta[name=DC.date]", "meta[name=dc.date]", "meta[name=parsely-pub-date]", "meta[name=sailthru.date]");
    private static final Pattern JSON_LD_DATE = Pattern.compile("\"datePublished\"\\s*:\\s*\"([^\"]{8,40})\"");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}\\u200B\\uFEFF]+");
    private static final Pattern LANGUAGE = Pattern.compile("([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*");
    private static final Pattern PARAGRAPH_BREAKS = Pattern.compile("\n[ \t]*\n\\s*");
    private static final Pattern MARKUP = Pattern.compile("<[A-Za-z/!]");

    /**
     * An HTML page as an article.
     *
     * @param title the headline ({@code h1} of the article, else {@code og:title}, else {@code <title>}); may be empty
     * @param text the main text, paragraphs separated by a blank line; may be empty
     * @param publishedAt from {@code article:published_time} and similar meta tags, JSON-LD
     *     {@code datePublished}, or a {@code time} element in the article
     * @param canonicalUrl {@code link rel=canonical}, else {@code og:url}, made absolute
     * @param language ISO 639-1 code from {@code html lang} or {@code og:locale}
     */
    public record Page(String title, String text, Optional<Instant> publishedAt, Optional<String> canonicalUrl,
                       Optional<String> language) {
        public Page {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
        }
    }

    private HtmlText() {
    }

    /**
     * Extracts the article from a whole page.
     *
     * @param baseUrl the page's URL, to resolve relative links (may be empty)
     */
    public static Page page(String html, String baseUrl) {
        Objects.requireNonNull(html, "html");
        return page(Jsoup.parse(html, baseUrl == null ? "" : baseUrl));
    }

    /**
     * Extracts the article from a page as fetched.
     *
     * @param charset the HTTP charset, or {@code null}: then the BOM, {@code <meta charset>}, else UTF-8
     * @param baseUrl the page's URL, to resolve relative links (may be empty)
     */
    public static Page page(byte[] html, String charset, String baseUrl) {
        Objects.requireNonNull(html, "html");
        try {
            return page(Jsoup.parse(new java.io.ByteArrayInputStream(html), charset, baseUrl == null ? "" : baseUrl));
        } catch (java.io.IOException | java.nio.charset.IllegalCharsetNameException | java.nio.charset.UnsupportedCharsetException e) {
            if (charset != null) {
                return page(html, null, baseUrl);
            }
            throw new IllegalArgumentException("cannot read the page: " + e.getMessage(), e);
        }
    }

    private static Page page(Document doc) {
        Optional<Instant> published = publishedAt(doc);
        Optional<String> canonical = attr(doc, "link[rel=canonical]", "abs:href")
                .or(() -> attr(doc, "meta[property=og:url]", "abs:content"));
        Optional<String> language = attr(doc, "html[lang]", "lang").or(() -> attr(doc, "meta[property=og:locale]", "content"))
                .flatMap(HtmlText::isoLanguage);
        clean(doc.body(), false);
        Element main = mainElement(doc);
        Element h1 = main.selectFirst("h1");
        if (h1 == null) {
            h1 = doc.body().selectFirst("h1");
        }
        String title = h1 != null ? collapse(h1.text())
                : attr(doc, "meta[property=og:title]", "content").map(HtmlText::collapse).orElse(collapse(doc.title()));
        if (h1 != null && h1.parents().contains(main)) {
            h1.remove(); // the headline is the title, not the first line of the text
        }
        return new Page(title, text(main), published, canonical, language);
    }

    /**
     * The text of an HTML fragment such as a feed item's description: markup removed, paragraphs
     * kept, "read more" links and furniture dropped; entities decoded. Plain text without markup
     * comes back with its whitespace normalised.
     */
    public static String fragment(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (!MARKUP.matcher(html).find()) {
            // plain text (entities at most): its line breaks are the author's paragraphs, keep them
            return lines(Parser.unescapeEntities(html, false));
        }
        Document doc = Jsoup.parseBodyFragment(html);
        clean(doc.body(), true);
        return text(doc.body());
    }

    // ---------------------------------------------------------------- cleaning

    private static void clean(Element root, boolean fragment) {
        root.select(REMOVE_ALWAYS).remove();
        for (Element header : root.select("header")) {
            if (fragment || header.closest("article, [itemprop=articleBody]") == null) {
                header.remove();
            }
        }
        List<Element> furniture = new ArrayList<>();
        for (Element e : root.getAllElements()) {
            if (!NEVER_REMOVED.contains(e.normalName()) && isFurniture(e)) {
                furniture.add(e);
            }
        }
        furniture.forEach(Element::remove);
        for (Element a : root.select("a")) {
            if (READ_MORE.matcher(collapse(a.text())).matches()) {
                a.remove();
            }
        }
        for (Element block : root.select("p, li, div, span")) {
            if (block.parent() == null) {
                continue; // already removed with an ancestor
            }
            String text = collapse(block.text());
            if (block.normalName().equals("p") || block.normalName().equals("li") || block.children().isEmpty()) {
                if (SEE_ALSO.matcher(text).matches() && !block.select("a").isEmpty() || READ_MORE.matcher(text).matches()) {
                    block.remove();
                }
            }
        }
    }

    private static boolean isFurniture(Element e) {
        String classes = e.className().toLowerCase(Locale.ROOT) + " " + e.id().toLowerCase(Locale.ROOT);
        for (String token : SPACES.split(classes)) {
            if (token.isEmpty()) {
                continue;
            }
            if (READ_MORE_CLASS.matcher(token).find()) {
                return true;
            }
            for (String part : token.split("[-_]+")) {
                if (FURNITURE_WORDS.contains(part)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Element mainElement(Document doc) {
        Element body = doc.body();
        Element articleBody = body.selectFirst("[itemprop=articleBody]");
        if (articleBody != null) {
            Element article = articleBody.closest("article");
            return article != null ? article : articleBody;
        }
        Element best = null;
        int bestLength = -1;
        for (Element article : body.select("article")) {
            int length = paragraphText(article);
            if (length > bestLength) {
                best = article;
                bestLength = length;
            }
        }
        if (best != null && bestLength > 0) {
            return best;
        }
        Element main = body.selectFirst("main, [role=main]");
        if (main != null) {
            return main;
        }
        for (Element p : body.select("p")) {
            Element parent = p.parent();
            if (parent != null) {
                int length = 0;
                for (Element sibling : parent.children()) {
                    if (sibling.normalName().equals("p")) {
                        length += sibling.text().length();
                    }
                }
                if (length > bestLength) {
                    best = parent;
                    bestLength = length;
                }
            }
        }
        return best != null ? best : body;
    }

    private static int paragraphText(Element root) {
        int length = 0;
        for (Element p : root.select("p")) {
            length += p.text().length();
        }
        return length;
    }

    // ---------------------------------------------------------------- text

    /** Block elements become paragraph breaks, {@code br} a line break; furniture lines are dropped. */
    private static String text(Element root) {
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    out.append(textNode.text());
                } else if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append(element.normalName().equals("br") ? "\n" : "\n\n");
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName()) && !element.normalName().equals("br")) {
                    out.append("\n\n");
                }
            }
        }, root);
        return lines(out);
    }

    /** Collapses whitespace per line, drops furniture lines, keeps paragraphs apart by one blank line. */
    private static String lines(CharSequence out) {
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : PARAGRAPH_BREAKS.split(out)) {
            List<String> lines = new ArrayList<>();
            for (String line : paragraph.split("\r?\n|\r")) {
                String clean = collapse(line);
                if (!clean.isEmpty() && !PageFurniture.isFurniture(clean) && !READ_MORE.matcher(clean).matches()) {
                    lines.add(clean);
                }
            }
            if (!lines.isEmpty()) {
                paragraphs.add(String.join("\n", lines));
            }
        }
        return String.join("\n\n", paragraphs);
    }

    // ---------------------------------------------------------------- metadata

    private static Optional<Instant> publishedAt(Document doc) {
        for (String selector : DATE_META) {
            Optional<Instant> date = attr(doc, selector, "content").flatMap(HtmlText::parseDate);
            if (date.isPresent()) {
                return date;
            }
        }
        for (Element script : doc.select("script[type=application/ld+json]")) {
            Matcher m = JSON_LD_DATE.matcher(script.data());
            if (m.find()) {
                Optional<Instant> date = parseDate(m.group(1));
                if (date.isPresent()) {
                    return date;
                }
            }
        }
        for (Element time : doc.select("article time[datetime], [itemprop=datePublished][datetime], time[pubdate][datetime]")) {
            Optional<Instant> date = parseDate(time.attr("datetime"));
            if (date.isPresent()) {
                return date;
            }
        }
        return Optional.empty();
    }

    /**
     * An ISO-8601 instant, date-time with or without offset (UTC then), date (start of day UTC) or
     * RFC 1123 date ({@code Tue, 3 Jun 2008 11:05:30 GMT}), truncated to milliseconds.
     */
    static Optional<Instant> parseDate(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String s = value.strip();
        List<java.util.function.Supplier<Instant>> parsers = List.of(
                () -> OffsetDateTime.parse(s).toInstant(),
                () -> ZonedDateTime.parse(s).toInstant(),
                () -> OffsetDateTime.parse(s.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant(),
                () -> LocalDateTime.parse(s).toInstant(ZoneOffset.UTC),
                () -> LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant(),
                () -> ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        for (var parser : parsers) {
            try {
                Instant instant = parser.get();
                if (instant.isAfter(Instant.parse("0001-01-01T00:00:00Z")) && instant.isBefore(Instant.parse("9999-12-31T00:00:00Z"))) {
                    return Optional.of(instant.truncatedTo(ChronoUnit.MILLIS));
                }
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static Optional<String> attr(Document doc, String selector, String attribute) {
        Elements found = doc.select(selector);
        for (Element e : found) {
            String value = e.attr(attribute).strip();
            if (!value.isEmpty()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> isoLanguage(String tag) {
        Matcher m = LANGUAGE.matcher(tag.strip());
        return m.matches() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static String collapse(String s) {
        return SPACES.matcher(s).replaceAll(" ").strip();
    }
}
