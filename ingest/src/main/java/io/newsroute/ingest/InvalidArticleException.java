package io.newsroute.ingest;

/**
 * Input that is not a valid article, with the field at fault, so an API can answer
 * {@code {"line": 3, "field": "publishedAt", ...}}. The message names the field too.
 */
public final class InvalidArticleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidArticleException(String field, String message) {
        super(message);
        this.field = field == null ? "" : field;
    }

    public InvalidArticleException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field == null ? "" : field;
    }

    /** The JSON field at fault ({@code title}, {@code publishedAt}, ...), or empty for the whole article. */
    public String field() {
        return field;
    }
}
