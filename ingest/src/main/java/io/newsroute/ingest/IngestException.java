package io.newsroute.ingest;

/**
 * Producing to Kafka failed (as opposed to bad input, which is an {@link IngestProblem}): a send
 * was rejected or timed out. The message names the article id and the cause.
 */
public final class IngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
