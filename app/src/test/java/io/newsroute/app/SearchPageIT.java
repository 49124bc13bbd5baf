package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.newsroute.ingest.ArticleReader;
import io.newsroute.ingest.RawArticleProducer;
import io.newsroute.schema.BreachFacts;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Facts;
import io.newsroute.schema.Label;
import io.newsroute.schema.LanguageInfo;
import io.newsroute.schema.serde.AvroTrust;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.sink.NewsIndex;
import io.newsroute.testsupport.Wait;

/**
 * The demo pipeline (embedded Kafka, classify topology, Connect worker with the OpenSearch sink,
 * embedded OpenSearch) with the web server, driven by a real headless Chromium: the page lists
 * the samples, picks up a new article live, searches with highlighting, filters by a facet, shows
 * facts, and renders an article titled {@code <script>…} as text. Also: a document OpenSearch
 * rejects lands in {@code news.dlq} through the real Connect worker and broker.
 *
 * <p>Needs the Debian packages {@code chromium} and {@code chromium-driver} ({@code .ci/run}
 * installs them); without them the test fails and says so. Selenium Manager is never used: the
 * driver and browser paths are explicit, so nothing is downloaded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchPageIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String XSS_ID = "xss-1";
    private static final String XSS_TITLE = "<script>window.__xss = 1; alert('xss')</script>"
            + "<img src=x onerror=\"window.__xss = 2\"> Datenleck bei Example Corp";

    @TempDir
    static Path dataDir;

    private static PipelineRuntime runtime;
    private static String webUrl;

    @BeforeAll
    static void start() {
        AvroTrust.install();
        runtime = PipelineRuntime.start(RuntimeOptions.embedded(dataDir), step -> { });
        webUrl = runtime.startWebServer("127.0.0.1", 0);
        ArticleReader reader = new ArticleReader(Clock.systemUTC());
        try (RawArticleProducer producer = new RawArticleProducer(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers()), runtime.options().topics().raw())) {
            for (Samples.Sample sample : Samples.seeds()) {
                producer.send(reader.fromPlainText(sample.text(), "samples/seeds/" + sample.file()));
            }
            producer.flush();
        }
        awaitIndexed(5);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Waits until the element's text contains {@code expected}, re-finding it on every poll (the page re-renders). */
    private static void awaitText(WebDriver driver, String css, String expected, String what) {
        Wait.waitFor(() -> driver.findElement(By.cssSelector(css)).getText(), text -> text.contains(expected), TIMEOUT, what);
    }

    /**
     * The page re-renders results and facets while it polls, so an element found a moment ago can be
     * gone: every read and click here finds its element again and retries when it went stale.
     */
    private static List<String> texts(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private static void click(WebDriver driver, String css, String what) {
        Wait.waitFor(() -> {
            driver.findElement(By.cssSelector(css)).click();
            return true;
        }, Boolean.TRUE::equals, TIMEOUT, what);
    }

    private static void awaitIndexed(long expected) {
        try (SearchConnection search = runtime.searchConnection()) {
            NewsIndex index = new NewsIndex(search.client(), "news", 1, 0);
            Wait.waitForCondition(() -> {
                index.refresh();
                return index.count() >= expected;
            }, TIMEOUT, expected + " articles in the search index");
        }
    }

    /** An enriched article written straight to news.enriched, as the topology would. */
    private static EnrichedArticle enriched(String id, String title, String source) {
        Instant now = Instant.now();
        return EnrichedArticle.newBuilder()
                .setId(id).setUrl("https://news.example/" + id).setSource(source).setTitle(title)
                .setBody("Unbekannte Angreifer haben Kundendaten von Example Corp gestohlen. Der Datendiebstahl betrifft "
                        + "zwei Millionen Datensätze.")
                .setPublishedAt(now).setFetchedAt(now)
                .setLanguage(LanguageInfo.newBuilder().setCode("de").setConfidence(0.99).build())
                .setLabels(List.of(Label.newBuilder().setName("security-breach").setScore(0.97).setEvidence(List.of()).build()))
                .setScores(Map.of("security-breach", 0.97, "cloud-outage", 0.02, "stock-commentary", 0.01))
                .setFacts(Facts.newBuilder().setBreach(BreachFacts.newBuilder().setVictim("Example Corp")
                        .setRecordsAffected(2_000_000L).setAttackType("data theft").build()).build())
                .setModelVersion("test").setPipelineVersion("test").setProcessedAt(now).setVersion(now.toEpochMilli())
                .build();
    }

    private static void sendEnriched(EnrichedArticle article) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(runtime.options().topics().enriched().name(), article.getId(),
                    NewsSerdes.enrichedCodec().encode(article))).get();
        }
    }

    @Test
    @Order(1)
    void aDocumentOpenSearchRejectsLandsInTheDeadLetterTopic() throws Exception {
        // a keyword longer than Lucene's 32766-byte term limit: valid Avro, refused by OpenSearch (400)
        EnrichedArticle poison = enriched("poison-1", "Poison", "s".repeat(40_000));
        sendEnriched(poison);

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "search-page-it-dlq");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(runtime.options().topics().dlq().name()));
            ConsumerRecord<String, byte[]> letter = Wait.waitFor(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if ("poison-1".equals(record.key())) {
                        return Optional.of(record);
                    }
                }
                return Optional.<ConsumerRecord<String, byte[]>>empty();
            }, Optional::isPresent, TIMEOUT, "the rejected document in news.dlq").orElseThrow();

            assertThat(letter.value()).isEqualTo(NewsSerdes.enrichedCodec().encode(poison));
            Header message = letter.headers().lastHeader("__connect.errors.exception.message");
            assertThat(message).as("Connect's error context headers").isNotNull();
            assertThat(new String(message.value(), StandardCharsets.UTF_8)).contains("poison-1").contains("400");
        }
        try (SearchConnection search = runtime.searchConnection()) {
            assertThat(search.client().exists(e -> e.index("news").id("poison-1")).value()).isFalse();
        }
    }

    @Test
    @Order(2)
    void analystSearchesFiltersAndSeesScriptTitlesAsText() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("headless Chromium is needed for this test: " + CHROMIUM + " and " + CHROMEDRIVER + " are missing. "
                    + "Install them with `apt-get install -y chromium chromium-driver` (.ci/run does this).");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createDirectories(dataDir.resolve("chromium-profile"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1400,1100", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(webUrl);
            Wait.waitFor(() -> driver.findElements(By.cssSelector("#results li")).size(), n -> n >= 5, TIMEOUT,
                    "the five samples listed on the page");
            assertThat(driver.findElement(By.id("status")).getText()).contains("5 articles");

            // live: an article indexed after the page opened appears without a reload
            sendEnriched(enriched(XSS_ID, XSS_TITLE, "example-wire"));
            String xssItem = "#results li[data-id='" + XSS_ID + "']";
            Wait.waitFor(() -> driver.findElements(By.cssSelector(xssItem)), list -> !list.isEmpty(), TIMEOUT,
                    "the new article shown live");
            awaitText(driver, "#live", "new article", "the live-update notice");

            // the <script> title is text: visible as typed, nothing executed, no element created from it
            // (the page re-renders while polling: re-find elements instead of holding on to them)
            awaitText(driver, xssItem + " .title", XSS_TITLE, "the script title shown as text");
            assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);
            assertThat(driver.findElements(By.cssSelector("#results script, #results img"))).isEmpty();
            assertNoAlert(driver);
            awaitText(driver, xssItem + " .facts", "Example Corp", "the facts of the live article");
            awaitText(driver, xssItem + " .facts", "2000000", "the records number among the facts");

            // search with highlighting (German stemming: "Ausfälle" matches "Ausfall")
            WebElement box = driver.findElement(By.id("q"));
            box.clear();
            box.sendKeys("Ausfälle");
            driver.findElement(By.id("search-button")).click();
            List<String> highlights = Wait.waitFor(() -> texts(driver, "#results li .snippet em"), list -> !list.isEmpty(), TIMEOUT,
                    "highlighted matches in the snippets");
            assertThat(highlights).allMatch(t -> t.toLowerCase().startsWith("ausf"));
            int unfiltered = driver.findElements(By.cssSelector("#results li")).size();

            // facet: only German articles
            String germanFacet = "input[data-param='language'][data-value='de']";
            click(driver, germanFacet, "the language facet");
            Wait.waitFor(() -> texts(driver, "#results li .meta .language"),
                    list -> !list.isEmpty() && list.stream().allMatch("DE"::equals), TIMEOUT, "only German results");
            assertThat(driver.findElements(By.cssSelector("#results li"))).hasSizeLessThanOrEqualTo(unfiltered);
            Wait.waitFor(() -> driver.findElement(By.cssSelector(germanFacet)).isSelected(), Boolean.TRUE::equals, TIMEOUT,
                    "the German facet shown as selected");
            awaitText(driver, "#facets section[data-facet='labels']", "cloud-outage", "the label facet with counts");

            // back to everything, breach filter: the script-titled article with its facts, still as text
            box = driver.findElement(By.id("q"));
            box.clear();
            box.sendKeys("Example");
            driver.findElement(By.id("search-button")).click();
            Wait.waitFor(() -> driver.findElements(By.cssSelector("#results li[data-id='" + XSS_ID + "'] .title em")),
                    list -> !list.isEmpty(), TIMEOUT, "the script-titled article found by text");
            awaitText(driver, xssItem + " .title", XSS_TITLE, "the script title, highlighted, still as text");
            awaitText(driver, "#facets section[data-facet='victim']", "Example Corp", "the victim facet");
            assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);
            assertNoAlert(driver);

            // the screenshot for the README: everything, with facets and the live article
            click(driver, germanFacet, "the language facet, to clear it");
            box = driver.findElement(By.id("q"));
            box.clear();
            driver.findElement(By.id("search-button")).click();
            Wait.waitFor(() -> driver.findElements(By.cssSelector("#results li")).size(), n -> n >= 6, TIMEOUT, "all articles again");
            Path screenshot = Path.of("target", "screenshots", "search.png");
            Files.createDirectories(screenshot.getParent());
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                    StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(screenshot)).isGreaterThan(10_000);
        } finally {
            driver.quit();
        }
    }

    private static void assertNoAlert(ChromeDriver driver) {
        try {
            String text = driver.switchTo().alert().getText();
            fail("a script from article data ran and opened an alert: " + text);
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }
}
