package io.newsroute.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.schema.topic.TopicSpec;

class NewsTopicsTest {
    @Test
    void defaultNamesFollowTheDesign() {
        NewsTopics topics = NewsTopics.defaults();
        assertThat(topics.all()).extracting(TopicSpec::name).containsExactly(
                "news.raw", "news.enriched", "news.cloud-outage", "news.security-breach",
                "news.stock-commentary", "news.unclassified", "news.dlq");
        assertThat(topics.enriched().configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.raw().partitions()).isEqualTo(6);
    }

    @Test
    void unknownLabelAndBadPrefixAreRejected() {
        assertThatThrownBy(() -> NewsTopics.defaults().label("weather")).hasMessageContaining("unknown label 'weather'");
        assertThatThrownBy(() -> NewsTopics.of("news/", 1, (short) 1, 1)).hasMessageContaining("prefix");
    }
}
