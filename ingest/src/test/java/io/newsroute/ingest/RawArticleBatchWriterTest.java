package io.newsroute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;

class RawArticleBatchWriterTest {
    private final List<MockProducer<String, RawArticle>> made = new ArrayList<>();
    private final RawArticleBatchWriter writer = new RawArticleBatchWriter(() -> {
        MockProducer<String, RawArticle> mock = new MockProducer<>(true, null, new StringSerializer(), NewsSerdes.rawArticle());
        made.add(mock);
        return new RawArticleProducer(mock, NewsTopics.defaults().raw());
    });

    @Test
    void writesEveryBatchOnOneProducerWhileNothingFails() {
        writer.write(List.of(article("a"), article("b")));
        writer.write(List.of(article("c")));
        assertThat(made).hasSize(1);
        assertThat(made.get(0).history()).extracting(r -> r.key()).containsExactly("a", "b", "c");
        assertThat(writer.renewals()).isZero();
    }

    @Test
    void aFailedBatchIsReportedAndTheNextBatchGoesThroughOnAFreshProducer() {
        writer.write(List.of(article("first")));
        made.get(0).sendException = new TimeoutException("Topic news.raw not present in metadata after 60000 ms.");
        assertThatThrownBy(() -> writer.write(List.of(article("lost-1"), article("lost-2"))))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("lost-1").hasMessageContaining("TimeoutException");
        assertThat(made.get(0).closed()).as("the failed producer is closed").isTrue();

        writer.write(List.of(article("lost-1"), article("lost-2"))); // the client's retry
        assertThat(made).hasSize(2);
        assertThat(made.get(1).history()).extracting(r -> r.key()).containsExactly("lost-1", "lost-2");
        assertThat(writer.renewals()).isEqualTo(1);
    }

    @Test
    void aProducerThatCannotBeCreatedIsAnIngestErrorAndIsTriedAgainNextTime() {
        int[] calls = {0};
        RawArticleBatchWriter flaky = new RawArticleBatchWriter(() -> {
            if (calls[0]++ == 0) {
                throw new org.apache.kafka.common.KafkaException("Failed to construct kafka producer");
            }
            MockProducer<String, RawArticle> mock = new MockProducer<>(true, null, new StringSerializer(), NewsSerdes.rawArticle());
            made.add(mock);
            return new RawArticleProducer(mock, NewsTopics.defaults().raw());
        });
        assertThatThrownBy(() -> flaky.write(List.of(article("x")))).isInstanceOf(IngestException.class)
                .hasMessage("could not create a Kafka producer: Failed to construct kafka producer");
        flaky.write(List.of(article("x")));
        assertThat(made.get(0).history()).hasSize(1);
    }

    @Test
    void closeClosesTheCurrentProducerAndLaterWritesFail() {
        writer.write(List.of(article("a")));
        writer.close();
        assertThat(made.get(0).closed()).isTrue();
        assertThatThrownBy(() -> writer.write(List.of(article("b")))).isInstanceOf(IngestException.class)
                .hasMessage("the article writer is closed");
        writer.close();
    }

    private static RawArticle article(String id) {
        return RawArticleProducerTest.article(id);
    }
}
