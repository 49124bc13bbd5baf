package io.newsroute.sink.converter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.newsroute.schema.BreachFacts;
import io.newsroute.schema.DeadLetter;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Entity;
import io.newsroute.schema.Evidence;
import io.newsroute.schema.Facts;
import io.newsroute.schema.Label;
import io.newsroute.schema.LanguageInfo;
import io.newsroute.schema.OutageFacts;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.StockFacts;
import io.newsroute.schema.serde.AvroTrust;

/** Realistic records of the three types, as the pipeline writes them. */
final class Articles {
    static final Instant PUBLISHED = Instant.parse("2025-10-20T07:55:00Z");

    static {
        AvroTrust.install();
    }

    private Articles() {
    }

    private static Evidence evidence(String field, int start, String text, String concept, double weight) {
        return Evidence.newBuilder().setField(field).setStart(start).setEnd(start + text.length()).setText(text)
                .setConcept(concept).setWeight(weight).build();
    }

    /** An outage article with labels, evidence, entities, outage facts and stock facts. */
    static EnrichedArticle outage(String id, int n) {
        String title = "AWS-Störung in us-east-1 legt Signal und Duolingo lahm (" + n + ")";
        String body = "Ein DNS-Fehler bei DynamoDB in der Region us-east-1 hat am Montag zahlreiche Dienste gestört. "
                + "Die Amazon-Aktie (AMZN) notierte an der NASDAQ 1,7 Prozent höher bei 213,04 US-Dollar.";
        return EnrichedArticle.newBuilder()
                .setId(id)
                .setUrl("https://news.example/de/aws-stoerung-" + n)
                .setSource("https://news.example/feed.xml")
                .setTitle(title)
                .setBody(body)
                .setPublishedAt(PUBLISHED.plusSeconds(n))
                .setFetchedAt(PUBLISHED.plusSeconds(60 + n))
                .setLanguage(LanguageInfo.newBuilder().setCode("de").setConfidence(0.98).setRunnerUp("nl")
                        .setRunnerUpConfidence(0.01).setTitleCode("de").setTitleConfidence(0.91).build())
                .setLabels(List.of(
                        Label.newBuilder().setName("cloud-outage").setScore(0.97)
                                .setEvidence(List.of(evidence("title", 0, "AWS-Störung", "outage.event", 2.4),
                                        evidence("body", 4, "DNS-Fehler", "outage.cause", 1.1))).build(),
                        Label.newBuilder().setName("stock-commentary").setScore(0.81)
                                .setEvidence(List.of(evidence("body", 98, "Amazon-Aktie", "market.stock", 1.9))).build()))
                .setScores(new TreeMap<>(Map.of("cloud-outage", 0.97, "security-breach", 0.02, "stock-commentary", 0.81)))
                .setEntities(List.of(
                        Entity.newBuilder().setText("AWS").setType("ORG").setNormalized("aws").setField("title").setStart(0).setEnd(3).build(),
                        Entity.newBuilder().setText("us-east-1").setType("REGION").setNormalized("us-east-1").setField("title")
                                .setStart(15).setEnd(24).build()))
                .setFacts(Facts.newBuilder()
                        .setOutage(OutageFacts.newBuilder().setProvider("aws").setRegions(List.of("us-east-1"))
                                .setServices(List.of("dynamodb")).setAffectedCustomers(List.of("Signal", "Duolingo"))
                                .setCause("dns").setStart(PUBLISHED.minusSeconds(3600)).setDurationMinutes(95L)
                                .setEvidence(List.of(evidence("title", 0, "AWS", "outage.provider", 0))).build())
                        .setStock(StockFacts.newBuilder().setCompany("Amazon").setTicker("AMZN").setExchange("NASDAQ")
                                .setPrice(213.04).setCurrency("USD").setChangePercent(1.7).setDirection("up").build())
                        .build())
                .setModelVersion("lr-2025.10.1")
                .setPipelineVersion("0.1.0")
                .setProcessedAt(PUBLISHED.plusSeconds(61 + n))
                .setVersion(PUBLISHED.plusSeconds(61 + n).toEpochMilli())
                .build();
    }

    /** A breach article without url and publication time: optional fields left null. */
    static EnrichedArticle breach(String id) {
        return EnrichedArticle.newBuilder()
                .setId(id)
                .setSource("samples/seeds/002.txt")
                .setTitle("Datenleck bei Sony: 77 Millionen Konten betroffen")
                .setBody("Angreifer haben Namen, Adressen und möglicherweise Kreditkartendaten erbeutet.")
                .setFetchedAt(PUBLISHED)
                .setLanguage(LanguageInfo.newBuilder().setCode("de").setConfidence(0.99).build())
                .setLabels(List.of(Label.newBuilder().setName("security-breach").setScore(0.93).setEvidence(List.of()).build()))
                .setScores(new TreeMap<>(Map.of("cloud-outage", 0.05, "security-breach", 0.93, "stock-commentary", 0.01)))
                .setFacts(Facts.newBuilder().setBreach(BreachFacts.newBuilder().setVictim("Sony").setAttackType("hack")
                        .setRecordsAffected(77_000_000L).setDataTypes(List.of("personal-data", "payment-card")).build()).build())
                .setModelVersion("lr-2025.10.1")
                .setPipelineVersion("0.1.0")
                .setProcessedAt(PUBLISHED.plusSeconds(5))
                .setVersion(PUBLISHED.plusSeconds(5).toEpochMilli())
                .build();
    }

    static RawArticle raw(String id) {
        return RawArticle.newBuilder()
                .setId(id)
                .setUrl("https://news.example/nl/storing-azure")
                .setSource("https://news.example/nl/feed.xml")
                .setTitle("Storing bij Microsoft Azure treft Europese klanten")
                .setBody("<p>Door een storing in de regio West-Europa waren diensten urenlang onbereikbaar.</p>")
                .setPublishedAt(PUBLISHED)
                .setFetchedAt(PUBLISHED.plusSeconds(30))
                .setLanguageHint("nl")
                .setContentType("text/html")
                .build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setTopic("news.raw").setPartition(3).setOffset(1_234_567L)
                .setKey(ByteBuffer.wrap("article-42".getBytes(StandardCharsets.UTF_8)))
                .setValue(ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x01, 0x7F, 0x00, 0x13}))
                .setValueTruncated(false)
                .setStage("deserialize")
                .setErrorClass("io.newsroute.schema.serde.RecordDecodeException")
                .setErrorMessage("truncated RawArticle (5 bytes)")
                .setFailedAt(PUBLISHED.plusSeconds(2))
                .build();
    }
}
