package io.newsroute.sink.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;

import io.newsroute.schema.DeadLetter;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.serde.SchemaHistory;
import io.newsroute.sink.converter.NewsAvroConverterConfig.RecordType;

class NewsAvroConverterTest {
    private static final String TOPIC = "news.enriched";

    private static NewsAvroConverter converter(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        NewsAvroConverter converter = new NewsAvroConverter();
        converter.configure(props, false);
        return converter;
    }

    private static Struct struct(SchemaAndValue data) {
        assertThat(data.value()).isInstanceOf(Struct.class);
        return (Struct) data.value();
    }

    // ---- round trips ----------------------------------------------------------------------------------

    @Test
    void enrichedArticleBecomesAStructWithEveryFieldAndRoundTripsToTheSameBytes() {
        EnrichedArticle article = Articles.outage("a-1", 1);
        byte[] bytes = NewsSerdes.enrichedCodec().encode(article);
        NewsAvroConverter converter = converter();

        SchemaAndValue data = converter.toConnectData(TOPIC, bytes);

        assertThat(data.schema().name()).isEqualTo("io.newsroute.schema.EnrichedArticle");
        assertThat(data.schema().version()).isEqualTo(2);
        Struct struct = struct(data);
        struct.validate();
        assertThat(struct.getString("id")).isEqualTo("a-1");
        assertThat(struct.getString("title")).isEqualTo(article.getTitle());
        assertThat(struct.get("publishedAt")).isEqualTo(Date.from(article.getPublishedAt()));
        assertThat(struct.getStruct("language").getString("code")).isEqualTo("de");
        assertThat(struct.getStruct("language").getFloat64("runnerUpConfidence")).isEqualTo(0.01);
        assertThat(struct.getStruct("language").getBoolean("classificationSupported")).isTrue();
        List<Struct> labels = struct.getArray("labels");
        assertThat(labels).extracting(l -> l.getString("name")).containsExactly("cloud-outage", "stock-commentary");
        Struct evidence = labels.get(0).<Struct>getArray("evidence").get(1);
        assertThat(evidence.getString("text")).isEqualTo("DNS-Fehler");
        assertThat(evidence.getInt32("start")).isEqualTo(4);
        assertThat(evidence.getString("concept")).isEqualTo("outage.cause");
        assertThat(struct.<String, Double>getMap("scores")).containsExactly(
                Map.entry("cloud-outage", 0.97), Map.entry("security-breach", 0.02), Map.entry("stock-commentary", 0.81));
        assertThat(struct.<Struct>getArray("entities")).extracting(e -> e.getString("normalized")).containsExactly("aws", "us-east-1");
        Struct outage = struct.getStruct("facts").getStruct("outage");
        assertThat(outage.getString("provider")).isEqualTo("aws");
        assertThat(outage.<String>getArray("affectedCustomers")).containsExactly("Signal", "Duolingo");
        assertThat(outage.get("start")).isEqualTo(Date.from(Articles.PUBLISHED.minusSeconds(3600)));
        assertThat(outage.get("end")).isNull();
        assertThat(outage.getInt64("durationMinutes")).isEqualTo(95L);
        assertThat(struct.getStruct("facts").getStruct("breach")).isNull();
        assertThat(struct.getStruct("facts").getStruct("stock").getFloat64("price")).isEqualTo(213.04);
        assertThat(struct.getInt64("version")).isEqualTo(article.getVersion());

        byte[] back = converter.fromConnectData(TOPIC, data.schema(), data.value());

        assertThat(back).isEqualTo(bytes);
        assertThat(NewsSerdes.enrichedCodec().decode(back)).isEqualTo(article);
    }

