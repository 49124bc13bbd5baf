package io.newsroute.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.newsroute.app.Replay;
import io.newsroute.classify.ArticlePipeline;
import io.newsroute.classify.ClassifyConfig;
import io.newsroute.classify.ClassifyTopology;
import io.newsroute.embedded.EmbeddedConnect;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Label;
import io.newsroute.schema.Labels;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.testsupport.KafkaExtension;
import io.newsroute.testsupport.OpenSearchExtension;
import io.newsroute.testsupport.Wait;

/**
 * Replay with a new model from a point in time: the live application (an "old model" that labels
 * nothing) processes 1,000 articles; {@link Replay} then reprocesses the 600 newer than the replay time
 * under the new model's application id. news.enriched and the index converge to the new model's output
 * for exactly those 600, keep the old output for the 400 older ones, and the index has no duplicates.
 */
class ReplayIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final int OLD = 400;
    private static final int NEW = 600;

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension
    static final OpenSearchExtension SEARCH = new OpenSearchExtension();

    @TempDir
    static Path dir;

    @Test
    void replayFromATimeConvergesTopicsAndIndexToTheNewModelWithoutDuplicates() throws Exception {
        NewsTopics topics = NewsTopics.of("replay.", 6, (short) 1, NewsTopics.DEFAULT_RETENTION_MS);
        KAFKA.createTopics(topics);
        Map<String, Object> neverLabel = new HashMap<>();
        for (String key : new String[] {ClassifyConfig.THRESHOLD_CLOUD_OUTAGE, ClassifyConfig.THRESHOLD_SECURITY_BREACH,
            ClassifyConfig.THRESHOLD_STOCK_COMMENTARY}) {
            neverLabel.put(key, 1.0);
        }
        ClassifyConfig oldConfig = ClassifyApp.config("newsroute-classify", neverLabel);
        ArticlePipeline oldModel = ArticlePipeline.create(oldConfig);
        Instant now = Instant.now();
        Instant replayFrom = now.minus(Duration.ofMinutes(30));
        try (EmbeddedConnect connect = SinkChain.connect(KAFKA.bootstrapServers(), dir);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer())) {
            SinkChain.startConnector(connect, "replay-sink", topics, SEARCH.httpUrl(), Map.of());
            for (int n = 0; n < OLD + NEW; n++) {
                long timestamp = (n < OLD ? now.minus(Duration.ofHours(2)) : now.minus(Duration.ofMinutes(10))).toEpochMilli();
                producer.send(new ProducerRecord<>(topics.raw().name(), null, timestamp, Articles.id("r", n).getBytes(StandardCharsets.UTF_8),
                        Articles.encode(Articles.article("r", n))));
            }
            producer.flush();
            Ledger ledger = new Ledger(KAFKA.bootstrapServers());
            try (ClassifyApp live = ClassifyApp.start(oldModel, oldConfig, topics, KAFKA.bootstrapServers(), dir.resolve("live"), Map.of())) {
                ledger.awaitCommitted(oldConfig.applicationId(), topics.raw().name(), OLD + NEW, TIMEOUT);
            }
            Wait.waitFor(() -> SinkChain.count(SEARCH.httpUrl()), c -> c == OLD + NEW, TIMEOUT, "old model's output indexed");

            ArticlePipeline newModel = ArticlePipeline.create(ClassifyApp.config("unused", Map.of()));
            ClassifyConfig newConfig = ClassifyApp.config(Replay.applicationId(newModel.modelVersion()), Map.of());
            Map<TopicPartition, Long> start = Replay.run(newModel, newConfig, topics, KAFKA.bootstrapServers(), Map.of(),
                    dir.resolve("replay"), Optional.of(replayFrom), true, TIMEOUT, ClassifyTopology.LabelOutput.CHANGED);
            assertThat(start.values().stream().mapToLong(Long::longValue).sum()).as("records before the replay time are skipped")
                    .isEqualTo(OLD);

            // news.enriched: the old output once per article, the new output once more for the replayed ones
            Map<String, EnrichedArticle> latest = new HashMap<>();
            Map<String, Long> perKey = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : ledger.read(topics.enriched().name(), TIMEOUT)) {
                latest.put(record.key(), NewsSerdes.enrichedCodec().decode(record.value()));
                perKey.merge(record.key(), 1L, Long::sum);
            }
            int labelled = 0;
            for (int n = 0; n < OLD + NEW; n++) {
                String id = Articles.id("r", n);
                assertThat(perKey.get(id)).as("records of %s", id).isEqualTo(n < OLD ? 1L : 2L);
                EnrichedArticle expected = (n < OLD ? oldModel : newModel).process(Articles.article("r", n), Instant.now());
                assertThat(labels(latest.get(id))).as("labels of %s", id).isEqualTo(labels(expected));
                labelled += n >= OLD && !expected.getLabels().isEmpty() ? 1 : 0;
            }
            assertThat(labelled).as("the new model changes something").isPositive();

            // label topics: only what the replay added (the old model labelled nothing, so every label is new);
            // unclassified: the live run's 1,000 and nothing again from the replay
            int newLabels = 0;
            for (int n = OLD; n < OLD + NEW; n++) {
                newLabels += latest.get(Articles.id("r", n)).getLabels().size();
            }
            int labelRecords = 0;
            for (String label : Labels.ALL) {
                labelRecords += ledger.read(topics.label(label).name(), TIMEOUT).size();
            }
            assertThat(labelRecords).as("label-topic records: one per label an article gained").isEqualTo(newLabels);
            assertThat(ledger.read(topics.unclassified().name(), TIMEOUT)).as("unclassified: the live run only").hasSize(OLD + NEW);

            // the index: one document per article, each at the version of its latest output
            Map<String, Long> expectedVersions = latest.values().stream()
                    .collect(Collectors.toMap(EnrichedArticle::getId, EnrichedArticle::getVersion));
            Wait.waitFor(() -> SinkChain.versions(SEARCH.httpUrl()), expectedVersions::equals, TIMEOUT, "index converged to the new output");
            assertThat(SinkChain.count(SEARCH.httpUrl())).isEqualTo(OLD + NEW);

            Map<String, Object> report = new LinkedHashMap<>();
            report.put("sent", OLD + NEW);
            report.put("replayFrom", replayFrom.toString());
            report.put("replayed", NEW);
            report.put("newlyLabelledByReplay", labelled);
            report.put("received", Map.of("enrichedRecords", perKey.values().stream().mapToLong(Long::longValue).sum(),
                    "indexedDocuments", OLD + NEW));
            report.put("deadLettered", ledger.read(topics.dlq().name(), TIMEOUT).size());
            Report.write("replay", report);
        }
    }

    private static Set<String> labels(EnrichedArticle article) {
        return article.getLabels().stream().map(Label::getName).collect(Collectors.toSet());
    }
}
