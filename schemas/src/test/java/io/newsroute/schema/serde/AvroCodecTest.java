package io.newsroute.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

import io.newsroute.schema.DeadLetter;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Facts;
import io.newsroute.schema.Label;
import io.newsroute.schema.LanguageInfo;
import io.newsroute.schema.RawArticle;

class AvroCodecTest {

    private static RawArticle raw() {
        return RawArticle.newBuilder()
                .setId("a1")
                .setUrl("https://example.org/a1")
                .setSource("test")
                .setTitle("Störung bei AWS")
                .setBody("Ausfälle in us-east-1")
                .setPublishedAt(Instant.parse("2025-10-20T08:00:00Z"))
                .setFetchedAt(Instant.parse("2025-10-20T09:00:00Z"))
                .setLanguageHint("de")
                .build();
    }

    @Test
    void rawArticleRoundTripsWithSingleObjectHeader() {
        byte[] bytes = NewsSerdes.rawCodec().encode(raw());
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        RawArticle back = NewsSerdes.rawCodec().decode(bytes);
        assertThat(back).isEqualTo(raw());
        assertThat(back.getContentType()).isEqualTo("text/plain");
    }

    @Test
    void enrichedArticleRoundTrips() {
        EnrichedArticle article = EnrichedArticle.newBuilder()
                .setId("a1").setSource("s").setTitle("t").setBody("b")
                .setFetchedAt(Instant.ofEpochMilli(1)).setProcessedAt(Instant.ofEpochMilli(2)).setVersion(2)
                .setLanguage(LanguageInfo.newBuilder().setCode("de").setConfidence(0.9).build())
                .setLabels(List.of(Label.newBuilder().setName("cloud-outage").setScore(0.8).setEvidence(List.of()).build()))
                .setScores(Map.of("cloud-outage", 0.8, "security-breach", 0.1, "stock-commentary", 0.05))
                .setFacts(Facts.newBuilder().build())
                .setModelVersion("m1").setPipelineVersion("p1")
                .build();
        AvroSerde<EnrichedArticle> serde = NewsSerdes.enrichedArticle();
        assertThat(serde.deserialize("t", serde.serialize("t", article))).isEqualTo(article);
    }

    @Test
    void recordWrittenWithOlderSchemaVersionIsReadByCurrentOne() throws IOException {
        Schema v1;
        try (InputStream in = getClass().getResourceAsStream("/io/newsroute/schema/history/RawArticle-v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        assertThat(v1.getField("contentType")).as("v1 predates contentType").isNull();
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", "old-1");
        old.put("url", null);
        old.put("source", "feed");
        old.put("title", "Datenleck bei Sony");
        old.put("body", "77 Millionen Konten betroffen");
        old.put("publishedAt", null);
        old.put("fetchedAt", 1_300_000_000_000L);
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        byte[] bytes = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());

        RawArticle current = NewsSerdes.rawCodec().decode(bytes);

        assertThat(current.getId()).isEqualTo("old-1");
        assertThat(current.getTitle()).isEqualTo("Datenleck bei Sony");
        assertThat(current.getFetchedAt()).isEqualTo(Instant.ofEpochMilli(1_300_000_000_000L));
        assertThat(current.getContentType()).as("defaulted").isEqualTo("text/plain");
        assertThat(current.getLanguageHint()).isNull();
    }

    @Test
    void enrichedArticleWrittenWithV1SchemaIsReadWithEmptyFactEvidence() throws IOException {
        Schema v1;
        try (InputStream in = getClass().getResourceAsStream("/io/newsroute/schema/history/EnrichedArticle-v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        Schema outageV1 = v1.getField("facts").schema().getField("outage").schema().getTypes().get(1);
        assertThat(outageV1.getField("evidence")).as("v1 facts carry no evidence").isNull();
        GenericRecord outage = new GenericData.Record(outageV1);
        outage.put("provider", "aws");
        outage.put("regions", List.of("us-east-1"));
        outage.put("services", List.of("dynamodb"));
        outage.put("affectedCustomers", List.of());
        outage.put("cause", "dns");
        GenericRecord facts = new GenericData.Record(v1.getField("facts").schema());
        facts.put("outage", outage);
        GenericRecord language = new GenericData.Record(v1.getField("language").schema());
        language.put("code", "de");
        language.put("confidence", 0.9);
        language.put("classificationSupported", true);
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", "old-e1");
        old.put("source", "s");
        old.put("title", "AWS-Störung");
        old.put("body", "DNS-Fehler bei DynamoDB in us-east-1");
        old.put("fetchedAt", 1L);
        old.put("language", language);
        old.put("labels", List.of());
        old.put("scores", Map.of("cloud-outage", 0.9));
        old.put("entities", List.of());
        old.put("facts", facts);
        old.put("modelVersion", "m0");
        old.put("pipelineVersion", "p0");
        old.put("processedAt", 2L);
        old.put("version", 2L);
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        byte[] bytes = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());

        EnrichedArticle current = NewsSerdes.enrichedCodec().decode(bytes);

        assertThat(current.getId()).isEqualTo("old-e1");
        assertThat(current.getFacts().getOutage().getProvider()).isEqualTo("aws");
        assertThat(current.getFacts().getOutage().getRegions()).containsExactly("us-east-1");
        assertThat(current.getFacts().getOutage().getEvidence()).as("defaulted").isEmpty();
        assertThat(current.getFacts().getBreach()).isNull();
    }

    @Test
    void bytesThatAreNotAvroAreRejectedWithAReason() {
        assertThatThrownBy(() -> NewsSerdes.rawCodec().decode("hello world".getBytes()))
                .isInstanceOf(RecordDecodeException.class)
                .hasMessageContaining("not an Avro single-object encoded RawArticle");
    }

    @Test
    void unknownFingerprintIsRejectedWithAReason() {
        byte[] bytes = NewsSerdes.rawCodec().encode(raw());
        bytes[5] ^= 0x5A; // corrupt the fingerprint
        assertThatThrownBy(() -> NewsSerdes.rawCodec().decode(bytes))
                .isInstanceOf(RecordDecodeException.class)
                .hasMessageContaining("unknown writer schema");
    }

    @Test
    void truncatedRecordIsRejectedWithAReason() {
        byte[] bytes = NewsSerdes.rawCodec().encode(raw());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 10);
        assertThatThrownBy(() -> NewsSerdes.rawCodec().decode(truncated))
                .isInstanceOf(RecordDecodeException.class)
                .hasMessageMatching("(truncated|corrupt) RawArticle.*");
    }

    @Test
    void aDeadLetterOfOneTypeIsNotReadAsAnother() {
        DeadLetter letter = DeadLetter.newBuilder().setTopic("news.raw").setPartition(0).setOffset(3)
                .setStage("deserialize").setErrorClass("X").setErrorMessage("m").setFailedAt(Instant.EPOCH).build();
        byte[] bytes = NewsSerdes.deadLetterCodec().encode(letter);
        assertThatThrownBy(() -> NewsSerdes.rawCodec().decode(bytes)).isInstanceOf(RecordDecodeException.class);
        assertThat(NewsSerdes.deadLetterCodec().decode(bytes)).isEqualTo(letter);
    }
}
