package io.newsroute.sink.converter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.schema.serde.AvroCodec;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.serde.RecordDecodeException;
import io.newsroute.sink.SinkVersion;
import io.newsroute.sink.converter.NewsAvroConverterConfig.RecordType;

/**
 * A Kafka Connect {@link Converter} for Newsroute's wire format, Avro single-object encoding of
 * {@code RawArticle}, {@code EnrichedArticle} and {@code DeadLetter}, so that any Connect sink (JDBC, S3,
 * files, …) can read the {@code news.*} topics as structured data:
 * <pre>
 * value.converter=io.newsroute.sink.converter.NewsAvroConverter
 * value.converter.record.type=auto
 * </pre>
 *
 * <p>{@link #toConnectData} reads the writer-schema fingerprint of each message, decodes it with that
 * released schema version and resolves it to the <em>current</em> schema (older records get the defaults
 * of newer fields), then maps it to a {@link Struct} (see {@link AvroConnectData} for the type mapping).
 * The Connect schema is named after the record ({@code io.newsroute.schema.EnrichedArticle}) and versioned
 * with the newest released schema version, so every record of a type has the same Connect schema.
 * Bytes that are not such a message, or name a schema this build does not know, raise a
 * {@link DataException} that says which; the worker's {@code errors.tolerance} and dead-letter queue
 * decide what happens to the record.
 *
 * <p>{@link #fromConnectData} is the reverse for Structs of these three schemas (by schema name, or by
 * the configured {@code record.type}): fields are matched by name, missing ones get their Avro default,
 * and the bytes are exactly what the Newsroute serdes write. Null values map to null (tombstones).
 * Settings: {@link NewsAvroConverterConfig}.
 */
public final class NewsAvroConverter implements Converter {
    private static final Logger LOG = LoggerFactory.getLogger(NewsAvroConverter.class);
    private static final int HEADER = 10; // C3 01 + 8-byte little-endian fingerprint

    /** One Newsroute record type, ready to convert. */
    private record Type(RecordType recordType, AvroCodec<? extends SpecificRecordBase> codec, Schema connectSchema,
                        BinaryMessageEncoder<GenericRecord> encoder) {
        String name() {
            return codec.schema().getName();
        }
    }

    private final Map<RecordType, Type> types = new EnumMap<>(RecordType.class);
    private final Map<Long, Type> byFingerprint = new HashMap<>();
    private final Map<String, Type> bySchemaName = new HashMap<>();
    private Optional<RecordType> fixed = Optional.empty();
    private AvroConnectData data;
    private boolean isKey;

    @Override
    public ConfigDef config() {
        return NewsAvroConverterConfig.CONFIG;
    }

    @Override
    public String version() {
        return SinkVersion.get();
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> props = new HashMap<>(configs);
        props.put(NewsAvroConverterConfig.TYPE_CONFIG, (isKey ? ConverterType.KEY : ConverterType.VALUE).getName());
        NewsAvroConverterConfig config = new NewsAvroConverterConfig(props);
        this.isKey = isKey;
        this.fixed = config.fixedRecordType();
        this.data = new AvroConnectData(config.timestampType());
        types.clear();
        byFingerprint.clear();
        bySchemaName.clear();
        add(RecordType.RAW_ARTICLE, NewsSerdes.rawCodec());
        add(RecordType.ENRICHED_ARTICLE, NewsSerdes.enrichedCodec());
        add(RecordType.DEAD_LETTER, NewsSerdes.deadLetterCodec());
        LOG.debug("NewsAvroConverter configured for {}: record.type={}, timestamp.type={}", isKey ? "keys" : "values",
                config.recordType().configName(), config.timestampType());
    }

    private void add(RecordType recordType, AvroCodec<? extends SpecificRecordBase> codec) {
        org.apache.avro.Schema current = codec.schema();
        Schema connect = data.toConnectSchema(current, Math.max(1, codec.history().size()));
        Type type = new Type(recordType, codec, connect, new BinaryMessageEncoder<>(GenericData.get(), current));
        types.put(recordType, type);
        bySchemaName.put(current.getFullName(), type);
        byFingerprint.put(SchemaNormalization.parsingFingerprint64(current), type);
        for (org.apache.avro.Schema old : codec.history()) {
            byFingerprint.put(SchemaNormalization.parsingFingerprint64(old), type);
        }
    }

