package io.newsroute.schema.serde;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Avro single-object encoding for one generated record type: every message starts with the
 * two-byte marker {@code C3 01} and the 8-byte CRC-64-AVRO fingerprint of the writer schema,
 * followed by the binary record. No schema registry is needed: the writer schemas a reader
 * accepts are the current one plus every released version shipped in this jar under
 * {@code io/newsroute/schema/history/<Name>-v<N>.avsc} ({@link SchemaHistory}); older data is resolved
 * to the current schema with Avro's schema-resolution rules.
 *
 * <p>Instances are thread-safe and meant to be built once per type ({@link NewsSerdes}).
 */
public final class AvroCodec<T extends SpecificRecordBase> {
    static {
        AvroTrust.install();
    }

    private final Class<T> type;
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final List<Schema> history;

    public AvroCodec(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        this.history = SchemaHistory.load(schema.getName());
        history.forEach(decoder::addSchema);
    }

    /** The current (reader and writer) schema. */
    public Schema schema() {
        return schema;
    }

    /**
     * Every released writer schema this codec reads, oldest first; the newest is a copy of {@link #schema()}
     * (see {@link SchemaEvolution}).
     */
    public List<Schema> history() {
        return history;
    }

    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    /**
     * Decodes one single-object-encoded message.
     *
     * @throws RecordDecodeException if the bytes are not such a message, carry an unknown schema
     *     fingerprint, or are truncated or corrupt
     */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            throw new RecordDecodeException("null value: expected a " + type.getSimpleName(), null);
        }
        try {
            return decoder.decode(bytes);
        } catch (BadHeaderException e) {
            throw new RecordDecodeException("not an Avro single-object encoded " + type.getSimpleName()
                    + " (" + bytes.length + " bytes, bad header: " + e.getMessage() + ")", e);
        } catch (MissingSchemaException e) {
            throw new RecordDecodeException("unknown writer schema for " + type.getSimpleName()
                    + ": " + e.getMessage() + "; the producer uses a schema this version does not know", e);
        } catch (EOFException e) {
            throw new RecordDecodeException("truncated " + type.getSimpleName() + " (" + bytes.length + " bytes)", e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
                 | ClassCastException e) {
            throw new RecordDecodeException("corrupt " + type.getSimpleName() + " (" + bytes.length + " bytes): "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
