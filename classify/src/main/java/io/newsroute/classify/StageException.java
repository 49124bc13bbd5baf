package io.newsroute.classify;

import java.util.Objects;

/**
 * A per-record failure of one pipeline stage. The record is dead-lettered with {@link #stage()};
 * the stream goes on. Stage names: {@code validate}, {@code normalize}, {@code detect-language},
 * {@code classify} (the topology adds {@code deserialize} for undecodable input).
 */
public final class StageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String VALIDATE = "validate";
    public static final String NORMALIZE = "normalize";
    public static final String DETECT_LANGUAGE = "detect-language";
    public static final String CLASSIFY = "classify";
    public static final String EXTRACT = "extract";

    private final String stage;

    public StageException(String stage, String message) {
        this(stage, message, null);
    }

    public StageException(String stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = Objects.requireNonNull(stage, "stage");
    }

    /** The stage that failed, e.g. {@code validate}. */
    public String stage() {
        return stage;
    }
}
