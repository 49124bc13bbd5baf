package io.newsroute.app.config;

import java.util.List;

/**
 * The configuration cannot be used: unknown keys, invalid values, an unreadable file. Each problem names
 * the key, where its value came from and what a valid value looks like. The CLI exits with status 2,
 * like a usage error.
 */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem. */
    public List<String> problems() {
        return problems;
    }
}
