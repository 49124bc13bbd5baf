package io.newsroute.schema.serde;

/**
 * A value that cannot be decoded as the expected record type. The message says why in terms an
 * operator can act on (not Avro, unknown schema fingerprint, truncated record).
 */
public final class RecordDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecordDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
