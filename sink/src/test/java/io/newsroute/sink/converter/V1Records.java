package io.newsroute.sink.converter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;

import io.newsroute.schema.serde.SchemaHistory;

/** Records as producers of an older release wrote them: single-object encoding with an old writer schema. */
final class V1Records {
    private V1Records() {
    }

    /** {@code record} in single-object encoding with {@code writer}'s fingerprint. */
    static byte[] encode(Schema writer, GenericRecord record) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
            return Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An EnrichedArticle of the released v1 schema: a Google Cloud outage in europe-west3, German. */
    static byte[] enrichedArticle(String id, List<String> services) {
        Schema v1 = SchemaHistory.load("EnrichedArticle").get(0);
        Schema outageSchema = v1.getField("facts").schema().getField("outage").schema().getTypes().get(1);
        GenericRecord outage = new GenericData.Record(outageSchema);
        outage.put("provider", "gcp");
        outage.put("regions", List.of("europe-west3"));
        outage.put("services", services);
        outage.put("affectedCustomers", List.of());
        GenericRecord facts = new GenericData.Record(v1.getField("facts").schema());
        facts.put("outage", outage);
        GenericRecord language = new GenericData.Record(v1.getField("language").schema());
        language.put("code", "de");
        language.put("confidence", 0.9);
        language.put("classificationSupported", true);
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", id);
        old.put("source", "feed");
        old.put("title", "Google-Cloud-Ausfall in Frankfurt");
        old.put("body", "Cloud SQL war in europe-west3 nicht erreichbar.");
        old.put("fetchedAt", 1_700_000_000_000L);
        old.put("language", language);
        old.put("labels", List.of());
        old.put("scores", Map.of("cloud-outage", 0.88));
        old.put("entities", List.of());
        old.put("facts", facts);
        old.put("modelVersion", "m0");
        old.put("pipelineVersion", "p0");
        old.put("processedAt", 1_700_000_001_000L);
        old.put("version", 1_700_000_001_000L);
        return encode(v1, old);
    }
}
