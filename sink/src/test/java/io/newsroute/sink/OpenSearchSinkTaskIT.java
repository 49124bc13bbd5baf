package io.newsroute.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Facts;
import io.newsroute.schema.Labels;
import io.newsroute.schema.StockFacts;
import io.newsroute.sink.search.NewsSearch;
import io.newsroute.sink.search.SearchHit;
import io.newsroute.sink.search.SearchQuery;
import io.newsroute.sink.search.SearchResult;
import io.newsroute.testsupport.OpenSearchExtension;
import io.newsroute.testsupport.Samples;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch.core.GetResponse;

/**
 * Drives {@link OpenSearchSinkTask} directly (start, put, flush) against a real embedded
 * OpenSearch node. Each test writes to its own alias, so tests do not see each other's documents.
 */
class OpenSearchSinkTaskIT {
    @RegisterExtension
    static final OpenSearchExtension OPENSEARCH = new OpenSearchExtension();

    private static final AtomicInteger ALIASES = new AtomicInteger();

    private final List<OpenSearchSinkTask> tasks = new ArrayList<>();
    private OpenSearchClient client;
    private String alias;

    /** A minimal SinkTaskContext: no worker, but it captures what the task dead-letters. */
    private static final class TestContext implements SinkTaskContext {
        final List<SinkRecord> errantRecords = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        private final Map<String, String> configs;
        private final boolean withReporter;

        TestContext(Map<String, String> configs, boolean withReporter) {
            this.configs = configs;
            this.withReporter = withReporter;
        }

        Throwable errorFor(long offset) {
            for (int i = 0; i < errantRecords.size(); i++) {
                if (errantRecords.get(i).kafkaOffset() == offset) {
                    return errors.get(i);
                }
            }
            throw new AssertionError("no errant record at offset " + offset + " in " + errantRecords);
        }

        @Override
        public ErrantRecordReporter errantRecordReporter() {
            if (!withReporter) {
                return null;
            }
            return (record, error) -> {
                errantRecords.add(record);
                errors.add(error);
                Future<Void> done = CompletableFuture.completedFuture(null);
                return done;
            };
        }

        @Override
        public Map<String, String> configs() {
            return configs;
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
        }

        @Override
        public void timeout(long timeoutMs) {
        }

        @Override
        public Set<TopicPartition> assignment() {
            return Set.of(new TopicPartition(TestArticles.TOPIC, 0));
        }

        @Override
        public void pause(TopicPartition... partitions) {
        }

        @Override
        public void resume(TopicPartition... partitions) {
        }

        @Override
        public void requestCommit() {
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }

    @BeforeEach
    void setUp() {
        alias = "it-news-" + ALIASES.incrementAndGet();
        client = OpenSearchClients.create(OPENSEARCH.httpUrl(), "", "");
    }

    @AfterEach
    void tearDown() throws IOException {
        tasks.forEach(OpenSearchSinkTask::stop);
        client._transport().close();
    }

    private Map<String, String> config() {
        Map<String, String> props = new HashMap<>();
        props.put(OpenSearchSinkConfig.URL, OPENSEARCH.httpUrl());
        props.put(OpenSearchSinkConfig.INDEX_ALIAS, alias);
        props.put(OpenSearchSinkConfig.BATCH_SIZE, "3"); // several bulk requests per put()
        props.put(OpenSearchSinkConfig.MAX_RETRIES, "2");
        return props;
    }

    private OpenSearchSinkTask startTask(TestContext context) {
        OpenSearchSinkTask task = new OpenSearchSinkTask();
        task.initialize(context);
        task.start(context.configs());
        tasks.add(task);
        return task;
    }

    private TestContext context(boolean withReporter) {
        return new TestContext(config(), withReporter);
    }

    /** put + flush, as the worker does before committing offsets, then refresh for search. */
    private void write(OpenSearchSinkTask task, List<SinkRecord> records) {
        task.put(records);
        task.flush(Map.of());
        new NewsIndex(client, alias, 1, 0).refresh();
    }

    private long count() {
        return new NewsIndex(client, alias, 1, 0).count();
    }

    private GetResponse<JsonNode> get(String id) throws IOException {
        return client.get(g -> g.index(alias).id(id), JsonNode.class);
    }

    private static List<SinkRecord> records(List<EnrichedArticle> articles) {
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            records.add(TestArticles.record(articles.get(i), i));
        }
        return records;
    }

