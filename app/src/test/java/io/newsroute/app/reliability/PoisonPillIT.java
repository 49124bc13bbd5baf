package io.newsroute.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.newsroute.classify.ArticlePipeline;
import io.newsroute.classify.ClassifyConfig;
import io.newsroute.embedded.EmbeddedConnect;
import io.newsroute.schema.DeadLetter;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.testsupport.KafkaExtension;
import io.newsroute.testsupport.OpenSearchExtension;
import io.newsroute.testsupport.Wait;

/**
 * Bad input contained: sixteen kinds of poison among valid articles on the raw topic. Each bad record
 * is dead-lettered exactly once with its stage, error and source coordinates, or processed exactly
 * once when it is actually valid; the stream keeps running; every valid article arrives once; the
 * duplicate flood (one article 10,000 times) is processed 10,000 times and indexed as one document.
 */
class PoisonPillIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final int VALID = 1_000;
    private static final int FLOOD = 10_000;
    private static final int MAX_RAW_BYTES = 25 * 1024 * 1024;

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension
    static final OpenSearchExtension SEARCH = new OpenSearchExtension();

    @TempDir
    static Path dir;

    @Test
    void everyPoisonPillIsDeadLetteredOrProcessedOnceAndTheStreamGoesOn() throws Exception {
        NewsTopics topics = NewsTopics.of("poison.", 6, (short) 1, NewsTopics.DEFAULT_RETENTION_MS);
        KAFKA.createTopics(topics);
        // the 20 MB record must reach the pipeline: raise the raw topic's limit (the broker default is 1 MiB)
        KAFKA.admin().incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topics.raw().name()),
                List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", Integer.toString(MAX_RAW_BYTES)), AlterConfigOp.OpType.SET),
                        new AlterConfigOp(new ConfigEntry("segment.bytes", Integer.toString(2 * MAX_RAW_BYTES)), AlterConfigOp.OpType.SET))))
                .all().get();
        ClassifyConfig config = ClassifyApp.config("reliability-poison", Map.of(
                ClassifyConfig.MAX_TITLE_CHARS, 500, ClassifyConfig.MAX_FIELD_CHARS, 2_048));
        ArticlePipeline pipeline = ArticlePipeline.create(config);

        Map<String, Poison> poisons = poisons();
        try (ClassifyApp app = ClassifyApp.start(pipeline, config, topics, KAFKA.bootstrapServers(), dir.resolve("state"), Map.of());
             EmbeddedConnect connect = SinkChain.connect(KAFKA.bootstrapServers(), dir);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                     ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RAW_BYTES,
                     ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024), new ByteArraySerializer(), new ByteArraySerializer())) {
            SinkChain.startConnector(connect, "poison-sink", topics, SEARCH.httpUrl(), Map.of());
            String raw = topics.raw().name();
            // valid, poison, valid, flood, valid: the valid ones after the poison prove the stream went on
            int valid = 0;
            for (; valid < VALID / 2; valid++) {
                producer.send(validRecord(raw, valid));
            }
            for (Poison poison : poisons.values()) {
                producer.send(new ProducerRecord<>(raw, poison.key(), poison.value())).get();
            }
            for (; valid < VALID * 3 / 4; valid++) {
                producer.send(validRecord(raw, valid));
            }
            byte[] floodValue = Articles.encode(Articles.article("flood", 0));
            for (int i = 0; i < FLOOD; i++) {
                producer.send(new ProducerRecord<>(raw, Articles.id("flood", 0).getBytes(StandardCharsets.UTF_8), floodValue));
            }
            for (; valid < VALID; valid++) {
                producer.send(validRecord(raw, valid));
            }
            producer.flush();
            long total = VALID + FLOOD + poisons.size();

            Ledger ledger = new Ledger(KAFKA.bootstrapServers());
            ledger.awaitCommitted(config.applicationId(), raw, total, TIMEOUT);
            assertThat(app.streams().state()).as("the stream never stops").isEqualTo(KafkaStreams.State.RUNNING);

            // dead letters: exactly one per bad record, with stage, error and source coordinates
            List<DeadLetter> letters = ledger.deadLetters(topics, TIMEOUT);
            Map<String, DeadLetter> byKind = new TreeMap<>();
            for (DeadLetter letter : letters) {
                assertThat(letter.getTopic()).isEqualTo(raw);
                assertThat(letter.getPartition()).isBetween(0, 5);
                assertThat(letter.getOffset()).isNotNegative();
                assertThat(letter.getStage()).isNotBlank();
                assertThat(letter.getErrorClass()).isNotBlank();
                assertThat(letter.getErrorMessage()).isNotBlank();
                String kind = kindOf(letter, poisons);
                assertThat(byKind.put(kind, letter)).as("second dead letter for %s", kind).isNull();
            }
            Set<String> expectedDead = poisons.entrySet().stream().filter(e -> e.getValue().expectedStage() != null)
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(java.util.TreeSet::new));
            assertThat(byKind.keySet()).as("dead-lettered kinds").isEqualTo(expectedDead);
            for (String kind : expectedDead) {
                Poison poison = poisons.get(kind);
                DeadLetter letter = byKind.get(kind);
                assertThat(letter.getStage()).as(kind).isEqualTo(poison.expectedStage());
                assertThat(letter.getErrorMessage()).as(kind).contains(poison.expectedMessage());
            }
            DeadLetter huge = byKind.get("20mb-body");
            assertThat(huge.getValueTruncated()).isTrue();
            assertThat(huge.getValue().remaining()).isLessThan(1_000_000);
            assertThat(byKind.get("not-avro").getValue()).isEqualTo(ByteBuffer.wrap(poisons.get("not-avro").value()));

            // processed: every valid article once, the valid poison kinds once, the flood 10,000 times
            List<ConsumerRecord<String, byte[]>> enriched = ledger.read(topics.enriched().name(), TIMEOUT);
            Map<String, Long> counts = enriched.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(counts.remove(Articles.id("flood", 0))).as("duplicate flood processed").isEqualTo(FLOOD);
            List<String> expectedProcessed = new ArrayList<>(Articles.ids("valid", VALID));
            poisons.values().stream().filter(p -> p.expectedStage() == null).map(Poison::id).forEach(expectedProcessed::add);
            Ledger.assertOnce(topics.enriched().name(), counts.entrySet().stream()
                    .flatMap(e -> java.util.Collections.nCopies(e.getValue().intValue(), e.getKey()).stream()).toList(),
                    Set.copyOf(expectedProcessed));
            Map<String, EnrichedArticle> processed = new LinkedHashMap<>();
            for (ConsumerRecord<String, byte[]> record : enriched) {
                processed.put(record.key(), NewsSerdes.enrichedCodec().decode(record.value()));
            }
            EnrichedArticle html = processed.get(poisons.get("html-script-style").id());
            assertThat(html.getBody()).contains("Server im Rechenzentrum").doesNotContain("alert(").doesNotContain("color:")
                    .doesNotContain("<");
            assertThat(processed.get(poisons.get("unsupported-script").id()).getLanguage().getCode()).isEqualTo("und");
            assertThat(processed.get(poisons.get("invalid-utf8").id()).getTitle()).contains("\uFFFD");

            // the index: one document per distinct processed id, the flood as one
            long distinct = expectedProcessed.size() + 1;
            Wait.waitFor(() -> SinkChain.count(SEARCH.httpUrl()), c -> c == distinct, TIMEOUT, "index holds " + distinct + " documents");
            assertThat(SinkChain.get(SEARCH.httpUrl(), "/news/_count?q=_id:" + Articles.id("flood", 0)).path("count").asLong())
                    .isEqualTo(1);

            Map<String, Object> report = new LinkedHashMap<>();
            report.put("kinds", poisons.size());
            report.put("sent", Map.of("valid", VALID, "poison", poisons.size(), "duplicateFlood", FLOOD, "total", total));
            report.put("received", Map.of("enriched", enriched.size(), "indexedDocuments", distinct));
            report.put("deadLettered", letters.size());
            report.put("deadLettersByKind", byKind.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> e.getValue().getStage() + ": " + e.getValue().getErrorMessage(), (a, b) -> a, TreeMap::new)));
            report.put("processedPoisonKinds", poisons.entrySet().stream().filter(e -> e.getValue().expectedStage() == null)
                    .map(Map.Entry::getKey).sorted().toList());
            Report.write("poison-pills", report);
        }
    }

    private static ProducerRecord<byte[], byte[]> validRecord(String topic, int n) {
        return new ProducerRecord<>(topic, Articles.id("valid", n).getBytes(StandardCharsets.UTF_8),
                Articles.encode(Articles.article("valid", n)));
    }

    /** Matches a dead letter to the poison that caused it: by key, or by error class for the null key. */
    private static String kindOf(DeadLetter letter, Map<String, Poison> poisons) {
        for (Map.Entry<String, Poison> entry : poisons.entrySet()) {
            byte[] key = entry.getValue().key();
            if (key == null ? letter.getKey() == null : letter.getKey() != null && letter.getKey().equals(ByteBuffer.wrap(key))) {
                return entry.getKey();
            }
        }
        throw new AssertionError("dead letter for no known poison: " + letter.getStage() + " " + letter.getErrorMessage());
    }

    /** A bad (or surprising) record; {@code expectedStage} null means it is valid and must be processed. */
    record Poison(String id, byte[] key, byte[] value, String expectedStage, String expectedMessage) {
    }

    private static Map<String, Poison> poisons() {
        Map<String, Poison> poisons = new LinkedHashMap<>();
        Random random = new Random(42);
        byte[] valid = Articles.encode(Articles.article("truncated", 0));
        add(poisons, "not-avro", "this is not an Avro record".getBytes(StandardCharsets.UTF_8), "deserialize", "");
        add(poisons, "truncated-avro", Arrays.copyOf(valid, valid.length / 2), "deserialize", "");
        byte[] unknown = valid.clone();
        for (int i = 2; i < 10; i++) {
            unknown[i] = (byte) random.nextInt(256); // the 8-byte schema fingerprint after the C3 01 marker
        }
        add(poisons, "unknown-fingerprint", unknown, "deserialize", "");
        add(poisons, "header-only", Arrays.copyOf(valid, 10), "deserialize", "");
        byte[] garbage = new byte[4096];
        random.nextBytes(garbage);
        add(poisons, "binary-garbage", garbage, "deserialize", "");
        poisons.put("null-key", new Poison("null-key", null, valid, "deserialize", "null key"));
        poisons.put("null-value", new Poison("p-null-value", "p-null-value".getBytes(StandardCharsets.UTF_8), null, "deserialize", "null value"));
        add(poisons, "empty-title-and-body", raw("p-empty", "", "", "text/plain"), "validate", "empty title and body");
        add(poisons, "blank-id", raw(" ", "Titel", "Text", "text/plain"), "validate", "article id is blank");
        add(poisons, "20mb-body", raw("p-huge", "Huge", "x".repeat(20 * 1024 * 1024), "text/plain"), "validate",
                "more than classify.max.body.chars=");
        add(poisons, "long-title", raw("p-long-title", "T".repeat(600), "Text", "text/plain"), "validate",
                "more than classify.max.title.chars=500");
        RawArticle longUrl = rawArticle("p-long-url", "Titel", "Text", "text/plain");
        longUrl.setUrl("https://news.example/" + "u".repeat(3000));
        add(poisons, "long-url-field", Articles.encode(longUrl), "validate", "url has 3021 chars, more than classify.max.field.chars=2048");
        add(poisons, "invalid-utf8", invalidUtf8(), null, null);
        add(poisons, "html-script-style", raw("p-html", "Ausfall <b>heute</b>",
                "<html><head><style>body { color: red; }</style><script>alert('x')</script></head>"
                        + "<body><p>Server im Rechenzentrum sind ausgefallen.</p><script>document.write('y')</script></body></html>",
                "text/html"), null, null);
        add(poisons, "unsupported-script", raw("p-tibetan", "བོད་ཀྱི་གསར་འགྱུར།",
                "བོད་ཀྱི་གསར་འགྱུར་འདི་ནི་ཚོད་ལྟའི་ཆེད་དུ་ཡིན། བོད་ཡིག་ནི་རྒྱ་ཆེན་པོར་བེད་སྤྱོད་བྱེད།", "text/plain"), null, null);
        return poisons;
    }

    private static void add(Map<String, Poison> poisons, String kind, byte[] value, String stage, String message) {
        String id = "p-" + kind;
        // the processed kinds are keyed by their article id, so that the enriched record can be found by key
        try {
            RawArticle article = NewsSerdes.rawCodec().decode(value);
            if (stage == null) {
                id = article.getId();
            }
        } catch (RuntimeException e) {
            // not decodable: keyed by kind
        }
        poisons.put(kind, new Poison(id, id.getBytes(StandardCharsets.UTF_8), value, stage, message));
    }

    private static RawArticle rawArticle(String id, String title, String body, String contentType) {
        RawArticle article = Articles.article("unused", 0);
        article.setId(id);
        article.setTitle(title);
        article.setBody(body);
        article.setContentType(contentType);
        return article;
    }

    private static byte[] raw(String id, String title, String body, String contentType) {
        return Articles.encode(rawArticle(id, title, body, contentType));
    }

    /** An Avro record whose title bytes are not UTF-8 (0xC3 0x28, 0xFF): the decoder replaces them with U+FFFD. */
    private static byte[] invalidUtf8() {
        byte[] bytes = raw("p-utf8", "Ausfall MARKER1 heute", "Die Cloud ist ausgefallen.", "text/plain");
        byte[] marker = "MARKER1".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
                byte[] bad = {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, 0x41, 0x42, 0x43};
                System.arraycopy(bad, 0, bytes, i, bad.length);
                return bytes;
            }
        }
        throw new IllegalStateException("marker not found");
    }

}
