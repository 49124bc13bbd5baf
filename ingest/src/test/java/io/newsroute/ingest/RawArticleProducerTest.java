package io.newsroute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;

class RawArticleProducerTest {
    private final MockProducer<String, RawArticle> mock =
            new MockProducer<>(false, null, new StringSerializer(), NewsSerdes.rawArticle());
    private final RawArticleProducer producer = new RawArticleProducer(mock, NewsTopics.defaults().raw());

    @Test
    void sendsKeyedByIdToTheRawTopicAndCountsAcks() {
        producer.send(article("id-1"));
        producer.send(article("id-2"));
        assertThat(producer.sent()).isZero();
        assertThat(mock.completeNext()).isTrue();
        assertThat(mock.completeNext()).isTrue();
        producer.flush();
        assertThat(producer.sent()).isEqualTo(2);
        assertThat(mock.history()).extracting(r -> r.topic() + "/" + r.key()).containsExactly("news.raw/id-1", "news.raw/id-2");
        assertThat(mock.history().get(0).value().getTitle()).isEqualTo("title id-1");
    }

    @Test
    void flushThrowsNamingTheFirstFailedArticleAndSendThenFailsFast() {
        producer.send(article("ok"));
        producer.send(article("bad"));
        mock.completeNext();
        mock.errorNext(new TimeoutException("Topic news.raw not present in metadata after 60000 ms."));
        assertThatThrownBy(producer::flush).isInstanceOf(IngestException.class)
                .hasMessage("sending article bad to topic news.raw failed: TimeoutException: "
                        + "Topic news.raw not present in metadata after 60000 ms.")
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(producer.sent()).isEqualTo(1);
        assertThatThrownBy(() -> producer.send(article("later"))).isInstanceOf(IngestException.class)
                .hasMessageStartingWith("not sending article later: an earlier send failed: sending article bad");
        assertThatThrownBy(producer::flush).isInstanceOf(IngestException.class).hasMessageContaining("article bad");
        assertThat(mock.history()).hasSize(2);
    }

    @Test
    void synchronousSendFailureIsRememberedToo() {
        mock.sendException = new org.apache.kafka.common.errors.SerializationException("cannot serialise");
        producer.send(article("x"));
        assertThatThrownBy(producer::flush).isInstanceOf(IngestException.class)
                .hasMessage("sending article x to topic news.raw failed: SerializationException: cannot serialise");
    }

    @Test
    void closeClosesTheProducer() {
        producer.close();
        assertThat(mock.closed()).isTrue();
    }

    @Test
    void configForcesIdempotenceAndKeepsCallerSettings() {
        Map<String, Object> config = RawArticleProducer.producerConfig(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "some.Other",
                "security.protocol", "SSL"));
        assertThat(config)
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
                .containsEntry("security.protocol", "SSL")
                .doesNotContainKey(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        assertThat(RawArticleProducer.producerConfig(Map.of("bootstrap.servers", "x:1")))
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    @Test
    void realProducerIsBuiltFromTheForcedConfig() {
        // no broker is contacted until the first send; this proves the config is accepted by KafkaProducer
        try (RawArticleProducer real = new RawArticleProducer(Map.of("bootstrap.servers", "127.0.0.1:1"),
                NewsTopics.defaults().raw())) {
            assertThat(real.sent()).isZero();
        }
    }

    static RawArticle article(String id) {
        return RawArticle.newBuilder()
                .setId(id)
                .setUrl(null)
                .setSource("test")
                .setTitle("title " + id)
                .setBody("body")
                .setPublishedAt(null)
                .setFetchedAt(Instant.parse("2024-01-01T00:00:00Z"))
                .setLanguageHint(null)
                .setContentType("text/plain")
                .build();
    }
}