    /** The Connect schema this converter gives records of {@code recordType}. */
    public Schema connectSchema(RecordType recordType) {
        requireConfigured();
        Type type = types.get(recordType);
        if (type == null) {
            throw new IllegalArgumentException("no Connect schema for record type " + recordType);
        }
        return type.connectSchema();
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        requireConfigured();
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        Type type = typeOf(topic, value);
        SpecificRecordBase record;
        try {
            record = type.codec().decode(value);
        } catch (RecordDecodeException e) {
            throw new DataException(where(topic) + e.getMessage(), e);
        }
        try {
            return new SchemaAndValue(type.connectSchema(), data.toStruct(record, type.connectSchema()));
        } catch (RuntimeException e) {
            throw new DataException(where(topic) + "cannot map " + type.name() + " " + describeId(record) + " to Connect data: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        requireConfigured();
        if (value == null) {
            return null;
        }
        if (!(value instanceof Struct struct)) {
            throw new DataException(where(topic) + "expected a Struct of a Newsroute record, got a " + value.getClass().getName());
        }
        Schema effective = schema != null ? schema : struct.schema();
        Type type = Optional.ofNullable(effective.name()).map(bySchemaName::get)
                .or(() -> fixed.map(types::get))
                .orElseThrow(() -> new DataException(where(topic) + "schema '" + effective.name() + "' is not a Newsroute record ("
                        + String.join(", ", bySchemaName.keySet()) + "); set " + prefix() + NewsAvroConverterConfig.RECORD_TYPE
                        + " to write it as one"));
        if (fixed.isPresent() && fixed.get() != type.recordType()) {
            throw new DataException(where(topic) + "got a " + type.name() + " but " + prefix() + NewsAvroConverterConfig.RECORD_TYPE
                    + " is " + fixed.get().configName());
        }
        GenericRecord record = data.toAvro(struct, type.codec().schema());
        try {
            ByteBuffer buffer = type.encoder().encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new DataException(where(topic) + "cannot encode " + type.name() + ": " + e.getMessage(), e);
        }
    }

    /** The record type a message's fingerprint names, checked against a fixed {@code record.type}. */
    private Type typeOf(String topic, byte[] value) {
        if (value.length < HEADER || value[0] != (byte) 0xC3 || value[1] != (byte) 0x01) {
            throw new DataException(where(topic) + "not an Avro single-object encoded Newsroute record (" + value.length
                    + " bytes, expected the marker C3 01 and an 8-byte schema fingerprint)");
        }
        long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Type type = byFingerprint.get(fingerprint);
        if (type == null) {
            List<String> known = new ArrayList<>();
            types.values().forEach(t -> known.add(t.name() + " v1-v" + t.codec().history().size()));
            throw new DataException(where(topic) + "unknown writer schema fingerprint " + String.format("%016x", fingerprint)
                    + ": not a released version of " + String.join(", ", known)
                    + " (written by a newer Newsroute? upgrade the converter's plugin)");
        }
        if (fixed.isPresent() && fixed.get() != type.recordType()) {
            throw new DataException(where(topic) + "the message is a " + type.name() + " but " + prefix()
                    + NewsAvroConverterConfig.RECORD_TYPE + " is " + fixed.get().configName());
        }
        return type;
    }

    private String prefix() {
        return isKey ? "key.converter." : "value.converter.";
    }

    private static String where(String topic) {
        return topic == null ? "" : topic + ": ";
    }

    private static String describeId(SpecificRecordBase record) {
        org.apache.avro.Schema.Field id = record.getSchema().getField("id");
        return id == null ? "" : "'" + record.get(id.pos()) + "'";
    }

    private void requireConfigured() {
        if (data == null) {
            throw new IllegalStateException("NewsAvroConverter used before configure()");
        }
    }
}
