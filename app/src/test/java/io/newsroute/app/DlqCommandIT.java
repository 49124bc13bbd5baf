package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.newsroute.schema.DeadLetter;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Facts;
import io.newsroute.schema.LanguageInfo;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.testsupport.KafkaExtension;
import io.newsroute.testsupport.TopicReader;

/**
 * {@code ./newsroute dlq list|redrive} against a real broker, on a dead-letter topic holding both kinds of
 * record: the topology's {@link DeadLetter}s and a record Kafka Connect's errant-record reporter wrote.
 */
class DlqCommandIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static final String PREFIX = "dlqit.";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final byte[] GARBAGE = "not avro at all".getBytes(StandardCharsets.UTF_8);

    private static byte[] validRaw;
    private static byte[] enriched;

    @BeforeAll
    static void fill() throws Exception {
        CliRun created = CliRun.of("topics", "create", "--bootstrap-servers", KAFKA.bootstrapServers(), "--prefix", PREFIX,
                "--partitions", "2");
        assertThat(created.exit()).as(created.err()).isZero();

        validRaw = NewsSerdes.rawCodec().encode(RawArticle.newBuilder().setId("a-1").setSource("test").setTitle("Azure down")
                .setBody("Azure had an outage.").setFetchedAt(Instant.parse("2026-11-30T05:00:00Z")).setContentType("text/plain").build());
        enriched = NewsSerdes.enrichedCodec().encode(EnrichedArticle.newBuilder().setId("a-2").setSource("test").setTitle("t")
                .setBody("b").setFetchedAt(Instant.EPOCH).setProcessedAt(Instant.EPOCH).setVersion(0)
                .setLanguage(LanguageInfo.newBuilder().setCode("de").setConfidence(1).build()).setLabels(List.of())
                .setScores(Map.of()).setFacts(Facts.newBuilder().build()).setModelVersion("m").setPipelineVersion("p").build());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(PREFIX + "dlq", key("bad-1"), NewsSerdes.deadLetterCodec().encode(
                    letter("deserialize", "bad-1", GARBAGE, false, null)))).get();
            producer.send(new ProducerRecord<>(PREFIX + "dlq", key("a-1"), NewsSerdes.deadLetterCodec().encode(
                    letter("classify", "a-1", validRaw, false, "a-1")))).get();
            producer.send(new ProducerRecord<>(PREFIX + "dlq", key("a-3"), NewsSerdes.deadLetterCodec().encode(
                    letter("validate", "a-3", new byte[] {1, 2, 3}, true, "a-3")))).get();
            RecordHeaders headers = new RecordHeaders();
            headers.add("__connect.errors.topic", (PREFIX + "enriched").getBytes(StandardCharsets.UTF_8));
            headers.add("__connect.errors.partition", "1".getBytes(StandardCharsets.UTF_8));
            headers.add("__connect.errors.offset", "42".getBytes(StandardCharsets.UTF_8));
            headers.add("__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException"
                    .getBytes(StandardCharsets.UTF_8));
            headers.add("__connect.errors.exception.message", "mapper_parsing_exception: field [entities] of different type"
                    .getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(PREFIX + "dlq", null, key("a-2"), enriched, headers)).get();
        }
    }

    @Test
    void listShowsBothKindsWithStageSourceIdAndReasonAndCountsThem() {
        CliRun list = CliRun.of("dlq", "list", "--bootstrap-servers", KAFKA.bootstrapServers(), "--set", "topics.prefix=" + PREFIX);

        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out())
                .containsPattern("deserialize +dlqit\\.raw-0@7 +- +IllegalArgumentException: not an Avro single-object")
                .containsPattern("classify +dlqit\\.raw-0@8 +a-1 +IllegalStateException: boom")
                .containsPattern("index +dlqit\\.enriched-1@42 +a-2 +DataException: mapper_parsing_exception")
                .contains("4 dead letters in dlqit.dlq: classify 1, deserialize 1, index 1, validate 1. 3 can be sent through again");

        CliRun index = CliRun.of("dlq", "list", "--bootstrap-servers", KAFKA.bootstrapServers(), "--set", "topics.prefix=" + PREFIX,
                "--stage", "index");
        assertThat(index.out()).contains("1 dead letter in dlqit.dlq at stage index: index 1.").doesNotContain("deserialize ");
    }

    @Test
    void redriveSendsTheOriginalRecordsBackWhereTheyAreReprocessedAndADryRunSendsNothing() {
        CliRun dry = CliRun.of("dlq", "redrive", "--dry-run", "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--set", "topics.prefix=" + PREFIX, "--stage", "classify");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("would send 1 to dlqit.raw of 1 dead letter in dlqit.dlq at stage classify; 0 skipped");

        CliRun redrive = CliRun.of("dlq", "redrive", "--bootstrap-servers", KAFKA.bootstrapServers(), "--set", "topics.prefix=" + PREFIX);
        assertThat(redrive.exit()).as(redrive.err()).isZero();
        assertThat(redrive.out()).contains("sent 1 to dlqit.enriched, 2 to dlqit.raw of 4 dead letters in dlqit.dlq; 1 skipped");

        var raw = TopicReader.readAll(KAFKA.bootstrapServers(), PREFIX + "raw", new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), 2, TIMEOUT);
        assertThat(raw).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactlyInAnyOrder("bad-1", "a-1");
        assertThat(raw).filteredOn(r -> new String(r.key(), StandardCharsets.UTF_8).equals("a-1"))
                .singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(validRaw));
        var reindexed = TopicReader.readAll(KAFKA.bootstrapServers(), PREFIX + "enriched", new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), 1, TIMEOUT);
        assertThat(reindexed.get(0).value()).isEqualTo(enriched);
    }

    private static DeadLetter letter(String stage, String key, byte[] value, boolean truncated, String articleId) {
        boolean deserialize = stage.equals("deserialize");
        return DeadLetter.newBuilder().setTopic(PREFIX + "raw").setPartition(0).setOffset(deserialize ? 7 : 8)
                .setKey(ByteBuffer.wrap(key(key))).setValue(ByteBuffer.wrap(value)).setValueTruncated(truncated).setStage(stage)
                .setErrorClass(deserialize ? "java.lang.IllegalArgumentException" : "java.lang.IllegalStateException")
                .setErrorMessage(deserialize ? "not an Avro single-object encoded RawArticle" : "boom")
                .setArticleId(articleId).setFailedAt(Instant.parse("2026-11-30T05:0" + (deserialize ? 1 : 2) + ":00Z")).build();
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }
}
