package io.newsroute.ingest;

import java.util.Objects;

/**
 * One piece of input that could not be ingested: an unreadable file, a line that is not JSON, an
 * object that is not an article. The rest of the input still goes in.
 *
 * @param source  the file path as given, or the stream's source name
 * @param line    1-based line number, or 0 when the problem concerns the whole file
 * @param message what is wrong, readable by the person who wrote the input
 */
public record IngestProblem(String source, long line, String message) {

    public IngestProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
    }

    /** Compiler style {@code path:line: message}, as editors and CI logs link it. */
    @Override
    public String toString() {
        return source + ":" + line + ": " + message;
    }
}
