package io.newsroute.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.newsroute.schema.DeadLetter;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Label;
import io.newsroute.schema.Labels;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;

/** Routing, fan-out and dead letters of the topology, with {@link TopologyTestDriver}. */
class ClassifyTopologyTest {
    private static final Instant NOW = Instant.parse("2024-06-01T10:00:00Z");
    private static final NewsTopics TOPICS = NewsTopics.defaults();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> raw;
    private Map<String, TestOutputTopic<String, EnrichedArticle>> articleTopics;
    private TestOutputTopic<byte[], DeadLetter> dlq;

    @BeforeEach
    void start() {
        start(ClassifyTopology.build(TOPICS, TestPipelines.shared(), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private void start(Topology topology) {
        Properties props = ClassifyStreams.properties(ClassifyConfig.defaults(), "127.0.0.1:9", stateDir, Map.of());
        driver = new TopologyTestDriver(topology, props, NOW);
        raw = driver.createInputTopic(TOPICS.raw().name(), new ByteArraySerializer(), new ByteArraySerializer());
        articleTopics = new java.util.LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        names.add(TOPICS.enriched().name());
        TOPICS.labelTopics().values().forEach(spec -> names.add(spec.name()));
        names.add(TOPICS.unclassified().name());
        for (String name : names) {
            articleTopics.put(name, driver.createOutputTopic(name, new StringDeserializer(),
                    NewsSerdes.enrichedArticle().deserializer()));
        }
        dlq = driver.createOutputTopic(TOPICS.dlq().name(), new ByteArrayDeserializer(), NewsSerdes.deadLetter().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void articleWithTwoLabelsFansOutToEnrichedAndBothLabelTopics() {
        RawArticle seed = TestPipelines.seed("003_a64ae466073c5232.txt");
        raw.pipeInput(key(seed.getId()), NewsSerdes.rawCodec().encode(seed));

        List<KeyValue<String, EnrichedArticle>> enriched = read(TOPICS.enriched().name());
        assertThat(enriched).hasSize(1);
        EnrichedArticle article = enriched.get(0).value;
        assertThat(enriched.get(0).key).isEqualTo(seed.getId());
        assertThat(article.getLabels()).extracting(Label::getName)
                .containsExactlyInAnyOrder(Labels.CLOUD_OUTAGE, Labels.STOCK_COMMENTARY);
        assertThat(article.getVersion()).isEqualTo(NOW.toEpochMilli());
        assertThat(article.getProcessedAt()).isEqualTo(NOW);

        assertThat(read(TOPICS.label(Labels.CLOUD_OUTAGE).name())).extracting(kv -> kv.key).containsExactly(seed.getId());
        assertThat(read(TOPICS.label(Labels.STOCK_COMMENTARY).name())).extracting(kv -> kv.key).containsExactly(seed.getId());
        assertThat(read(TOPICS.label(Labels.SECURITY_BREACH).name())).isEmpty();
        assertThat(read(TOPICS.unclassified().name())).isEmpty();
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(ClassifyTopology.targetTopics(article, TOPICS)).containsExactly(TOPICS.enriched().name(),
                TOPICS.label(Labels.CLOUD_OUTAGE).name(), TOPICS.label(Labels.STOCK_COMMENTARY).name());
    }

    @Test
    void articleWithoutLabelsGoesToEnrichedAndUnclassifiedOnly() {
        RawArticle plain = TestPipelines.article("recipe-1", "Apfelstrudel wie bei Oma",
                "Für den Teig Mehl, Wasser, Öl und eine Prise Salz verkneten und eine halbe Stunde ruhen lassen. "
                        + "Die Äpfel schälen, in dünne Scheiben schneiden und mit Zimt, Zucker und Rosinen mischen.");
        raw.pipeInput(key(plain.getId()), NewsSerdes.rawCodec().encode(plain));

        assertThat(read(TOPICS.enriched().name())).extracting(kv -> kv.key).containsExactly("recipe-1");
        assertThat(read(TOPICS.unclassified().name())).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("recipe-1");
            assertThat(kv.value.getLabels()).isEmpty();
            assertThat(kv.value.getLanguage().getCode()).isEqualTo("de");
        });
        for (String label : Labels.ALL) {
            assertThat(read(TOPICS.label(label).name())).as(label).isEmpty();
        }
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void bytesThatAreNotAvroAreDeadLettered() {
        byte[] junk = "{\"title\": \"not avro\"}".getBytes(StandardCharsets.UTF_8);
        raw.pipeInput(key("junk-1"), junk);

        DeadLetter letter = singleDeadLetter("junk-1");
        assertThat(letter.getStage()).isEqualTo("deserialize");
        assertThat(letter.getErrorClass()).endsWith("RecordDecodeException");
        assertThat(letter.getErrorMessage()).contains("not an Avro single-object encoded RawArticle");
        assertThat(bytes(letter.getValue())).isEqualTo(junk);
        assertThat(letter.getValueTruncated()).isFalse();
        assertThat(letter.getArticleId()).isNull();
        assertCoordinates(letter, 0L);
        assertNoArticles();
    }

    @Test
    void nullValueIsDeadLettered() {
        raw.pipeInput(key("tombstone-1"), (byte[]) null);

        DeadLetter letter = singleDeadLetter("tombstone-1");
        assertThat(letter.getStage()).isEqualTo("deserialize");
        assertThat(letter.getErrorMessage()).contains("null value");
        assertThat(letter.getValue()).isNull();
        assertCoordinates(letter, 0L);
        assertNoArticles();
    }

    @Test
    void nullKeyIsDeadLettered() {
        RawArticle seed = TestPipelines.seed("004_3ca9bc80b7bcc4df.txt");
        raw.pipeInput((byte[]) null, NewsSerdes.rawCodec().encode(seed));

        List<KeyValue<byte[], DeadLetter>> letters = dlq.readKeyValuesToList();
        assertThat(letters).singleElement().satisfies(kv -> {
            assertThat(kv.key).isNull();
            assertThat(kv.value.getStage()).isEqualTo("deserialize");
            assertThat(kv.value.getErrorMessage()).contains("null key");
        });
        assertNoArticles();
    }

    @Test
    void emptyTitleAndBodyIsDeadLettered() {
        RawArticle empty = TestPipelines.article("empty-1", "", "   ");
        raw.pipeInput(key("ignored"), NewsSerdes.rawCodec().encode(empty)); // offset 0
        raw.pipeInput(key("empty-1"), NewsSerdes.rawCodec().encode(empty)); // offset 1

        List<KeyValue<byte[], DeadLetter>> letters = dlq.readKeyValuesToList();
        assertThat(letters).hasSize(2);
        DeadLetter letter = letters.get(1).value;
        assertThat(new String(letters.get(1).key, StandardCharsets.UTF_8)).isEqualTo("empty-1");
        assertThat(letter.getStage()).isEqualTo("validate");
        assertThat(letter.getErrorMessage()).contains("empty title and body");
        assertThat(letter.getArticleId()).isEqualTo("empty-1");
        assertThat(bytes(letter.getValue())).isEqualTo(NewsSerdes.rawCodec().encode(empty));
        assertCoordinates(letter, 1L);
        assertNoArticles();
    }

    @Test
    void bodyOverTheLimitIsDeadLetteredWithTruncatedValue() {
        int limit = ClassifyConfig.defaults().maxBodyChars();
        RawArticle huge = TestPipelines.article("huge-1", "AWS outage", "a".repeat(limit + 1));
        byte[] value = NewsSerdes.rawCodec().encode(huge);
        raw.pipeInput(key("huge-1"), value);

        DeadLetter letter = singleDeadLetter("huge-1");
        assertThat(letter.getStage()).isEqualTo("validate");
        assertThat(letter.getErrorMessage()).contains("body has " + (limit + 1) + " chars", "classify.max.body.chars");
        assertThat(letter.getArticleId()).isEqualTo("huge-1");
        assertThat(letter.getValueTruncated()).isTrue();
        assertThat(bytes(letter.getValue())).hasSize(EnrichProcessor.MAX_DEAD_LETTER_VALUE_BYTES)
                .isEqualTo(java.util.Arrays.copyOf(value, EnrichProcessor.MAX_DEAD_LETTER_VALUE_BYTES));
        assertCoordinates(letter, 0L);
        assertNoArticles();
    }

    @Test
    void goodAndBadRecordsInterleaveWithoutStoppingTheStream() {
        RawArticle seed = TestPipelines.seed("000_f5622467ff08ba2c.txt");
        raw.pipeInput(key("bad"), new byte[] {(byte) 0xC3, 0x01, 1, 2, 3});
        raw.pipeInput(key(seed.getId()), NewsSerdes.rawCodec().encode(seed));

        assertThat(singleDeadLetter("bad").getOffset()).isEqualTo(0L);
        assertThat(read(TOPICS.enriched().name())).singleElement().satisfies(kv -> assertThat(kv.value.getLabels())
                .extracting(Label::getName).containsExactlyInAnyOrder(Labels.CLOUD_OUTAGE, Labels.SECURITY_BREACH));
        assertThat(read(TOPICS.label(Labels.SECURITY_BREACH).name())).hasSize(1);
        assertThat(read(TOPICS.label(Labels.CLOUD_OUTAGE).name())).hasSize(1);
    }

    @Test
    void everyOperatorIsNamed() {
        Topology topology = ClassifyTopology.build(TOPICS, TestPipelines.shared(), Clock.fixed(NOW, ZoneOffset.UTC));
        TopologyDescription description = topology.describe();

        List<String> names = new ArrayList<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            sub.nodes().forEach(node -> names.add(node.name()));
        }
        assertThat(description.subtopologies()).hasSize(1);
        assertThat(description.globalStores()).isEmpty();
        assertThat(names).containsExactlyInAnyOrder(
                "raw-source", "enrich", "outcome-", "outcome-ok", "outcome-failed",
                "to-dead-letter", "dlq-sink",
                "key-by-article-id", "enriched-sink", "with-previous",
                "filter-cloud-outage", "article-cloud-outage", "sink-cloud-outage",
                "filter-security-breach", "article-security-breach", "sink-security-breach",
                "filter-stock-commentary", "article-stock-commentary", "sink-stock-commentary",
                "filter-no-labels", "article-no-labels", "sink-unclassified");
    }

    @Test
    void aReplayThatSendsOnlyChangesGivesALabelTopicAnArticleOnlyWhenItDidNotCarryThatLabelBefore() {
        driver.close();
        Topology topology = ClassifyTopology.build(TOPICS, TestPipelines.shared(), Clock.fixed(NOW, ZoneOffset.UTC),
                ClassifyConfig.defaults(), ClassifyMetrics.noop(), ClassifyTopology.LabelOutput.CHANGED);
        assertThat(topology.describe().globalStores()).hasSize(1);
        start(topology);
        RawArticle known = TestPipelines.seed("003_a64ae466073c5232.txt"); // cloud-outage and stock-commentary
        RawArticle fresh = TestPipelines.seed("001_f206bbed3fab92e7.txt"); // cloud-outage
        // the previous model labelled the known article cloud-outage only
        driver.createInputTopic(TOPICS.enriched().name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(known.getId(), NewsSerdes.enrichedCodec().encode(previous(known, Labels.CLOUD_OUTAGE)));

        raw.pipeInput(key(known.getId()), NewsSerdes.rawCodec().encode(known));
        raw.pipeInput(key(fresh.getId()), NewsSerdes.rawCodec().encode(fresh));

        assertThat(read(TOPICS.enriched().name())).extracting(kv -> kv.key).contains(known.getId(), fresh.getId());
        assertThat(read(TOPICS.label(Labels.STOCK_COMMENTARY).name())).extracting(kv -> kv.key).containsExactly(known.getId());
        assertThat(read(TOPICS.label(Labels.CLOUD_OUTAGE).name())).extracting(kv -> kv.key)
                .as("the known article carried cloud-outage before; the fresh one had no previous record")
                .containsExactly(fresh.getId());
        assertThat(read(TOPICS.unclassified().name())).isEmpty();
    }

    @Test
    void aReplayWithoutLabelOutputRewritesOnlyTheEnrichedTopic() {
        driver.close();
        start(ClassifyTopology.build(TOPICS, TestPipelines.shared(), Clock.fixed(NOW, ZoneOffset.UTC),
                ClassifyConfig.defaults(), ClassifyMetrics.noop(), ClassifyTopology.LabelOutput.NONE));
        RawArticle seed = TestPipelines.seed("003_a64ae466073c5232.txt");

        raw.pipeInput(key(seed.getId()), NewsSerdes.rawCodec().encode(seed));

        assertThat(read(TOPICS.enriched().name())).hasSize(1);
        articleTopics.keySet().stream().filter(topic -> !topic.equals(TOPICS.enriched().name()))
                .forEach(topic -> assertThat(read(topic)).as(topic).isEmpty());
    }

    private static EnrichedArticle previous(RawArticle raw, String label) {
        return EnrichedArticle.newBuilder().setId(raw.getId()).setSource(raw.getSource()).setTitle(raw.getTitle())
                .setBody(raw.getBody()).setFetchedAt(raw.getFetchedAt()).setProcessedAt(NOW.minusSeconds(86_400)).setVersion(1)
                .setLanguage(io.newsroute.schema.LanguageInfo.newBuilder().setCode("de").setConfidence(1).build())
                .setLabels(List.of(Label.newBuilder().setName(label).setScore(0.9).build()))
                .setScores(Map.of(label, 0.9)).setFacts(io.newsroute.schema.Facts.newBuilder().build())
                .setModelVersion("old").setPipelineVersion("old").build();
    }

    private List<KeyValue<String, EnrichedArticle>> read(String topic) {
        return articleTopics.get(topic).readKeyValuesToList();
    }

    private DeadLetter singleDeadLetter(String expectedKey) {
        List<KeyValue<byte[], DeadLetter>> letters = dlq.readKeyValuesToList();
        assertThat(letters).hasSize(1);
        assertThat(new String(letters.get(0).key, StandardCharsets.UTF_8)).isEqualTo(expectedKey);
        DeadLetter letter = letters.get(0).value;
        assertThat(letter.getFailedAt()).isEqualTo(NOW);
        assertThat(letter.getErrorClass()).isNotBlank();
        return letter;
    }

    private void assertCoordinates(DeadLetter letter, long offset) {
        assertThat(letter.getTopic()).isEqualTo(TOPICS.raw().name());
        assertThat(letter.getPartition()).isZero();
        assertThat(letter.getOffset()).isEqualTo(offset);
    }

    private void assertNoArticles() {
        articleTopics.forEach((name, topic) -> assertThat(topic.isEmpty()).as(name).isTrue());
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
