package io.newsroute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.newsroute.schema.RawArticle;

class ArticleReaderTest {
    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09.123Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArticleReader reader = new ArticleReader(Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<RawArticle> articles = new ArrayList<>();
    private final List<IngestProblem> problems = new ArrayList<>();

    @TempDir
    Path dir;

    // ------------------------------------------------------------ plain text

    @Test
    void plainTextWithHeadlineAndDateLine() {
        RawArticle a = reader.fromPlainText(" date 2021-12-07\nAWS-Ausfall legt tausende Firmen lahm\n\nErster Absatz.\n\nZweiter.\n",
                "in/a.txt");
        assertThat(a.getTitle()).isEqualTo("AWS-Ausfall legt tausende Firmen lahm");
        assertThat(a.getBody()).isEqualTo("Erster Absatz.\n\nZweiter.");
        assertThat(a.getPublishedAt()).isEqualTo(Instant.parse("2021-12-07T00:00:00Z"));
        assertThat(a.getSource()).isEqualTo("in/a.txt");
        assertThat(a.getFetchedAt()).isEqualTo(NOW);
        assertThat(a.getUrl()).isNull();
        assertThat(a.getContentType()).isEqualTo("text/plain");
        assertThat(a.getLanguageHint()).isNull();
        assertThat(a.getId()).isEqualTo(ArticleIds.forContent(a.getTitle(), a.getBody()));
    }

    @Test
    void plainTextWhoseFirstLineIsLongIsAllBody() {
        String first = "Geduld bei ihren Weihnachtseinkäufen brauchten am Dienstag die US-Kunden von Amazon. ".repeat(3).strip();
        RawArticle a = reader.fromPlainText(first + "\n\nZwischentitel\n\nMehr Text.", "b.txt");
        assertThat(a.getTitle()).isEmpty();
        assertThat(a.getBody()).startsWith("Geduld bei").endsWith("Mehr Text.");
        assertThat(a.getPublishedAt()).isNull();
    }

    @Test
    void captionsAndCreditsAreNeverTheTitle() {
        RawArticle a = reader.fromPlainText("Foto: AP\n\nPhoto: Reuters\n(Foto: dpa)\nBild nicht mehr verfügbar.\n"
                + "Cloud-Störung bei Microsoft\nText des Artikels.", "c.txt");
        assertThat(a.getTitle()).isEqualTo("Cloud-Störung bei Microsoft");
        assertThat(a.getBody()).isEqualTo("Text des Artikels.");
    }

    @Test
    void singleWordSectionLabelIsNoHeadline() {
        RawArticle a = reader.fromPlainText("Services\n\nDe clouddienst was offline.", "d.txt");
        assertThat(a.getTitle()).isEmpty();
        assertThat(a.getBody()).isEqualTo("Services\n\nDe clouddienst was offline.");
    }

    @Test
    void dateLineWithTextOnTheSameLineKeepsTheText() {
        RawArticle a = reader.fromPlainText(" date 2017-03 Amazon meldet Störung\r\n\r\nText.", "e.txt");
        assertThat(a.getPublishedAt()).isEqualTo(Instant.parse("2017-03-01T00:00:00Z"));
        assertThat(a.getTitle()).isEqualTo("Amazon meldet Störung");
        assertThat(a.getBody()).isEqualTo("Text.");
    }

    @Test
    void invalidDateLineStaysText() {
        RawArticle a = reader.fromPlainText("date 2017-13 is not a month\nBody text here.", "f.txt");
        assertThat(a.getPublishedAt()).isNull();
        assertThat(a.getTitle()).isEqualTo("date 2017-13 is not a month");
    }

    @Test
    void blankTextIsNoArticle() {
        assertThatThrownBy(() -> reader.fromPlainText(" \n\n\t", "g.txt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("article has neither title nor body");
        assertThatThrownBy(() -> reader.fromPlainText(" date 2017-03\n", "g.txt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("article has neither title nor body");
    }

    @Test
    void hugeTextIsRejected() {
        String huge = "x ".repeat(ArticleReader.MAX_ARTICLE_CHARS);
        assertThatThrownBy(() -> reader.fromPlainText(huge, "h.txt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("article too large");
    }

    // ------------------------------------------------------------ JSON objects

    @Test
    void jsonWithEveryField() throws IOException {
        RawArticle a = reader.fromJson(JSON.readTree("""
                {"id": " given-id ", "url": "HTTPS://Example.com/a/?utm_source=x", "source": "feed:heise",
                 "title": "  Breach at\\n ACME ", "body": " Records leaked. ", "publishedAt": "2024-01-02T03:04:05.678+01:00",
                 "language": "de-AT", "contentType": "text/html; charset=utf-8", "extra": {"ignored": true}}
                """), "file.json");
        assertThat(a.getId()).isEqualTo("given-id");
        assertThat(a.getUrl()).isEqualTo("https://example.com/a");
        assertThat(a.getSource()).isEqualTo("feed:heise");
        assertThat(a.getTitle()).isEqualTo("Breach at ACME");
        assertThat(a.getBody()).isEqualTo("Records leaked.");
        assertThat(a.getPublishedAt()).isEqualTo(Instant.parse("2024-01-02T02:04:05.678Z"));
        assertThat(a.getLanguageHint()).isEqualTo("de");
        assertThat(a.getContentType()).isEqualTo("text/html");
        assertThat(a.getFetchedAt()).isEqualTo(NOW);
    }

    @Test
    void jsonDefaults() throws IOException {
        RawArticle a = reader.fromJson(JSON.readTree("{\"body\": \"Only a body.\"}"), "stdin");
        assertThat(a.getId()).isEqualTo(ArticleIds.forContent("", "Only a body."));
        assertThat(a.getUrl()).isNull();
        assertThat(a.getSource()).isEqualTo("stdin");
        assertThat(a.getTitle()).isEmpty();
        assertThat(a.getPublishedAt()).isNull();
        assertThat(a.getLanguageHint()).isNull();
        assertThat(a.getContentType()).isEqualTo("text/plain");
    }

    @Test
    void jsonIdComesFromTheCanonicalUrl() throws IOException {
        RawArticle a = reader.fromJson(JSON.readTree(
                "{\"url\": \"https://www.example.com/x?fbclid=1#top\", \"title\": \"T\"}"), "s");
        RawArticle b = reader.fromJson(JSON.readTree(
                "{\"url\": \"https://WWW.example.com/x\", \"title\": \"Other title\", \"body\": \"b\"}"), "s");
        assertThat(a.getId()).isEqualTo(ArticleIds.forUrl("https://www.example.com/x")).isEqualTo(b.getId());
    }

    @Test
    void jsonNonHttpUrlIsDroppedAndIdIsContentHash() throws IOException {
        RawArticle a = reader.fromJson(JSON.readTree("{\"url\": \"javascript:alert(1)\", \"title\": \"T\"}"), "s");
        assertThat(a.getUrl()).isNull();
        assertThat(a.getId()).isEqualTo(ArticleIds.forContent("T", ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"2017-03-01T10:15:30Z\"        | 2017-03-01T10:15:30Z",
        "\"2017-03-01T10:15:30.5+02:00\" | 2017-03-01T08:15:30.500Z",
        "\"2017-03-01T10:15:30\"         | 2017-03-01T10:15:30Z",
        "\"2017-03-01\"                  | 2017-03-01T00:00:00Z",
        "1488363330000                   | 2017-03-01T10:15:30Z",
        "\"1488363330000\"               | 2017-03-01T10:15:30Z",
    })
    void jsonPublishedAtFormats(String json, String expected) throws IOException {
        RawArticle a = reader.fromJson(JSON.readTree("{\"title\": \"T\", \"publishedAt\": " + json + "}"), "s");
        assertThat(a.getPublishedAt()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"title\": \" \", \"body\": \"\"}                 | article has neither title nor body",
        "{}                                                  | article has neither title nor body",
        "{\"title\": \"T\", \"publishedAt\": \"yesterday\"} | field 'publishedAt': 'yesterday' is not an ISO-8601 instant",
        "{\"title\": \"T\", \"publishedAt\": 1.5}           | field 'publishedAt' must be",
        "{\"title\": \"T\", \"publishedAt\": \"+99999-01-01T00:00:00Z\"} | field 'publishedAt': +99999-01-01T00:00:00Z is outside",
        "{\"title\": \"T\", \"publishedAt\": 9223372036854775807} | field 'publishedAt': ",
        "{\"title\": [\"T\"]}                                | field 'title' must be a string, found array",
        "{\"title\": \"T\", \"contentType\": \"image/png\"}  | field 'contentType' must be text/plain or text/html",
        "[{\"title\": \"T\"}]                                | expected a JSON object, found array",
    })
    void jsonThatIsNoArticleFailsWithAClearMessage(String json, String message) throws IOException {
        JsonNode node = JSON.readTree(json);
        assertThatThrownBy(() -> reader.fromJson(node, "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    // ------------------------------------------------------------ files and streams

    @Test
    void jsonFileWithOneObject() throws IOException {
        Path file = write("one.json", "{\"title\": \"Single\", \"body\": \"B\"}\n");
        reader.read(file, articles::add, problems::add);
        assertThat(problems).isEmpty();
        assertThat(articles).extracting(RawArticle::getTitle).containsExactly("Single");
        assertThat(articles.get(0).getSource()).isEqualTo(file.toString());
    }

    @Test
    void jsonFileWithArrayReportsBadElementsByLine() throws IOException {
        Path file = write("many.JSON", """
                [
                  {"title": "First"},
                  {"title": "", "body": ""},
                  "just a string",
                  {"title": "Fourth"}
                ]
                """);
        reader.read(file, articles::add, problems::add);
        assertThat(articles).extracting(RawArticle::getTitle).containsExactly("First", "Fourth");
        assertThat(problems).extracting(IngestProblem::toString).containsExactly(
                file + ":3: article has neither title nor body",
                file + ":4: expected a JSON object, found string");
    }

    @Test
    void brokenJsonFileReportsLineAndKeepsEarlierElements() throws IOException {
        Path file = write("broken.json", "[\n{\"title\": \"Fine\"},\n{\"title\": \"Broken\",,}\n]\n");
        reader.read(file, articles::add, problems::add);
        assertThat(articles).extracting(RawArticle::getTitle).containsExactly("Fine");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(file.toString());
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).startsWith("not valid JSON: Unexpected character (','");
        });
    }

    @Test
    void emptyAndTrailingGarbageJsonFiles() throws IOException {
        Path empty = write("empty.json", "  \n");
        Path trailing = write("trailing.json", "{\"title\": \"T\"}\n{\"title\": \"U\"}\n");
        reader.read(empty, articles::add, problems::add);
        reader.read(trailing, articles::add, problems::add);
        assertThat(articles).extracting(RawArticle::getTitle).containsExactly("T");
        assertThat(problems).extracting(IngestProblem::toString).containsExactly(
                empty + ":0: empty file: expected an article object or an array of them",
                trailing + ":2: unexpected { after the article object; several articles go in an array or a .jsonl file");
    }

    @Test
    void jsonLinesReportsBadLinesWithTheirNumbers() {
        byte[] input = concat(
                "{\"title\": \"One\"}\r\n",
                "\n",
                "not json at all\n",
                "[1, 2]\n",
                "{\"title\": \"Five\"} 42\n",
                "{\"title\": \"Six\", \"publishedAt\": \"2017-03-01\"}\n");
        reader.readJsonLines(new ByteArrayInputStream(input), "articles.jsonl", articles::add, problems::add);
        assertThat(articles).extracting(RawArticle::getTitle).containsExactly("One", "Six");
        assertThat(articles).extracting(RawArticle::getSource).containsOnly("articles.jsonl");
        assertThat(problems).extracting(IngestProblem::line).containsExactly(3L, 4L, 5L);
        assertThat(problems.get(0).toString()).startsWith("articles.jsonl:3: not valid JSON: Unrecognized token 'not'");
        assertThat(problems.get(1).message()).isEqualTo("expected a JSON object, found array");
        assertThat(problems.get(2).message()).startsWith("not valid JSON: Trailing token");
    }

    @Test
    void jsonLinesSurvivesInvalidUtf8AndNeedsNoFinalNewline() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write("\uFEFF{\"title\": \"Bom\"}\n".getBytes(StandardCharsets.UTF_8));
        stream.write(new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        stream.write("{\"title\": \"Last\"}".getBytes(StandardCharsets.UTF_8));
        reader.readJsonLines(new ByteArrayInputStream(stream.toByteArray()), "s.jsonl", articles::add, problems::add);
        assertThat(articles).extracting(RawArticle::getTitle).containsExactly("Bom", "Last");
        assertThat(problems).extracting(IngestProblem::toString).containsExactly("s.jsonl:2: not valid UTF-8");
    }

    @Test
    void jsonLinesReportsAFailingStream() {
        InputStream failing = new InputStream() {
            private int calls;

            @Override
            public int read() throws IOException {
                if (calls >= 0 && calls < "{\"title\":\"ok\"}\n".length()) {
                    return "{\"title\":\"ok\"}\n".charAt(calls++);
                }
                throw new IOException("connection reset");
            }
        };
        reader.readJsonLines(failing, "http-body", articles::add, problems::add);
        assertThat(articles).extracting(RawArticle::getTitle).containsExactly("ok");
        assertThat(problems).extracting(IngestProblem::toString)
                .containsExactly("http-body:2: cannot read: IOException: connection reset");
    }

    @Test
    void directoryIsReadRecursivelyInPathOrderAndBadFilesDoNotStopIt() throws IOException {
        write("b/2.txt", "Zweiter Artikel über Amazon\n\nText.");
        write("a.jsonl", "{\"title\": \"L1\"}\n{\"title\": \"L2\"\n{\"title\": \"L3\"}\n");
        write("b/1.json", "{\"title\": \"Broken\"");
        write("b/3.json", "[{\"title\": \"J1\"}, {\"body\": \"J2 body\"}]");
        write("c/notes.md", "# not an article");
        write("c/empty.txt", "\n\n");
        Files.createSymbolicLink(dir.resolve("c/gone.txt"), dir.resolve("c/does-not-exist.txt"));

        reader.read(dir, articles::add, problems::add);

        assertThat(articles).extracting(a -> a.getTitle().isEmpty() ? a.getBody() : a.getTitle())
                .containsExactly("L1", "L3", "Zweiter Artikel über Amazon", "J1", "J2 body");
        assertThat(articles.get(0).getSource()).isEqualTo(dir.resolve("a.jsonl").toString());
        assertThat(problems).extracting(IngestProblem::source).containsExactly(
                dir.resolve("a.jsonl").toString(), dir.resolve("b/1.json").toString(),
                dir.resolve("c/empty.txt").toString(), dir.resolve("c/gone.txt").toString());
        assertThat(problems).extracting(IngestProblem::line).containsExactly(2L, 1L, 0L, 0L);
        assertThat(problems.get(0).message()).startsWith("not valid JSON: ");
        assertThat(problems.get(1).message()).startsWith("not valid JSON: Unexpected end-of-input");
        assertThat(problems.get(2).message()).isEqualTo("article has neither title nor body");
        assertThat(problems.get(3).message()).isEqualTo("cannot read: no such file");
    }

    @Test
    void namedFileWithOtherExtensionAndMissingPathAreProblems() throws IOException {
        Path md = write("notes.md", "# title");
        reader.read(md, articles::add, problems::add);
        reader.read(dir.resolve("missing.txt"), articles::add, problems::add);
        assertThat(articles).isEmpty();
        assertThat(problems).extracting(IngestProblem::toString).containsExactly(
                md + ":0: unsupported file type: expected one of .txt, .text, .json, .jsonl, .ndjson, .html, .htm, .rss, .atom, .xml",
                dir.resolve("missing.txt") + ":0: no such file or directory");
    }

    @Test
    void latin1TextFileIsStillRead() throws IOException {
        Path file = dir.resolve("latin1.text");
        Files.write(file, "Störung bei Amazon\n\nDer Ausfall dauerte Stunden.".getBytes(StandardCharsets.ISO_8859_1));
        reader.read(file, articles::add, problems::add);
        assertThat(problems).isEmpty();
        assertThat(articles).extracting(RawArticle::getTitle).containsExactly("Störung bei Amazon");
    }

    @Test
    void exceptionsFromTheConsumerAreNotSwallowed() throws IOException {
        Path file = write("x.json", "[{\"title\": \"A\"}, {\"title\": \"B\"}]");
        assertThatThrownBy(() -> reader.read(file, a -> {
            throw new IllegalStateException("producer down");
        }, problems::add)).isInstanceOf(IllegalStateException.class).hasMessage("producer down");
        assertThat(problems).isEmpty();
    }

    @Test
    void idsAreStableAcrossReaders() throws IOException {
        Path file = write("same.jsonl", "{\"title\": \"T\", \"body\": \"B\"}\n");
        reader.read(file, articles::add, problems::add);
        new ArticleReader(Clock.systemUTC()).read(file, articles::add, problems::add);
        assertThat(articles).hasSize(2);
        assertThat(articles.get(0).getId()).isEqualTo(articles.get(1).getId()).isEqualTo(ArticleIds.forContent("T", "B"));
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private static byte[] concat(String... parts) {
        return String.join("", parts).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void directoryWithAPageAndAFeed() throws Exception {
        Path pages = dir.resolve("crawl");
        Files.createDirectories(pages);
        Files.write(pages.resolve("a-storing.html"), FeedPollerTest.resource("storing-nl.html"));
        Files.write(pages.resolve("b-feed.rss"), FeedPollerTest.resource("feed-rss2-de.xml"));
        Files.writeString(pages.resolve("c-empty.htm"), "<html><body><nav>Home</nav></body></html>");

        reader.read(pages, articles::add, problems::add);

        assertThat(articles).extracting(RawArticle::getTitle).containsExactly(
                "Grote storing bij Azure legt Nederlandse webwinkels urenlang plat",
                "Störung bei AWS: Zahlungsdienste in Frankfurt stundenlang gestört",
                "Datenleck bei Versandhändler: 1,2 Millionen Kundendaten im Netz",
                "Hafen Hamburg meldet mehr Containerumschlag");
        assertThat(articles.get(0).getSource()).isEqualTo(pages.resolve("a-storing.html").toString());
        // the relative canonical link cannot be resolved without the page's URL: og:url, canonicalised, is the URL
        assertThat(articles.get(0).getUrl()).isEqualTo("https://www.dagblad-rijnmond.example/economie/azure-storing-webwinkels");
        assertThat(problems).extracting(IngestProblem::toString)
                .containsExactly(pages.resolve("c-empty.htm") + ":0: article has neither title nor body");
    }
}
