package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.newsroute.app.config.TopicsConfig;
import io.newsroute.ingest.ArticleReader;
import io.newsroute.ingest.RawArticleProducer;
import io.newsroute.schema.DeadLetter;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Label;
import io.newsroute.schema.RawArticle;
import io.newsroute.sink.NewsIndex;
import io.newsroute.sink.search.NewsSearch;
import io.newsroute.sink.search.SearchHit;
import io.newsroute.sink.search.SearchQuery;
import io.newsroute.sink.search.SearchResult;
import io.newsroute.testsupport.KafkaExtension;
import io.newsroute.testsupport.OpenSearchExtension;
import io.newsroute.testsupport.Wait;

/**
 * The real chain: the fixtures' Kafka broker -> ingest -> classify topology (exactly_once_v2) -> in-process
 * Connect worker with the OpenSearch sink -> the fixtures' OpenSearch node. The runtime is given their
 * addresses as it would be given production ones ({@code run --bootstrap-servers --search-url}), so the same
 * test runs against the embedded services (default) and against containers ({@code -Dit.containers=true});
 * {@code SearchPageIT} covers the runtime's own embedded start-up of the demo.
 */
class PipelineIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension
    static final OpenSearchExtension SEARCH = new OpenSearchExtension();

    @TempDir
    static Path dataDir;

    /** Not the default layout: the runtime must create and use the configured topics. */
    private static final TopicsConfig LAYOUT = new TopicsConfig(Map.of(TopicsConfig.PREFIX, "pit.", TopicsConfig.PARTITIONS, "3"));

    private static PipelineRuntime runtime;

    @BeforeAll
    static void start() {
        RuntimeOptions embedded = RuntimeOptions.embedded(dataDir);
        RuntimeOptions options = new RuntimeOptions(Optional.of(KAFKA.bootstrapServers()), Optional.of(SEARCH.httpUrl()),
                "", "", dataDir, LAYOUT, true, true, Map.of(), embedded.classify(), embedded.extract(),
                embedded.sinkSettings());
        runtime = PipelineRuntime.start(options, step -> { });
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void everySampleIsRoutedAndSearchableWithItsLabelsAndAMalformedRecordIsDeadLettered() throws Exception {
        List<Samples.Sample> samples = Samples.seeds();
        ArticleReader reader = new ArticleReader(Clock.systemUTC());
        Map<String, Samples.Sample> byId = new LinkedHashMap<>();
        byte[] garbage = "this is not an Avro record".getBytes(StandardCharsets.UTF_8);
        try (RawArticleProducer producer = new RawArticleProducer(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers()), runtime.options().topics().raw());
             KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            int i = 0;
            for (Samples.Sample sample : samples) {
                RawArticle article = reader.fromPlainText(sample.text(), "samples/seeds/" + sample.file());
                byId.put(article.getId(), sample);
                producer.send(article);
                if (i++ == 2) {
                    // a malformed record in the middle of the valid ones
                    raw.send(new ProducerRecord<>(runtime.options().topics().raw().name(), "bad-1".getBytes(StandardCharsets.UTF_8), garbage)).get();
                }
            }
            producer.flush();
        }

        try (OutputWatcher watcher = new OutputWatcher(runtime.bootstrapServers(), runtime.options().topics())) {
            assertThat(watcher.awaitRouted(byId.keySet(), TIMEOUT)).as("all samples routed").isTrue();
            Wait.waitForCondition(() -> {
                watcher.poll();
                return !watcher.deadLetters().isEmpty();
            }, TIMEOUT, "the malformed record in pit.dlq");

            for (Map.Entry<String, Samples.Sample> entry : byId.entrySet()) {
                EnrichedArticle article = watcher.article(entry.getKey());
                Samples.Sample sample = entry.getValue();
                assertThat(article.getLanguage().getCode()).as(sample.file()).isEqualTo(sample.language());
                assertThat(labels(article)).as(sample.file()).isEqualTo(sample.labels());
                for (String label : sample.labels()) {
                    assertThat(watcher.topicsOf(article.getId())).as(sample.file()).contains("pit." + label);
                }
                assertThat(watcher.topicsOf(article.getId())).as(sample.file()).contains("pit.enriched").doesNotContain("pit.unclassified");
            }

            DeadLetter letter = watcher.deadLetters().get(0);
            assertThat(letter.getTopic()).isEqualTo("pit.raw");
            assertThat(letter.getStage()).isEqualTo("deserialize");
            assertThat(letter.getErrorMessage()).contains("not an Avro");
            assertThat(letter.getOffset()).isGreaterThanOrEqualTo(0);
            assertThat(letter.getValue().array()).isEqualTo(garbage);
            assertThat(watcher.deadLetters()).hasSize(1);
        }
        CliRun dlq = CliRun.of("dlq", "list", "--bootstrap-servers", runtime.bootstrapServers(), "--set", "topics.prefix=pit.");
        assertThat(dlq.out()).as(dlq.err()).containsPattern("deserialize +pit\\.raw-\\d+@\\d+ +- +\\w+: not an Avro")
                .contains("1 dead letter in pit.dlq: deserialize 1. 1 can be sent through again");
        assertThat(KAFKA.admin().describeTopics(List.of("pit.raw", "pit.cloud-outage")).allTopicNames().get(30, TimeUnit.SECONDS).values())
                .as("created with the configured partitions").allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));

        try (SearchConnection search = runtime.searchConnection()) {
            NewsIndex index = new NewsIndex(search.client(), "news", 1, 0);
            Wait.waitForCondition(() -> {
                index.refresh();
                return index.count() == byId.size();
            }, TIMEOUT, "all samples in the search index");
            NewsSearch newsSearch = new NewsSearch(search.client(), "news");
            SearchResult all = newsSearch.search(new SearchQuery("", List.of(), List.of(), 20));
            assertThat(all.hits()).extracting(SearchHit::id).containsExactlyInAnyOrderElementsOf(byId.keySet());
            for (SearchHit hit : all.hits()) {
                Samples.Sample sample = byId.get(hit.id());
                assertThat(Set.copyOf(hit.labels())).as(sample.file()).isEqualTo(sample.labels());
                assertThat(hit.language()).as(sample.file()).isEqualTo(sample.language());
            }
            SearchResult breaches = newsSearch.search(new SearchQuery("Sony", List.of("security-breach"), List.of(), 20));
            assertThat(breaches.hits()).extracting(SearchHit::id).containsExactly(idOf(byId, "000_f5622467ff08ba2c.txt"));
            SearchResult dutch = newsSearch.search(new SearchQuery("", List.of(), List.of("nl"), 20));
            assertThat(dutch.hits()).extracting(SearchHit::id).containsExactly(idOf(byId, "004_3ca9bc80b7bcc4df.txt"));
        }
    }

    private static Set<String> labels(EnrichedArticle article) {
        return article.getLabels().stream().map(Label::getName).collect(Collectors.toSet());
    }

    private static String idOf(Map<String, Samples.Sample> byId, String file) {
        return byId.entrySet().stream().filter(e -> e.getValue().file().equals(file)).map(Map.Entry::getKey).findFirst().orElseThrow();
    }
}