    @Test
    void rawArticleAndDeadLetterRoundTrip() {
        NewsAvroConverter converter = converter();
        RawArticle raw = Articles.raw("r-1");
        byte[] rawBytes = NewsSerdes.rawCodec().encode(raw);
        DeadLetter letter = Articles.deadLetter();
        byte[] letterBytes = NewsSerdes.deadLetterCodec().encode(letter);

        SchemaAndValue rawData = converter.toConnectData("news.raw", rawBytes);
        SchemaAndValue letterData = converter.toConnectData("news.dlq", letterBytes);

        assertThat(rawData.schema().name()).isEqualTo("io.newsroute.schema.RawArticle");
        assertThat(struct(rawData).getString("contentType")).isEqualTo("text/html");
        assertThat(struct(rawData).getString("languageHint")).isEqualTo("nl");
        assertThat(letterData.schema().name()).isEqualTo("io.newsroute.schema.DeadLetter");
        assertThat(letterData.schema().version()).isEqualTo(1);
        assertThat(struct(letterData).getBytes("key")).isEqualTo("article-42".getBytes(StandardCharsets.UTF_8));
        assertThat(struct(letterData).getBytes("value")).containsExactly(0xC3, 0x01, 0x7F, 0x00, 0x13);
        assertThat(struct(letterData).getInt64("offset")).isEqualTo(1_234_567L);
        assertThat(struct(letterData).get("failedAt")).isEqualTo(Date.from(letter.getFailedAt()));

        assertThat(converter.fromConnectData("news.raw", rawData.schema(), rawData.value())).isEqualTo(rawBytes);
        assertThat(converter.fromConnectData("news.dlq", letterData.schema(), letterData.value())).isEqualTo(letterBytes);
        assertThat(NewsSerdes.deadLetterCodec().decode(letterBytes)).isEqualTo(letter);
    }

