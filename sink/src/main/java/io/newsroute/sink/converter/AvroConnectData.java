package io.newsroute.sink.converter;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema.Field;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

import io.newsroute.sink.converter.NewsAvroConverterConfig.TimestampType;

/**
 * Maps Avro schemas and values to Connect schemas and values and back, for the shapes our records use:
 * <ul>
 *   <li>record → STRUCT named after the Avro full name (documentation kept as the schema doc)</li>
 *   <li>{@code ["null", T]} → T, optional; other unions are rejected (none of our schemas has one)</li>
 *   <li>array → ARRAY, map → MAP with STRING keys (sorted, so output is stable), enum → STRING
 *       (symbols in the {@value #ENUM_SYMBOLS} parameter), bytes and fixed → BYTES</li>
 *   <li>long with {@code timestamp-millis} → Connect {@code Timestamp} or INT64 ({@link TimestampType})</li>
 *   <li>field defaults of primitive and empty-array fields are carried over</li>
 * </ul>
 * Thread-safe after construction; schemas are built once per record type by {@link NewsAvroConverter}.
 */
final class AvroConnectData {
    static final String ENUM_SYMBOLS = "io.newsroute.avro.enum.symbols";

    private final TimestampType timestamps;

    AvroConnectData(TimestampType timestamps) {
        this.timestamps = timestamps;
    }

    // ---- schemas ------------------------------------------------------------------------------------

    /** The Connect schema of a top-level record; {@code version} is its released version number. */
    Schema toConnectSchema(org.apache.avro.Schema record, int version) {
        SchemaBuilder builder = structBuilder(record);
        builder.version(version);
        return builder.build();
    }

    private SchemaBuilder structBuilder(org.apache.avro.Schema record) {
        SchemaBuilder builder = SchemaBuilder.struct().name(record.getFullName());
        if (record.getDoc() != null) {
            builder.doc(record.getDoc());
        }
        for (Field field : record.getFields()) {
            builder.field(field.name(), fieldSchema(field, record.getFullName() + "." + field.name()));
        }
        return builder;
    }

    private Schema fieldSchema(Field field, String path) {
        SchemaBuilder builder = builder(field.schema(), path);
        if (field.doc() != null && builder.doc() == null) {
            builder.doc(field.doc());
        }
        if (field.hasDefaultValue() && !builder.isOptional()) {
            Object connectDefault = connectDefault(field.defaultVal(), builder.type());
            if (connectDefault != null) {
                builder.defaultValue(connectDefault);
            }
        }
        return builder.build();
    }

    private SchemaBuilder builder(org.apache.avro.Schema avro, String path) {
        switch (avro.getType()) {
            case UNION: {
                org.apache.avro.Schema nonNull = optionalBranch(avro, path);
                return builder(nonNull, path).optional();
            }
            case RECORD:
                return structBuilder(avro);
            case ARRAY:
                return SchemaBuilder.array(builder(avro.getElementType(), path + "[]").build());
            case MAP:
                return SchemaBuilder.map(Schema.STRING_SCHEMA, builder(avro.getValueType(), path + "{}").build());
            case ENUM:
                return SchemaBuilder.string().parameter(ENUM_SYMBOLS, String.join(",", avro.getEnumSymbols()));
            case STRING:
                return SchemaBuilder.string();
            case BYTES:
            case FIXED:
                return SchemaBuilder.bytes();
            case INT:
                return SchemaBuilder.int32();
            case LONG:
                if (isTimestamp(avro) && timestamps == TimestampType.TIMESTAMP) {
                    return Timestamp.builder();
                }
                return SchemaBuilder.int64();
            case FLOAT:
                return SchemaBuilder.float32();
            case DOUBLE:
                return SchemaBuilder.float64();
            case BOOLEAN:
                return SchemaBuilder.bool();
            default:
                throw new DataException("unsupported Avro type " + avro.getType() + " at " + path);
        }
    }

    private static org.apache.avro.Schema optionalBranch(org.apache.avro.Schema union, String path) {
        List<org.apache.avro.Schema> types = union.getTypes();
        if (types.size() == 2 && types.get(0).getType() == org.apache.avro.Schema.Type.NULL) {
            return types.get(1);
        }
        if (types.size() == 2 && types.get(1).getType() == org.apache.avro.Schema.Type.NULL) {
            return types.get(0);
        }
        throw new DataException("unsupported Avro union " + union + " at " + path + ": only [\"null\", T] maps to Connect");
    }

    private static boolean isTimestamp(org.apache.avro.Schema avro) {
        return avro.getLogicalType() instanceof LogicalTypes.TimestampMillis;
    }

    /** Defaults Connect can carry simply: primitives and empty arrays. */
    private static Object connectDefault(Object avroDefault, Schema.Type type) {
        if (avroDefault == null || avroDefault == JsonProperties.NULL_VALUE) {
            return null;
        }
        switch (type) {
            case STRING:
                return avroDefault.toString();
            case BOOLEAN:
                return avroDefault;
            case FLOAT64:
                return ((Number) avroDefault).doubleValue();
            case FLOAT32:
                return ((Number) avroDefault).floatValue();
            case INT32:
                return ((Number) avroDefault).intValue();
            case INT64:
                return ((Number) avroDefault).longValue();
            case ARRAY:
                return avroDefault instanceof Collection<?> c && c.isEmpty() ? List.of() : null;
            default:
                return null;
        }
    }

