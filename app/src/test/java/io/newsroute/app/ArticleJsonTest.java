package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Entity;
import io.newsroute.schema.Evidence;
import io.newsroute.schema.Facts;
import io.newsroute.schema.LanguageInfo;
import io.newsroute.schema.OutageFacts;
import io.newsroute.schema.StockFacts;
import io.newsroute.schema.serde.AvroTrust;

class ArticleJsonTest {
    static {
        AvroTrust.install();
    }

    @Test
    void entitiesAndFactsAreInTheJson() throws Exception {
        Evidence span = Evidence.newBuilder().setField("body").setStart(4).setEnd(7).setText("AWS").setConcept("outage.provider").build();
        EnrichedArticle article = EnrichedArticle.newBuilder()
                .setId("a1").setSource("s").setTitle("AWS-Störung").setBody("Bei AWS fiel DynamoDB aus.")
                .setFetchedAt(Instant.ofEpochMilli(1)).setProcessedAt(Instant.ofEpochMilli(2)).setVersion(2)
                .setLanguage(LanguageInfo.newBuilder().setCode("de").setConfidence(0.9).build())
                .setLabels(List.of()).setScores(Map.of())
                .setEntities(List.of(Entity.newBuilder().setText("AWS").setType("ORG").setNormalized("aws")
                        .setField("body").setStart(4).setEnd(7).build()))
                .setFacts(Facts.newBuilder()
                        .setOutage(OutageFacts.newBuilder().setProvider("aws").setServices(List.of("dynamodb"))
                                .setDurationMinutes(240L).setEvidence(List.of(span)).build())
                        .setStock(StockFacts.newBuilder().setCompany("Amazon").setPrice(195.52).setCurrency("EUR")
                                .setChangePercent(1.7).setDirection("up").build())
                        .build())
                .setModelVersion("m1").setPipelineVersion("p1")
                .build();

        JsonNode json = new ObjectMapper().readTree(ArticleJson.toLine(ArticleJson.of(article, List.of())));

        assertThat(json.get("entities")).hasSize(1);
        assertThat(json.get("entities").get(0).get("normalized").asText()).isEqualTo("aws");
        assertThat(json.get("entities").get(0).get("start").asInt()).isEqualTo(4);
        JsonNode outage = json.get("facts").get("outage");
        assertThat(outage.get("provider").asText()).isEqualTo("aws");
        assertThat(outage.get("services").get(0).asText()).isEqualTo("dynamodb");
        assertThat(outage.get("durationMinutes").asLong()).isEqualTo(240L);
        assertThat(outage.has("cause")).as("null fields are left out").isFalse();
        assertThat(outage.get("evidence").get(0).get("text").asText()).isEqualTo("AWS");
        assertThat(outage.get("evidence").get(0).get("concept").asText()).isEqualTo("outage.provider");
        assertThat(json.get("facts").get("stock").get("price").asDouble()).isEqualTo(195.52);
        assertThat(json.get("facts").get("stock").get("changePercent").asDouble()).isEqualTo(1.7);
        assertThat(json.get("facts").has("breach")).isFalse();
    }
}
