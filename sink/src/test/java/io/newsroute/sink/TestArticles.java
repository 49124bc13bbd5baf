package io.newsroute.sink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Evidence;
import io.newsroute.schema.Facts;
import io.newsroute.schema.Label;
import io.newsroute.schema.Labels;
import io.newsroute.schema.LanguageInfo;
import io.newsroute.schema.serde.AvroTrust;
import io.newsroute.schema.serde.NewsSerdes;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/** Builds enriched articles and sink records for tests. */
final class TestArticles {
    static final String TOPIC = "news.enriched";
    static final Instant PUBLISHED = Instant.parse("2024-05-01T10:15:30Z");

    static {
        AvroTrust.install();
    }

    private TestArticles() {
    }

    /** An article with the given labels (score 0.9 each, one evidence span) and 0.1 for the others. */
    static EnrichedArticle article(String id, String language, String title, String body, long version,
                                   String... labels) {
        List<Label> labelList = new ArrayList<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String name : Labels.ALL) {
            scores.put(name, 0.1);
        }
        for (String name : labels) {
            scores.put(name, 0.9);
            String evidence = title.split("\\s+")[0];
            labelList.add(Label.newBuilder().setName(name).setScore(0.9)
                    .setEvidence(List.of(Evidence.newBuilder().setField("title").setStart(0)
                            .setEnd(evidence.length()).setText(evidence).build()))
                    .build());
        }
        return EnrichedArticle.newBuilder()
                .setId(id)
                .setUrl("https://news.example/" + id)
                .setSource("example")
                .setTitle(title)
                .setBody(body)
                .setPublishedAt(PUBLISHED.plusSeconds(version % 100_000))
                .setFetchedAt(PUBLISHED.plusSeconds(60))
                .setLanguage(LanguageInfo.newBuilder().setCode(language).setConfidence(0.95).build())
                .setLabels(labelList)
                .setScores(scores)
                .setFacts(Facts.newBuilder().build())
                .setModelVersion("model-test")
                .setPipelineVersion("pipeline-test")
                .setProcessedAt(PUBLISHED.plusSeconds(120))
                .setVersion(version)
                .build();
    }

    static SinkRecord record(EnrichedArticle article, long offset) {
        return record(article.getId(), NewsSerdes.enrichedCodec().encode(article), offset);
    }

    static SinkRecord record(String key, byte[] value, long offset) {
        return new SinkRecord(TOPIC, 0, Schema.OPTIONAL_STRING_SCHEMA, key, Schema.OPTIONAL_BYTES_SCHEMA, value,
                offset);
    }
}
