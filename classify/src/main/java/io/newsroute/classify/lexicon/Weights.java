package io.newsroute.classify.lexicon;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The hand-set weights of the lexicon scorer, read once from
 * {@code io/newsroute/classify/lexicon/weights.properties}: {@code <label>.bias} and
 * {@code <label>.<feature>} in log-odds. A missing or non-numeric key fails at start-up.
 */
final class Weights {
    static final String RESOURCE = Lexicon.ROOT + "weights.properties";

    private final Properties values;

    private Weights(Properties values) {
        this.values = values;
    }

    static Weights load() {
        try (InputStream in = Weights.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new Weights(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** @throws IllegalStateException if the key is missing or not a number */
    double get(String label, String feature) {
        String key = label + "." + feature;
        String value = values.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(RESOURCE + ": missing weight '" + key + "'");
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(RESOURCE + ": weight '" + key + "' is not a number: " + value, e);
        }
    }
}
