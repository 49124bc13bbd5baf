package io.newsroute.app.web;

/**
 * A user mistake in a request: answered with HTTP 400 and {@code {"error": message, "parameter": name}}.
 * The message names the parameter and says what a valid value looks like.
 */
public final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public BadRequestException(String parameter, String message) {
        super(message);
        this.parameter = parameter == null ? "" : parameter;
    }

    /** The offending query parameter, or empty when the request as a whole is wrong. */
    public String parameter() {
        return parameter;
    }
}