    /** The five real seed articles (German and Dutch) with their expected labels, ids seed-<file name>. */
    private static List<EnrichedArticle> seeds() {
        List<EnrichedArticle> articles = new ArrayList<>();
        for (Samples.Sample sample : Samples.seeds()) {
            String text = sample.text().strip();
            String title = text.lines().map(String::strip).filter(l -> l.length() > 20).findFirst().orElse(text);
            String[] labels = Labels.ALL.stream().filter(sample.labels()::contains).toArray(String[]::new);
            String id = "seed-" + sample.fileName().replace(".txt", "");
            articles.add(TestArticles.article(id, sample.language(), title, text, 1_000 + articles.size(), labels));
        }
        assertThat(articles).hasSize(5);
        return articles;
    }

    @Test
    void indexesArticlesSearchableByIdAndText() throws IOException {
        OpenSearchSinkTask task = startTask(context(true));
        List<EnrichedArticle> seeds = seeds();

        write(task, records(seeds));

        assertThat(count()).isEqualTo(5);
        EnrichedArticle first = seeds.get(0);
        GetResponse<JsonNode> doc = get(first.getId());
        assertThat(doc.found()).isTrue();
        assertThat(doc.version()).isEqualTo(first.getVersion());
        assertThat(doc.source().path("title").asText()).isEqualTo(first.getTitle());
        assertThat(doc.source().path("labels")).extracting(JsonNode::asText)
                .containsExactly(Labels.CLOUD_OUTAGE, Labels.SECURITY_BREACH);
        assertThat(doc.source().path("scores").path(Labels.CLOUD_OUTAGE).asDouble()).isEqualTo(0.9);
        assertThat(doc.source().has("body_de")).isTrue();
        assertThat(get(seeds.get(4).getId()).source().has("body_nl")).isTrue();

        SearchResult dutch = new NewsSearch(client, alias).search(SearchQuery.text("storing", 10));
        assertThat(dutch.hits()).extracting(SearchHit::id).containsExactly(seeds.get(4).getId());
        SearchResult amazon = new NewsSearch(client, alias).search(SearchQuery.text("Amazon", 10));
        assertThat(amazon.total()).isEqualTo(5);
    }

