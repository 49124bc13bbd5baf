package io.newsroute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.schema.topic.TopicSpec;
import io.newsroute.testsupport.KafkaExtension;
import io.newsroute.testsupport.TopicReader;

/** The producer against a real (embedded KRaft) broker: keys, idempotent ids, wire format, failures. */
class RawArticleProducerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void seedsSentTwiceKeepTheirKeysAndDecodeAsRawArticles() {
        TopicSpec raw = NewsTopics.of("it-seeds.", 3, (short) 1, Duration.ofHours(1).toMillis()).raw();
        KAFKA.createTopics(List.of(raw));

        List<RawArticle> first = readSeeds(Instant.parse("2024-01-01T00:00:00Z"));
        List<RawArticle> second = readSeeds(Instant.parse("2024-01-02T00:00:00Z"));
        assertThat(first).hasSize(5);
        try (RawArticleProducer producer = new RawArticleProducer(clientConfig(), raw)) {
            first.forEach(producer::send);
            producer.flush();
            assertThat(producer.sent()).isEqualTo(5);
            second.forEach(producer::send);
            producer.flush();
            assertThat(producer.sent()).isEqualTo(10);
        }

        List<ConsumerRecord<String, byte[]>> records = consumeAll(raw, 10);
        assertThat(records).hasSize(10);
        Map<String, List<ConsumerRecord<String, byte[]>>> byKey = records.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key));
        assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(first.stream().map(RawArticle::getId).toList());
        Map<String, RawArticle> sent = first.stream().collect(Collectors.toMap(RawArticle::getId, Function.identity()));
        byKey.forEach((key, sameKey) -> {
            assertThat(sameKey).hasSize(2);
            // same key, same partition: re-ingesting is an update of the same article, in order
            assertThat(sameKey).extracting(ConsumerRecord::partition).containsOnly(sameKey.get(0).partition());
            List<RawArticle> decoded = sameKey.stream().map(r -> NewsSerdes.rawCodec().decode(r.value())).toList();
            assertThat(decoded).allSatisfy(a -> {
                assertThat(a.getId()).isEqualTo(key);
                assertThat(a.getTitle()).isEqualTo(sent.get(key).getTitle());
                assertThat(a.getBody()).isEqualTo(sent.get(key).getBody());
                assertThat(a.getPublishedAt()).isEqualTo(sent.get(key).getPublishedAt());
            });
            assertThat(decoded).extracting(RawArticle::getFetchedAt)
                    .containsExactly(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-02T00:00:00Z"));
        });
        assertThat(records).extracting(r -> NewsSerdes.rawCodec().decode(r.value()).getTitle())
                .contains("Ausfälle bei Amazon und Sony - steckt Skynet dahinter?");
    }

    @Test
    void ingestorReportsArticlesAcknowledgedByTheBroker() {
        TopicSpec raw = NewsTopics.of("it-ingestor.", 1, (short) 1, Duration.ofHours(1).toMillis()).raw();
        KAFKA.createTopics(List.of(raw));
        try (RawArticleProducer producer = new RawArticleProducer(clientConfig(), raw)) {
            IngestReport report = new Ingestor(new ArticleReader(Clock.systemUTC()), producer)
                    .ingest(List.of(SeedArticlesTest.SEEDS));
            assertThat(report.articles()).isEqualTo(5);
            assertThat(report.problems()).isEmpty();
            assertThat(producer.sent()).isEqualTo(5);
        }
        assertThat(consumeAll(raw, 5)).hasSize(5);
    }

    @Test
    void missingTopicFailsTheFlushNamingTheArticle() {
        TopicSpec missing = NewsTopics.of("it-missing.", 1, (short) 1, 1000).raw();
        Map<String, Object> config = clientConfig();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
        RawArticle article = readSeeds(Instant.now()).get(0);
        try (RawArticleProducer producer = new RawArticleProducer(config, missing)) {
            producer.send(article);
            assertThatThrownBy(producer::flush).isInstanceOf(IngestException.class)
                    .hasMessageContaining("article " + article.getId())
                    .hasMessageContaining("it-missing.raw");
            assertThat(producer.sent()).isZero();
        }
    }

    private static Map<String, Object> clientConfig() {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return config;
    }

    private static List<RawArticle> readSeeds(Instant now) {
        List<RawArticle> articles = new ArrayList<>();
        List<IngestProblem> problems = new ArrayList<>();
        new ArticleReader(Clock.fixed(now, ZoneOffset.UTC)).read(SeedArticlesTest.SEEDS, articles::add, problems::add);
        assertThat(problems).isEmpty();
        return articles;
    }

    private static List<ConsumerRecord<String, byte[]>> consumeAll(TopicSpec topic, int expected) {
        return TopicReader.readAll(KAFKA.bootstrapServers(), topic.name(), new StringDeserializer(),
                new ByteArrayDeserializer(), expected, TIMEOUT);
    }
}