    @Test
    void timestampsCanBePlainLongs() {
        EnrichedArticle article = Articles.outage("a-2", 2);
        byte[] bytes = NewsSerdes.enrichedCodec().encode(article);
        NewsAvroConverter converter = converter(NewsAvroConverterConfig.TIMESTAMP_TYPE, "long");

        SchemaAndValue data = converter.toConnectData(TOPIC, bytes);

        assertThat(data.schema().field("fetchedAt").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(data.schema().field("fetchedAt").schema().name()).isNull();
        assertThat(struct(data).getInt64("fetchedAt")).isEqualTo(article.getFetchedAt().toEpochMilli());
        assertThat(converter.fromConnectData(TOPIC, data.schema(), data.value())).isEqualTo(bytes);
    }

    // ---- schemas --------------------------------------------------------------------------------------

    @Test
    void connectSchemaMapsUnionsArraysMapsTimestampsAndDefaults() {
        Schema schema = converter().connectSchema(RecordType.ENRICHED_ARTICLE);

        assertThat(schema.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(schema.isOptional()).isFalse();
        assertThat(schema.doc()).startsWith("An article after classification");
        assertThat(schema.field("url").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("publishedAt").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(schema.field("publishedAt").schema().isOptional()).isTrue();
        assertThat(schema.field("fetchedAt").schema().isOptional()).isFalse();
        assertThat(schema.field("scores").schema().type()).isEqualTo(Schema.Type.MAP);
        assertThat(schema.field("scores").schema().keySchema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(schema.field("scores").schema().valueSchema().type()).isEqualTo(Schema.Type.FLOAT64);
        Schema label = schema.field("labels").schema().valueSchema();
        assertThat(label.name()).isEqualTo("io.newsroute.schema.Label");
        assertThat(label.field("evidence").schema().valueSchema().field("weight").schema().defaultValue()).isEqualTo(0.0);
        Schema outage = schema.field("facts").schema().field("outage").schema();
        assertThat(outage.isOptional()).isTrue();
        assertThat(outage.name()).isEqualTo("io.newsroute.schema.OutageFacts");
        assertThat(outage.field("regions").schema().type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(outage.field("regions").schema().defaultValue()).isEqualTo(List.of());
        assertThat(schema.field("language").schema().field("classificationSupported").schema().defaultValue()).isEqualTo(true);
        assertThat(converter().connectSchema(RecordType.RAW_ARTICLE).field("contentType").schema().defaultValue()).isEqualTo("text/plain");
    }

    @Test
    void enumsBecomeStringsWithTheirSymbols() {
        org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse("""
                {"type": "record", "name": "Rated", "namespace": "io.newsroute.test", "fields": [
                  {"name": "rating", "type": {"type": "enum", "name": "Rating", "symbols": ["BUY", "HOLD", "SELL"]}},
                  {"name": "previous", "type": ["null", "Rating"], "default": null}]}""");
        AvroConnectData mapping = new AvroConnectData(NewsAvroConverterConfig.TimestampType.TIMESTAMP);
        Schema schema = mapping.toConnectSchema(avro, 1);
        GenericRecord record = new GenericData.Record(avro);
        record.put("rating", new GenericData.EnumSymbol(avro.getField("rating").schema(), "HOLD"));

        Struct struct = mapping.toStruct(record, schema);

        assertThat(schema.field("rating").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(schema.field("rating").schema().parameters()).containsEntry(AvroConnectData.ENUM_SYMBOLS, "BUY,HOLD,SELL");
        assertThat(struct.getString("rating")).isEqualTo("HOLD");
        assertThat(struct.getString("previous")).isNull();
        assertThat(mapping.toAvro(struct, avro)).isEqualTo(record);
        Struct bad = new Struct(schema).put("rating", "STRONG-BUY");
        assertThatThrownBy(() -> mapping.toAvro(bad, avro)).isInstanceOf(DataException.class)
                .hasMessageContaining("Rated.rating").hasMessageContaining("STRONG-BUY");
    }

    // ---- nulls ----------------------------------------------------------------------------------------

    @Test
    void nullsAreTombstonesAndOptionalFieldsStayNull() {
        NewsAvroConverter converter = converter();
        assertThat(converter.toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
        assertThat(converter.fromConnectData(TOPIC, converter.connectSchema(RecordType.ENRICHED_ARTICLE), null)).isNull();

        EnrichedArticle breach = Articles.breach("b-1");
        byte[] bytes = NewsSerdes.enrichedCodec().encode(breach);
        Struct struct = struct(converter.toConnectData(TOPIC, bytes));

        assertThat(struct.get("url")).isNull();
        assertThat(struct.get("publishedAt")).isNull();
        assertThat(struct.get("storyId")).isNull();
        assertThat(struct.getStruct("language").get("runnerUp")).isNull();
        assertThat(struct.getStruct("facts").get("outage")).isNull();
        assertThat(struct.getStruct("facts").getStruct("breach").getInt64("recordsAffected")).isEqualTo(77_000_000L);
        assertThat(struct.getStruct("facts").getStruct("breach").get("attacker")).isNull();
        assertThat(converter.fromConnectData(TOPIC, struct.schema(), struct)).isEqualTo(bytes);
    }

    @Test
    void aStructFromAnotherSourceIsWrittenWithDefaultsOrRejectedNamingTheField() {
        NewsAvroConverter converter = converter(NewsAvroConverterConfig.RECORD_TYPE, "RawArticle");
        Schema foreign = SchemaBuilder.struct().name("com.example.Article")
                .field("id", Schema.STRING_SCHEMA).field("source", Schema.STRING_SCHEMA)
                .field("title", Schema.STRING_SCHEMA).field("body", Schema.STRING_SCHEMA)
                .field("fetchedAt", Schema.INT64_SCHEMA).field("extra", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        Struct value = new Struct(foreign).put("id", "x-1").put("source", "crawler").put("title", "t").put("body", "b")
                .put("fetchedAt", 1_700_000_000_000L);

        RawArticle written = NewsSerdes.rawCodec().decode(converter.fromConnectData("news.raw", foreign, value));

        assertThat(written.getId()).isEqualTo("x-1");
        assertThat(written.getFetchedAt().toEpochMilli()).isEqualTo(1_700_000_000_000L);
        assertThat(written.getContentType()).as("Avro default").isEqualTo("text/plain");
        assertThat(written.getUrl()).isNull();

        Schema lacking = SchemaBuilder.struct().name("com.example.Article").field("id", Schema.STRING_SCHEMA).build();
        assertThatThrownBy(() -> converter.fromConnectData("news.raw", lacking, new Struct(lacking).put("id", "x")))
                .isInstanceOf(DataException.class).hasMessageContaining("RawArticle.source is missing and has no default");

        Schema nullable = SchemaBuilder.struct().name("com.example.Article")
                .field("id", Schema.STRING_SCHEMA).field("source", Schema.OPTIONAL_STRING_SCHEMA).build();
        assertThatThrownBy(() -> converter.fromConnectData("news.raw", nullable, new Struct(nullable).put("id", "x")))
                .isInstanceOf(DataException.class).hasMessageContaining("RawArticle.source is null");

        assertThatThrownBy(() -> converter().fromConnectData("news.raw", foreign, value))
                .as("auto mode needs a Newsroute schema name").isInstanceOf(DataException.class)
                .hasMessageContaining("com.example.Article").hasMessageContaining("value.converter.record.type");
        assertThatThrownBy(() -> converter.fromConnectData("news.raw", Schema.STRING_SCHEMA, "text"))
                .isInstanceOf(DataException.class).hasMessageContaining("expected a Struct");
    }

    // ---- older writer schemas -------------------------------------------------------------------------

    @Test
    void enrichedArticleV1IsReadAsTheCurrentSchema() {
        byte[] old = V1Records.enrichedArticle("old-1", List.of("cloud-sql"));
        NewsAvroConverter converter = converter(NewsAvroConverterConfig.RECORD_TYPE, "EnrichedArticle");

        SchemaAndValue data = converter.toConnectData(TOPIC, old);

        assertThat(data.schema()).as("the current schema, whatever the writer").isEqualTo(converter.connectSchema(RecordType.ENRICHED_ARTICLE));
        Struct struct = struct(data);
        assertThat(struct.getString("title")).isEqualTo("Google-Cloud-Ausfall in Frankfurt");
        assertThat(struct.get("fetchedAt")).isEqualTo(new Date(1_700_000_000_000L));
        Struct readOutage = struct.getStruct("facts").getStruct("outage");
        assertThat(readOutage.getString("provider")).isEqualTo("gcp");
        assertThat(readOutage.<String>getArray("regions")).containsExactly("europe-west3");
        assertThat(readOutage.getArray("evidence")).as("field added in v2, defaulted").isEmpty();
        // written back, it is a current (v2) record
        byte[] current = converter.fromConnectData(TOPIC, data.schema(), data.value());
        assertThat(NewsSerdes.enrichedCodec().decode(current).getFacts().getOutage().getProvider()).isEqualTo("gcp");
    }

    @Test
    void rawArticleV1GetsTheDefaultsOfLaterFields() {
        org.apache.avro.Schema v1 = SchemaHistory.load("RawArticle").get(0);
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", "old-raw");
        old.put("source", "feed");
        old.put("title", "Panne chez OVHcloud");
        old.put("body", "Un incendie à Strasbourg.");
        old.put("fetchedAt", 1_615_000_000_000L);

        Struct struct = struct(converter().toConnectData("news.raw", V1Records.encode(v1, old)));

        assertThat(struct.schema().name()).isEqualTo("io.newsroute.schema.RawArticle");
        assertThat(struct.getString("title")).isEqualTo("Panne chez OVHcloud");
        assertThat(struct.getString("contentType")).isEqualTo("text/plain");
        assertThat(struct.get("languageHint")).isNull();
    }

    // ---- bad bytes --------------------------------------------------------------------------------------

    @Test
    void bytesThatAreNotOurFormatAreADataExceptionWithTheReason() {
        NewsAvroConverter converter = converter();
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, "{\"id\":\"json\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DataException.class)
                .hasMessage("news.enriched: not an Avro single-object encoded Newsroute record (13 bytes, expected the marker C3 01 and an 8-byte schema fingerprint)");
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, new byte[0]))
                .isInstanceOf(DataException.class).hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, new byte[] {(byte) 0xC3, 0x01, 1, 2}))
                .isInstanceOf(DataException.class).hasMessageContaining("not an Avro single-object encoded");
    }

    @Test
    void unknownFingerprintTruncatedAndCorruptRecordsAreDataExceptions() {
        NewsAvroConverter converter = converter();
        byte[] bytes = NewsSerdes.enrichedCodec().encode(Articles.outage("a-3", 3));

        byte[] unknown = bytes.clone();
        unknown[4] ^= 0x21;
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, unknown))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("unknown writer schema fingerprint")
                .hasMessageContaining("EnrichedArticle v1-v2");

        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, truncated))
                .isInstanceOf(DataException.class)
                .hasMessageMatching("news\\.enriched: (truncated|corrupt) EnrichedArticle.*");

        byte[] corrupt = bytes.clone();
        Arrays.fill(corrupt, 10, 20, (byte) 0xFF); // varint lengths that never end or go negative
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, corrupt))
                .isInstanceOf(DataException.class)
                .hasMessageMatching("news\\.enriched: (truncated|corrupt) EnrichedArticle.*");
    }

    @Test
    void aFixedRecordTypeRejectsOtherRecords() {
        NewsAvroConverter enrichedOnly = converter(NewsAvroConverterConfig.RECORD_TYPE, "EnrichedArticle");
        byte[] letter = NewsSerdes.deadLetterCodec().encode(Articles.deadLetter());

        assertThatThrownBy(() -> enrichedOnly.toConnectData("news.dlq", letter))
                .isInstanceOf(DataException.class)
                .hasMessage("news.dlq: the message is a DeadLetter but value.converter.record.type is EnrichedArticle");
        SchemaAndValue data = converter().toConnectData("news.dlq", letter);
        assertThatThrownBy(() -> enrichedOnly.fromConnectData("news.dlq", data.schema(), data.value()))
                .isInstanceOf(DataException.class).hasMessageContaining("got a DeadLetter");
    }

    // ---- configuration and plugin registration --------------------------------------------------------

    @Test
    void badSettingsNameTheKeyAndTheValidValues() {
        assertThatThrownBy(() -> converter(NewsAvroConverterConfig.RECORD_TYPE, "Article"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("record.type").hasMessageContaining("Article")
                .hasMessageContaining("auto, RawArticle, EnrichedArticle, DeadLetter");
        assertThatThrownBy(() -> converter(NewsAvroConverterConfig.TIMESTAMP_TYPE, "iso"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("timestamp.type").hasMessageContaining("timestamp, long");
        assertThat(converter(NewsAvroConverterConfig.RECORD_TYPE, "enrichedarticle")).isNotNull();
        assertThatThrownBy(() -> new NewsAvroConverter().toConnectData(TOPIC, new byte[0]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("configure");
    }

    @Test
    void everyKeyIsDocumented() {
        ConfigDef config = new NewsAvroConverter().config();
        assertThat(config.names()).contains(NewsAvroConverterConfig.RECORD_TYPE, NewsAvroConverterConfig.TIMESTAMP_TYPE);
        for (ConfigDef.ConfigKey key : config.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.defaultValue).as(key.name + " default").isNotNull();
        }
    }

    @Test
    void theWorkerFindsTheConverterThroughItsServiceEntry() {
        assertThat(ServiceLoader.load(Converter.class).stream().map(ServiceLoader.Provider::type))
                .contains(NewsAvroConverter.class);
    }
}