    @Test
    void germanStemmingThroughBodyDe() throws IOException {
        OpenSearchSinkTask task = startTask(context(true));
        EnrichedArticle article = TestArticles.article("de-1", "de", "Störung in der Cloud",
                "Die Ausfälle trafen Kunden in ganz Europa.", 10, Labels.CLOUD_OUTAGE);

        write(task, records(List.of(article)));

        // the standard-analysed body alone does not know that Ausfall and Ausfälle are one word
        long standardOnly = client.count(c -> c.index(alias)
                .query(q -> q.match(m -> m.field("body").query(v -> v.stringValue("Ausfall"))))).count();
        assertThat(standardOnly).isZero();
        SearchResult result = new NewsSearch(client, alias).search(SearchQuery.text("Ausfall", 10));
        assertThat(result.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.id()).isEqualTo("de-1");
            assertThat(hit.snippet()).contains("<em>Ausfälle</em>");
        });
    }

    @Test
    void replayingTheSameRecordsLeavesTheCountUnchanged() throws IOException {
        TestContext context = context(true);
        OpenSearchSinkTask task = startTask(context);
        List<SinkRecord> records = records(seeds());

        write(task, records);
        long first = count();
        write(task, records);

        assertThat(first).isEqualTo(5);
        assertThat(count()).isEqualTo(first);
        assertThat(context.errantRecords).isEmpty();
    }

    @Test
    void staleVersionDoesNotOverwriteTheNewerDocument() throws IOException {
        TestContext context = context(true);
        OpenSearchSinkTask task = startTask(context);
        EnrichedArticle newer = TestArticles.article("a-1", "en", "Newer title", "newer body", 200);
        EnrichedArticle older = TestArticles.article("a-1", "en", "Older title", "older body", 100);

        write(task, records(List.of(newer)));
        write(task, records(List.of(older)));

        GetResponse<JsonNode> doc = get("a-1");
        assertThat(doc.version()).isEqualTo(200);
        assertThat(doc.source().path("title").asText()).isEqualTo("Newer title");
        assertThat(context.errantRecords).isEmpty();
        assertThat(count()).isEqualTo(1);
    }

    /** An index whose mapping conflicts with the documents: facts.stock.ticker is a number there. */
    private void createConflictingIndex() throws IOException {
        JsonpMapper mapper = client._transport().jsonpMapper();
        String json = "{\"properties\":{\"facts\":{\"properties\":{\"stock\":{\"properties\":"
                + "{\"ticker\":{\"type\":\"long\"}}}}}}}";
        TypeMapping mapping = TypeMapping._DESERIALIZER.deserialize(
                mapper.jsonProvider().createParser(new StringReader(json)), mapper);
        client.indices().create(c -> c.index(alias + "-v" + NewsIndex.MAPPING_VERSION)
                .settings(s -> s.numberOfShards(1).numberOfReplicas(0))
                .mappings(mapping));
    }

    private static EnrichedArticle withTicker(EnrichedArticle article, String ticker) {
        article.setFacts(Facts.newBuilder().setStock(StockFacts.newBuilder().setTicker(ticker).build()).build());
        return article;
    }

    @Test
    void rejectedAndUndecodableRecordsGoToTheErrantReporterWhileTheOthersAreIndexed() throws IOException {
        createConflictingIndex();
        TestContext context = context(true);
        OpenSearchSinkTask task = startTask(context);
        List<SinkRecord> batch = List.of(
                TestArticles.record(TestArticles.article("ok-1", "en", "First", "first body", 1), 0),
                TestArticles.record(withTicker(TestArticles.article("bad-1", "en", "Amazon shares", "body", 1),
                        "AMZN"), 1),
                TestArticles.record("garbage", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8), 2),
                TestArticles.record(TestArticles.article("ok-2", "en", "Second", "second body", 1), 3));

        write(task, batch);

        // undecodable values are reported while decoding, rejections after the bulk: order by offset
        assertThat(context.errantRecords).extracting(SinkRecord::kafkaOffset).containsExactlyInAnyOrder(1L, 2L);
        assertThat(context.errorFor(1)).hasMessageContaining("bad-1").hasMessageContaining("mapper_parsing_exception");
        assertThat(context.errorFor(2)).hasMessageContaining("not an Avro");
        assertThat(count()).isEqualTo(2);
        assertThat(get("ok-1").found()).isTrue();
        assertThat(get("ok-2").found()).isTrue();
        assertThat(get("bad-1").found()).isFalse();
    }

    @Test
    void withoutAReporterARejectionFailsTheTaskNamingTheArticle() throws IOException {
        createConflictingIndex();
        OpenSearchSinkTask task = startTask(context(false));
        List<SinkRecord> batch = List.of(TestArticles.record(
                withTicker(TestArticles.article("bad-2", "en", "Amazon shares", "body", 1), "AMZN"), 0));

        assertThatThrownBy(() -> {
            task.put(batch);
            task.flush(Map.of());
        })
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("bad-2")
                .hasMessageContaining("mapper_parsing_exception");
    }

    @Test
    void batchesByCountAndSendsTheRestOnFlush() {
        Map<String, String> props = config();
        props.put(OpenSearchSinkConfig.BATCH_SIZE, "2");
        props.put(OpenSearchSinkConfig.LINGER_MS, "600000");
        OpenSearchSinkTask task = startTask(new TestContext(props, true));
        List<EnrichedArticle> articles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            articles.add(TestArticles.article("batch-" + i, "en", "Title " + i, "body " + i, 1));
        }

        task.put(records(articles));

        assertThat(task.buffered()).as("two full batches of 2 sent, one document waits").isEqualTo(1);
        new NewsIndex(client, alias, 1, 0).refresh();
        assertThat(count()).isEqualTo(4);
        task.flush(Map.of());
        new NewsIndex(client, alias, 1, 0).refresh();
        assertThat(task.buffered()).isZero();
        assertThat(count()).isEqualTo(5);
    }

    @Test
    void batchesByBytes() {
        Map<String, String> props = config();
        props.put(OpenSearchSinkConfig.BATCH_SIZE, "1000");
        props.put(OpenSearchSinkConfig.BATCH_MAX_BYTES, "2048");
        props.put(OpenSearchSinkConfig.LINGER_MS, "600000");
        OpenSearchSinkTask task = startTask(new TestContext(props, true));
        List<EnrichedArticle> articles = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            articles.add(TestArticles.article("bytes-" + i, "en", "Title " + i, "x".repeat(900), 1));
        }

        task.put(records(articles));

        assertThat(task.buffered()).as("~1 KB each: sent two at a time as soon as 2 KB are buffered").isLessThan(2);
        task.flush(Map.of());
        new NewsIndex(client, alias, 1, 0).refresh();
        assertThat(count()).isEqualTo(4);
    }

    @Test
    void lingerTimerSendsABufferWithoutAnotherPut() {
        Map<String, String> props = config();
        props.put(OpenSearchSinkConfig.BATCH_SIZE, "1000");
        props.put(OpenSearchSinkConfig.LINGER_MS, "100");
        OpenSearchSinkTask task = startTask(new TestContext(props, true));

        task.put(records(List.of(TestArticles.article("linger-1", "en", "Title", "body", 1))));

        io.newsroute.testsupport.Wait.waitForCondition(() -> {
            new NewsIndex(client, alias, 1, 0).refresh();
            return count() == 1;
        }, java.time.Duration.ofSeconds(30), "the lingering document indexed by the timer");
        assertThat(task.buffered()).isZero();
    }

    @Test
    void tombstoneDeletesTheDocument() throws IOException {
        OpenSearchSinkTask task = startTask(context(true));
        write(task, records(List.of(TestArticles.article("gone-1", "en", "Title", "body", 5))));
        assertThat(count()).isEqualTo(1);

        write(task, List.of(TestArticles.record("gone-1", null, 1), TestArticles.record("never-there", null, 2)));

        assertThat(count()).isZero();
    }

    @Test
    void newsSearchFiltersHighlightsAndCounts() throws IOException {
        OpenSearchSinkTask task = startTask(context(true));
        List<EnrichedArticle> articles = new ArrayList<>(seeds());
        articles.add(TestArticles.article("en-breach", "en", "Hackers breached the customer database",
                "Attackers stole millions of customer records in a data breach at the retailer.", 5_000,
                Labels.SECURITY_BREACH));
        articles.add(TestArticles.article("en-outage", "en", "Cloud outage hits shops",
                "An outage of the cloud provider took many online shops down.", 4_000, Labels.CLOUD_OUTAGE));
        write(task, records(articles));
        NewsSearch search = new NewsSearch(client, alias);

        SearchResult all = search.search(new SearchQuery("", List.of(), List.of(), 3));
        assertThat(all.total()).isEqualTo(7);
        assertThat(all.hits()).extracting(SearchHit::id).containsExactly("en-breach", "en-outage", "seed-004_3ca9bc80b7bcc4df");
        assertThat(all.labelCounts()).containsEntry(Labels.CLOUD_OUTAGE, 6L).containsEntry(Labels.SECURITY_BREACH, 2L)
                .containsEntry(Labels.STOCK_COMMENTARY, 1L);
        assertThat(all.languageCounts()).containsEntry("de", 4L).containsEntry("nl", 1L).containsEntry("en", 2L);

        SearchResult breaches = search.search(new SearchQuery("", List.of(Labels.SECURITY_BREACH), List.of(), 10));
        assertThat(breaches.hits()).extracting(SearchHit::id)
                .containsExactlyInAnyOrder("en-breach", "seed-000_f5622467ff08ba2c");
        assertThat(breaches.labelCounts()).containsEntry(Labels.SECURITY_BREACH, 2L);

        SearchResult outageEnglish = search.search(new SearchQuery("outages", List.of(Labels.CLOUD_OUTAGE),
                List.of("en"), 10));
        assertThat(outageEnglish.total()).isEqualTo(1);
        SearchHit hit = outageEnglish.hits().get(0);
        assertThat(hit.id()).isEqualTo("en-outage");
        assertThat(hit.language()).isEqualTo("en");
        assertThat(hit.labels()).containsExactly(Labels.CLOUD_OUTAGE);
        assertThat(hit.scores()).containsEntry(Labels.CLOUD_OUTAGE, 0.9);
        assertThat(hit.snippet()).contains("<em>outage</em>");
        assertThat(hit.url()).isEqualTo("https://news.example/en-outage");
        assertThat(hit.publishedAt()).isNotBlank();
        assertThat(outageEnglish.languageCounts()).containsOnlyKeys("en");

        SearchResult dutchOnly = search.search(new SearchQuery("AWS", List.of(), List.of("nl"), 10));
        assertThat(dutchOnly.hits()).extracting(SearchHit::language).containsOnly("nl");
        assertThat(dutchOnly.total()).isEqualTo(1);

        SearchResult nothing = search.search(SearchQuery.text("zzzunknownword", 10));
        assertThat(nothing.total()).isZero();
        assertThat(nothing.hits()).isEmpty();
        assertThat(new NewsSearch(client, "no-such-alias").search(SearchQuery.text("x", 5)).total()).isZero();
    }
}
