package io.newsroute.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsroute.schema.BreachFacts;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Entity;
import io.newsroute.schema.Facts;
import io.newsroute.schema.Labels;
import io.newsroute.schema.OutageFacts;
import io.newsroute.schema.StockFacts;
import org.junit.jupiter.api.Test;

class ArticleDocumentTest {

    private static EnrichedArticle fullArticle() {
        EnrichedArticle article = TestArticles.article("a1", "de", "Ausfälle bei AWS",
                "Die Ausfälle der Cloud trafen viele Kunden.", 1_000L, Labels.CLOUD_OUTAGE, Labels.STOCK_COMMENTARY);
        article.setEntities(List.of(
                Entity.newBuilder().setText("AWS").setType("ORG").setNormalized("aws").setField("title")
                        .setStart(13).setEnd(16).build(),
                Entity.newBuilder().setText("Amazon Web Services").setType("ORG").setNormalized("aws")
                        .setField("body").setStart(0).setEnd(5).build(),
                Entity.newBuilder().setText("AMZN").setType("TICKER").setNormalized("AMZN").setField("body")
                        .setStart(0).setEnd(4).build()));
        article.setFacts(Facts.newBuilder()
                .setOutage(OutageFacts.newBuilder().setProvider("aws").setRegions(List.of("us-east-1"))
                        .setServices(List.of("EC2", "S3")).setStart(Instant.parse("2024-05-01T08:00:00Z"))
                        .setDurationMinutes(90L).build())
                .setBreach(BreachFacts.newBuilder().setVictim("Sony").setRecordsAffected(77_000_000L).build())
                .setStock(StockFacts.newBuilder().setCompany("Amazon").setTicker("AMZN").setPrice(181.5)
                        .setChangePercent(Double.NaN).setCurrency("USD").build())
                .build());
        article.setStoryId("story-1");
        return article;
    }

    @Test
    void mapsTheCoreFields() {
        Map<String, Object> doc = ArticleDocument.of(fullArticle());

        assertThat(doc).containsEntry("id", "a1")
                .containsEntry("url", "https://news.example/a1")
                .containsEntry("source", "example")
                .containsEntry("title", "Ausfälle bei AWS")
                .containsEntry("language", "de")
                .containsEntry("languageConfidence", 0.95)
                .containsEntry("publishedAt", TestArticles.PUBLISHED.plusSeconds(1_000).toString())
                .containsEntry("fetchedAt", "2024-05-01T10:16:30Z")
                .containsEntry("modelVersion", "model-test")
                .containsEntry("pipelineVersion", "pipeline-test")
                .containsEntry("version", 1_000L)
                .containsEntry("storyId", "story-1")
                .containsEntry("labels", List.of(Labels.CLOUD_OUTAGE, Labels.STOCK_COMMENTARY))
                .containsEntry("entities", List.of("aws", "AMZN"))
                .containsEntry("entityTypes", List.of("ORG", "TICKER"))
                .doesNotContainKey("duplicateOf")
                .doesNotContainKey("languageRunnerUp");
        assertThat(doc.get("scores")).isEqualTo(Map.of(
                Labels.CLOUD_OUTAGE, 0.9, Labels.SECURITY_BREACH, 0.1, Labels.STOCK_COMMENTARY, 0.9));
        assertThat(doc.get("evidence")).isEqualTo(Map.of(
                Labels.CLOUD_OUTAGE, List.of("Ausfälle"), Labels.STOCK_COMMENTARY, List.of("Ausfälle")));
    }

    @Test
    void putsTextIntoTheFieldsOfTheArticleLanguage() {
        Map<String, Object> doc = ArticleDocument.of(fullArticle());

        assertThat(doc).containsEntry("body_de", "Die Ausfälle der Cloud trafen viele Kunden.")
                .containsEntry("title_de", "Ausfälle bei AWS")
                .doesNotContainKeys("body_en", "body_nl");
    }

    @Test
    void unsupportedLanguageGetsOnlyTheStandardFields() {
        Map<String, Object> doc = ArticleDocument.of(TestArticles.article("x", "und", "t", "b", 1));

        assertThat(doc).containsEntry("body", "b").containsEntry("language", "und");
        assertThat(doc.keySet()).noneMatch(k -> k.startsWith("body_") || k.startsWith("title_"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void mapsFactsAndLeavesOutNullsAndNonFiniteNumbers() {
        Map<String, Object> facts = (Map<String, Object>) ArticleDocument.of(fullArticle()).get("facts");

        assertThat((Map<String, Object>) facts.get("outage"))
                .containsEntry("provider", "aws")
                .containsEntry("regions", List.of("us-east-1"))
                .containsEntry("services", List.of("EC2", "S3"))
                .containsEntry("start", "2024-05-01T08:00:00Z")
                .containsEntry("durationMinutes", 90L)
                .doesNotContainKeys("cause", "end", "affectedCustomers");
        assertThat((Map<String, Object>) facts.get("breach"))
                .containsEntry("victim", "Sony").containsEntry("recordsAffected", 77_000_000L);
        assertThat((Map<String, Object>) facts.get("stock"))
                .containsEntry("ticker", "AMZN").containsEntry("price", 181.5)
                .doesNotContainKey("changePercent");
    }

    @Test
    void articleWithoutFactsHasNoFactsObject() {
        assertThat(ArticleDocument.of(TestArticles.article("x", "en", "t", "b", 1))).doesNotContainKey("facts");
    }

    /** The mapping is dynamic:strict: every field the mapper writes must be mapped, or OpenSearch rejects it. */
    @Test
    void everyDocumentFieldIsInTheMapping() {
        List<String> missing = new ArrayList<>();
        JsonNode properties = NewsIndex.mappingJson().get("properties");
        for (String language : List.of("de", "nl", "en", "fr", "und")) {
            collectUnmapped(ArticleDocument.of(withLanguage(fullArticle(), language)), properties, "", missing);
        }
        assertThat(missing).isEmpty();
        assertThat(properties.path("body_de").path("analyzer").asText()).isEqualTo("german");
        assertThat(properties.path("body_nl").path("analyzer").asText()).isEqualTo("dutch");
        assertThat(properties.path("body_en").path("analyzer").asText()).isEqualTo("english");
        assertThat(properties.path("body").path("analyzer").asText()).isEqualTo("standard");
        assertThat(NewsIndex.mappingJson().path("dynamic").asText()).isEqualTo("strict");
    }

    private static EnrichedArticle withLanguage(EnrichedArticle article, String language) {
        article.getLanguage().setCode(language);
        return article;
    }

    @SuppressWarnings("unchecked")
    private static void collectUnmapped(Map<String, Object> doc, JsonNode properties, String prefix,
                                        List<String> missing) {
        for (Map.Entry<String, Object> field : doc.entrySet()) {
            JsonNode mapping = properties.get(field.getKey());
            if (mapping == null) {
                missing.add(prefix + field.getKey());
            } else if (field.getValue() instanceof Map<?, ?> nested) {
                collectUnmapped((Map<String, Object>) nested, mapping.path("properties"), prefix + field.getKey() + ".",
                        missing);
            }
        }
    }
}
