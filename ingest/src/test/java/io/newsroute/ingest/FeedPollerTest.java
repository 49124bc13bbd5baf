package io.newsroute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;

/** Feeds and pages served by a local HTTP server on 127.0.0.1 that honours conditional GETs. */
class FeedPollerTest {
    private static final String RSS_LAST_MODIFIED = "Tue, 11 Mar 2025 09:15:00 GMT";
    private static final String ATOM_LAST_MODIFIED = "Tue, 11 Mar 2025 16:40:00 GMT";

    @TempDir
    Path stateDir;

    private HttpServer server;
    private String base;
    private final AtomicReference<byte[]> rss = new AtomicReference<>();
    private final AtomicReference<String> rssEtag = new AtomicReference<>("\"rss-v1\"");
    /** Requests per path, and how many of them carried If-None-Match or If-Modified-Since. */
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> conditional = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> notModified = new ConcurrentHashMap<>();

    @BeforeEach
    void serve() throws IOException {
        rss.set(resource("feed-rss2-de.xml"));
        byte[] atom = resource("feed-atom-nl.xml");
        byte[] page = resource("storing-nl.html");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/rss", exchange -> {
            count(exchange);
            String etag = rssEtag.get();
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Last-Modified", RSS_LAST_MODIFIED);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                respond(exchange, 304, null, new byte[0]);
            } else {
                respond(exchange, 200, "application/rss+xml; charset=utf-8", rss.get());
            }
        });
        server.createContext("/atom", exchange -> {
            count(exchange);
            exchange.getResponseHeaders().set("Last-Modified", ATOM_LAST_MODIFIED);
            if (ATOM_LAST_MODIFIED.equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"))) {
                respond(exchange, 304, null, new byte[0]);
            } else {
                respond(exchange, 200, "application/atom+xml", atom);
            }
        });
        server.createContext("/no-validators", exchange -> {
            count(exchange);
            respond(exchange, 200, "text/xml", atom);
        });
        server.createContext("/broken", exchange -> {
            count(exchange);
            respond(exchange, 500, "text/plain", "kaputt".getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/not-a-feed", exchange -> {
            count(exchange);
            respond(exchange, 200, "text/html", page);
        });
        server.createContext("/economie/azure-storing", exchange -> {
            count(exchange);
            respond(exchange, 200, "text/html; charset=utf-8", page);
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void rssItemsAreSentOnceAcrossPollsAndARestartAndA304IsHonoured() {
        MockProducer<String, RawArticle> kafka = mock();
        FeedPoller poller = poller(kafka);

        FeedPoller.PollResult first = poller.poll(base + "/rss");
        assertThat(first.outcome()).isEqualTo(FeedPoller.Outcome.READ);
        assertThat(first.items()).isEqualTo(3);
        assertThat(first.sent()).isEqualTo(3);
        assertThat(first.problems()).isEmpty();
        assertThat(kafka.history()).hasSize(3);
        assertThat(conditional("/rss")).isZero();

        FeedPoller.PollResult second = poller.poll(base + "/rss");
        assertThat(second.outcome()).isEqualTo(FeedPoller.Outcome.NOT_MODIFIED);
        assertThat(second.sent()).isZero();
        assertThat(requests("/rss")).isEqualTo(2);
        assertThat(conditional("/rss")).isEqualTo(1);
        assertThat(notModified("/rss")).isEqualTo(1);

        // restart: a new poller and producer over the same state directory
        MockProducer<String, RawArticle> afterRestart = mock();
        FeedPoller restarted = poller(afterRestart);
        assertThat(restarted.poll(base + "/rss").outcome()).isEqualTo(FeedPoller.Outcome.NOT_MODIFIED);
        assertThat(conditional("/rss")).isEqualTo(2);
        assertThat(afterRestart.history()).isEmpty();

        // the feed changes: one new item on top, the old ones stay; only the new one goes out
        String newItem = """
                <item>
                  <title>Aktie von Beispiel Cloud AG springt nach Quartalszahlen um 9 Prozent</title>
                  <link>https://www.wirtschaftsdienst-nord.example/boerse/beispiel-cloud-aktie</link>
                  <pubDate>Tue, 11 Mar 2025 11:00:00 +0100</pubDate>
                  <description>Der Kurs stieg im Xetra-Handel auf 48,20 Euro.</description>
                </item>
                """;
        String original = new String(rss.get(), StandardCharsets.UTF_8);
        int firstItem = original.indexOf("<item>");
        rss.set((original.substring(0, firstItem) + newItem + original.substring(firstItem)).getBytes(StandardCharsets.UTF_8));
        rssEtag.set("\"rss-v2\"");
        FeedPoller.PollResult third = restarted.poll(base + "/rss");
        assertThat(third.outcome()).isEqualTo(FeedPoller.Outcome.READ);
        assertThat(third.items()).isEqualTo(4);
        assertThat(third.sent()).isEqualTo(1);
        assertThat(afterRestart.history()).extracting(r -> r.value().getTitle())
                .containsExactly("Aktie von Beispiel Cloud AG springt nach Quartalszahlen um 9 Prozent");
        assertThat(conditional("/rss")).isEqualTo(3); // sent with the old ETag, answered 200 with the new feed

        FeedState state = FeedState.load(stateDir, base + "/rss");
        assertThat(state.etag()).contains("\"rss-v2\"");
        assertThat(state.lastModified()).contains(RSS_LAST_MODIFIED);
        assertThat(state.seenCount()).isEqualTo(4);
    }

    @Test
    void rssItemFieldsBecomeTheRawArticle() {
        MockProducer<String, RawArticle> kafka = mock();
        poller(kafka).poll(base + "/rss");

        List<RawArticle> articles = kafka.history().stream().map(ProducerRecord::value).toList();
        RawArticle outage = articles.get(0);
        assertThat(outage.getTitle()).isEqualTo("Störung bei AWS: Zahlungsdienste in Frankfurt stundenlang gestört");
        assertThat(outage.getUrl()).isEqualTo("https://www.wirtschaftsdienst-nord.example/technik/aws-stoerung-frankfurt");
        assertThat(outage.getId()).isEqualTo(ArticleIds.forUrl(outage.getUrl()));
        assertThat(kafka.history().get(0).key()).isEqualTo(outage.getId());
        assertThat(outage.getPublishedAt()).isEqualTo(Instant.parse("2025-03-11T07:30:00Z"));
        assertThat(outage.getLanguageHint()).isEqualTo("de");
        assertThat(outage.getSource()).isEqualTo(base + "/rss");
        assertThat(outage.getContentType()).isEqualTo("text/plain");
        // content:encoded wins over the shorter description; the caption credit is gone, paragraphs stay
        assertThat(outage.getBody()).isEqualTo("Ein Ausfall in der Region eu-central-1 hat am Dienstagmorgen mehrere Zahlungsdienste lahmgelegt.\n\n"
                + "Betroffen waren nach Angaben von Amazon Web Services vor allem Datenbanken und Lastverteiler. "
                + "Händler meldeten, dass Kartenzahlungen über Stunden nicht möglich waren.\n\n"
                + "Gegen Mittag waren die Dienste nach Angaben des Anbieters wiederhergestellt.");
        assertThat(articles.get(1).getBody()).startsWith("Unbekannte haben Namen, Adressen und Bestellhistorien");
        // a relative item link is resolved against the channel link
        assertThat(articles.get(2).getUrl()).isEqualTo("https://www.wirtschaftsdienst-nord.example/technik/hafen-umschlag");
    }

    @Test
    void atomWithLastModifiedOnly() {
        MockProducer<String, RawArticle> kafka = mock();
        FeedPoller poller = poller(kafka);

        FeedPoller.PollResult first = poller.poll(base + "/atom");
        assertThat(first.sent()).isEqualTo(2);
        RawArticle asml = kafka.history().get(0).value();
        assertThat(asml.getTitle()).isEqualTo("Aandeel ASML & chipfondsen dalen na exportnieuws");
        assertThat(asml.getUrl()).isEqualTo("https://beursbericht.example/markten/asml-daalt");
        assertThat(asml.getBody()).isEqualTo("Het aandeel ASML sloot dinsdag 4,1 procent lager op 612,30 euro op Euronext Amsterdam.\n\n"
                + "Analisten verlaagden hun koersdoel.");
        assertThat(asml.getPublishedAt()).isEqualTo(Instant.parse("2025-03-11T14:20:00Z"));
        assertThat(asml.getLanguageHint()).isEqualTo("nl");
        // no published date: the updated date
        assertThat(kafka.history().get(1).value().getPublishedAt()).isEqualTo(Instant.parse("2025-03-10T09:00:00Z"));

        assertThat(poller.poll(base + "/atom").outcome()).isEqualTo(FeedPoller.Outcome.NOT_MODIFIED);
        assertThat(conditional("/atom")).isEqualTo(1);
        assertThat(kafka.history()).hasSize(2);
    }

    @Test
    void aServerWithoutValidatorsIsStillIngestedOnce() {
        MockProducer<String, RawArticle> kafka = mock();
        FeedPoller poller = poller(kafka);

        assertThat(poller.poll(base + "/no-validators").sent()).isEqualTo(2);
        FeedPoller.PollResult again = poller(mock()).poll(base + "/no-validators");

        assertThat(again.outcome()).isEqualTo(FeedPoller.Outcome.READ);
        assertThat(again.items()).isEqualTo(2);
        assertThat(again.sent()).isZero();
        assertThat(conditional("/no-validators")).isZero();
    }

    @Test
    void localFeedFileIsIngestedOnce() throws IOException {
        Path file = stateDir.resolve("my-feed.xml");
        Files.write(file, resource("feed-rss2-de.xml"));
        Path state = stateDir.resolve("state");
        MockProducer<String, RawArticle> kafka = mock();

        FeedPoller.PollResult first = new FeedPoller(FeedPoller.defaultHttpClient(), reader(), state, producer(kafka)).poll(file.toString());
        FeedPoller.PollResult second = new FeedPoller(FeedPoller.defaultHttpClient(), reader(), state, producer(kafka)).poll(file.toString());

        assertThat(first.sent()).isEqualTo(3);
        assertThat(second.outcome()).isEqualTo(FeedPoller.Outcome.READ);
        assertThat(second.sent()).isZero();
        assertThat(kafka.history()).hasSize(3);
        // keyed by the absolute path: the same file named relatively from elsewhere shares the state
        assertThat(Files.exists(FeedState.file(state, file.toAbsolutePath().normalize().toString()))).isTrue();
    }

    @Test
    void failuresAreReportedAndLeaveTheStateAlone() {
        MockProducer<String, RawArticle> kafka = mock();
        FeedPoller poller = poller(kafka);

        FeedPoller.PollResult broken = poller.poll(base + "/broken");
        FeedPoller.PollResult html = poller.poll(base + "/not-a-feed");
        FeedPoller.PollResult missing = poller.poll(stateDir.resolve("missing.xml").toString());
        FeedPoller.PollResult notHttp = poller.poll("ftp://127.0.0.1/feed.xml");

        assertThat(broken.outcome()).isEqualTo(FeedPoller.Outcome.FAILED);
        assertThat(broken.problems()).extracting(IngestProblem::message).containsExactly("HTTP 500 from " + base + "/broken");
        assertThat(html.problems()).singleElement().extracting(IngestProblem::message).asString().startsWith("not an RSS or Atom feed");
        assertThat(missing.problems()).singleElement().extracting(IngestProblem::message).isEqualTo("cannot read: no such file");
        assertThat(notHttp.outcome()).isEqualTo(FeedPoller.Outcome.FAILED);
        assertThat(kafka.history()).isEmpty();
        assertThat(Files.exists(FeedState.file(stateDir, base + "/broken"))).isFalse();
    }

    @Test
    void pageFetcherTurnsAPageIntoAnArticle() {
        RawArticle article = new PageFetcher(FeedPoller.defaultHttpClient(), reader()).fetch(base + "/economie/azure-storing");

        assertThat(article.getTitle()).isEqualTo("Grote storing bij Azure legt Nederlandse webwinkels urenlang plat");
        assertThat(article.getUrl()).isEqualTo(base + "/economie/azure-storing-webwinkels"); // the canonical link
        assertThat(article.getBody()).contains("De problemen begonnen rond half acht.").doesNotContain("cookies");
        assertThat(article.getPublishedAt()).isEqualTo(Instant.parse("2025-03-11T08:42:00Z"));
        assertThat(article.getLanguageHint()).isEqualTo("nl");
        assertThatThrownBy(() -> new PageFetcher(FeedPoller.defaultHttpClient(), reader()).fetch(base + "/broken"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("HTTP 500 from " + base + "/broken");
    }

    // ---------------------------------------------------------------- helpers

    private FeedPoller poller(MockProducer<String, RawArticle> kafka) {
        return new FeedPoller(FeedPoller.defaultHttpClient(), reader(), stateDir, producer(kafka));
    }

    private static ArticleReader reader() {
        return new ArticleReader(Clock.fixed(Instant.parse("2025-03-12T00:00:00Z"), ZoneOffset.UTC));
    }

    private static RawArticleProducer producer(MockProducer<String, RawArticle> kafka) {
        return new RawArticleProducer(kafka, NewsTopics.defaults().raw());
    }

    private static MockProducer<String, RawArticle> mock() {
        return new MockProducer<>(true, null, new StringSerializer(), NewsSerdes.rawArticle());
    }

    private int requests(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }

    private int conditional(String path) {
        return conditional.getOrDefault(path, new AtomicInteger()).get();
    }

    private int notModified(String path) {
        return notModified.getOrDefault(path, new AtomicInteger()).get();
    }

    private void count(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        if (exchange.getRequestHeaders().containsKey("If-None-Match") || exchange.getRequestHeaders().containsKey("If-Modified-Since")) {
            conditional.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        }
    }

    private void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        try (exchange) {
            if (status == 304) {
                notModified.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger()).incrementAndGet();
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = FeedPollerTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