    // ---- Avro value → Connect value -----------------------------------------------------------------

    /** A decoded record (specific or generic) as a Struct of {@code schema}. */
    Struct toStruct(IndexedRecord record, Schema schema) {
        Struct struct = new Struct(schema);
        for (Field field : record.getSchema().getFields()) {
            org.apache.kafka.connect.data.Field target = schema.field(field.name());
            struct.put(target, toConnectValue(record.get(field.pos()), field.schema(), target.schema()));
        }
        return struct;
    }

    private Object toConnectValue(Object value, org.apache.avro.Schema avro, Schema schema) {
        if (value == null) {
            return null;
        }
        switch (avro.getType()) {
            case UNION:
                return toConnectValue(value, optionalBranch(avro, schema.name()), schema);
            case RECORD:
                return toStruct((IndexedRecord) value, schema);
            case ARRAY: {
                List<Object> list = new ArrayList<>();
                for (Object item : (Collection<?>) value) {
                    list.add(toConnectValue(item, avro.getElementType(), schema.valueSchema()));
                }
                return list;
            }
            case MAP: {
                Map<String, Object> map = new TreeMap<>();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    map.put(entry.getKey().toString(), toConnectValue(entry.getValue(), avro.getValueType(), schema.valueSchema()));
                }
                return map;
            }
            case ENUM:
            case STRING:
                return value.toString();
            case BYTES:
                return bytes((ByteBuffer) value);
            case FIXED:
                return ((GenericData.Fixed) value).bytes().clone();
            case LONG: {
                long millis = value instanceof Instant instant ? instant.toEpochMilli() : ((Number) value).longValue();
                return Timestamp.LOGICAL_NAME.equals(schema.name()) ? new Date(millis) : millis;
            }
            default:
                return value; // int, float, double, boolean: the same Java types in both worlds
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    // ---- Connect value → Avro value -----------------------------------------------------------------

    /**
     * A Struct as a generic record of {@code avro}, matching fields by name. A field the Struct lacks gets
     * the Avro default; a missing field without default is a {@link DataException} naming it.
     */
    GenericRecord toAvro(Struct struct, org.apache.avro.Schema avro) {
        return record(struct, avro, avro.getName());
    }

    private GenericRecord record(Struct struct, org.apache.avro.Schema avro, String path) {
        GenericData.Record record = new GenericData.Record(avro);
        for (Field field : avro.getFields()) {
            String fieldPath = path + "." + field.name();
            org.apache.kafka.connect.data.Field source = struct.schema().field(field.name());
            if (source == null) {
                if (!field.hasDefaultValue()) {
                    throw new DataException("field " + fieldPath + " is missing and has no default");
                }
                record.put(field.pos(), GenericData.get().getDefaultValue(field));
            } else {
                record.put(field.pos(), toAvroValue(struct.get(source), field.schema(), fieldPath));
            }
        }
        return record;
    }

    private Object toAvroValue(Object value, org.apache.avro.Schema avro, String path) {
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            return value == null ? null : toAvroValue(value, optionalBranch(avro, path), path);
        }
        if (value == null) {
            throw new DataException("field " + path + " is null but its schema " + avro.getType() + " is not optional");
        }
        try {
            switch (avro.getType()) {
                case RECORD:
                    return record((Struct) value, avro, path);
                case ARRAY: {
                    List<Object> list = new ArrayList<>();
                    int i = 0;
                    for (Object item : (Collection<?>) value) {
                        list.add(toAvroValue(item, avro.getElementType(), path + "[" + i++ + "]"));
                    }
                    return new GenericData.Array<>(avro, list);
                }
                case MAP: {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                        map.put(String.valueOf(entry.getKey()), toAvroValue(entry.getValue(), avro.getValueType(),
                                path + "{" + entry.getKey() + "}"));
                    }
                    return map;
                }
                case ENUM:
                    if (!avro.hasEnumSymbol(value.toString())) {
                        throw new DataException("field " + path + ": '" + value + "' is not one of " + avro.getEnumSymbols());
                    }
                    return new GenericData.EnumSymbol(avro, value.toString());
                case STRING:
                    return value.toString();
                case BYTES:
                    return value instanceof ByteBuffer buffer ? buffer : ByteBuffer.wrap((byte[]) value);
                case FIXED:
                    return new GenericData.Fixed(avro, (byte[]) value);
                case LONG:
                    if (value instanceof Date date) {
                        return date.getTime();
                    }
                    if (value instanceof Instant instant) {
                        return instant.toEpochMilli();
                    }
                    return ((Number) value).longValue();
                case INT:
                    return ((Number) value).intValue();
                case FLOAT:
                    return ((Number) value).floatValue();
                case DOUBLE:
                    return ((Number) value).doubleValue();
                case BOOLEAN:
                    return (Boolean) value;
                default:
                    throw new DataException("unsupported Avro type " + avro.getType() + " at " + path);
            }
        } catch (ClassCastException e) {
            throw new DataException("field " + path + ": a " + value.getClass().getSimpleName() + " cannot be written as Avro "
                    + avro.getType(), e);
        }
    }
}
