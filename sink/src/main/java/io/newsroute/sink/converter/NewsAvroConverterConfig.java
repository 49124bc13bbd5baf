package io.newsroute.sink.converter;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.storage.ConverterConfig;

/**
 * Settings of {@link NewsAvroConverter}. A worker or connector passes them with the converter's prefix, e.g.
 * {@code value.converter.record.type=EnrichedArticle}. Every key has a default and a validator; a bad
 * value fails the task at start-up with a message naming the key.
 */
public final class NewsAvroConverterConfig extends ConverterConfig {
    private static final String GROUP = "Newsroute Avro converter";

    public static final String RECORD_TYPE = "record.type";
    public static final String TIMESTAMP_TYPE = "timestamp.type";

    /** Which record types the converter accepts. */
    public enum RecordType {
        /** Whatever Newsroute record the schema fingerprint of each message names. */
        AUTO("auto"),
        RAW_ARTICLE("RawArticle"),
        ENRICHED_ARTICLE("EnrichedArticle"),
        DEAD_LETTER("DeadLetter");

        private final String configName;

        RecordType(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        static RecordType of(String value) {
            return Arrays.stream(values()).filter(t -> t.configName.equalsIgnoreCase(value.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(value));
        }
    }

    /** How Avro {@code timestamp-millis} longs appear in Connect data. */
    public enum TimestampType {
        /** Connect's {@code Timestamp} logical type (a {@link java.util.Date} value). */
        TIMESTAMP,
        /** A plain INT64: milliseconds since the epoch. */
        LONG;

        static TimestampType of(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    public static final ConfigDef CONFIG = ConverterConfig.newConfigDef()
            .define(RECORD_TYPE, Type.STRING, RecordType.AUTO.configName(), new OneOf(RecordType.class), Importance.MEDIUM,
                    "Which Newsroute record the topic carries: 'auto' (the default) picks RawArticle, EnrichedArticle or "
                            + "DeadLetter by the writer-schema fingerprint in each message, so one converter reads every news.* "
                            + "topic. A fixed type (RawArticle, EnrichedArticle, DeadLetter) rejects any other record with a "
                            + "DataException and is used by fromConnectData for data whose schema carries no Newsroute record name.",
                    GROUP, 1, Width.MEDIUM, "Record type")
            .define(TIMESTAMP_TYPE, Type.STRING, "timestamp", new OneOf(TimestampType.class), Importance.LOW,
                    "How Avro timestamp-millis fields (publishedAt, fetchedAt, processedAt, failedAt, outage start/end) "
                            + "appear in Connect data: 'timestamp' (the default) as Connect's Timestamp logical type "
                            + "(java.util.Date, which schema-aware sinks map to a date-time column), or 'long' as plain "
                            + "INT64 milliseconds since the epoch. fromConnectData accepts both.",
                    GROUP, 2, Width.SHORT, "Timestamp type");

    public NewsAvroConverterConfig(Map<String, ?> props) {
        super(CONFIG, props);
    }

    public RecordType recordType() {
        return RecordType.of(getString(RECORD_TYPE));
    }

    /** The fixed record type, or empty for {@code auto}. */
    public Optional<RecordType> fixedRecordType() {
        RecordType type = recordType();
        return type == RecordType.AUTO ? Optional.empty() : Optional.of(type);
    }

    public TimestampType timestampType() {
        return TimestampType.of(getString(TIMESTAMP_TYPE));
    }

    /** Accepts the names of an enum's constants (case-insensitive); the error lists them. */
    private static final class OneOf implements ConfigDef.Validator {
        private final String[] names;

        OneOf(Class<? extends Enum<?>> type) {
            this.names = Arrays.stream(type.getEnumConstants())
                    .map(c -> c instanceof RecordType r ? r.configName() : c.name().toLowerCase(Locale.ROOT))
                    .toArray(String[]::new);
        }

        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (Arrays.stream(names).noneMatch(n -> n.equalsIgnoreCase(text))) {
                throw new ConfigException(name, value, "must be one of " + String.join(", ", names));
            }
        }

        @Override
        public String toString() {
            return String.join(", ", names);
        }
    }
}
