package io.newsroute.classify.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The features of one article: name to value (log-scaled counts), and for each feature the spans
 * that produced it (at most {@value #MAX_SPANS} are kept) and a readable description, so a model
 * can report evidence with offsets into the normalised title and body. Built by
 * {@link FeatureExtractor}; not thread-safe while being built, read-only afterwards.
 */
public final class ArticleFeatures {
    static final int MAX_SPANS = 2;

    private final Map<String, Acc> features = new LinkedHashMap<>();

    ArticleFeatures() {
    }

    /** Adds one occurrence of {@code name}; {@code span} may be null (no span, e.g. the bias). */
    void add(String name, String description, FeatureSpan span) {
        add(name, description, span, null);
    }

    void add(String name, String description, FeatureSpan span, FeatureSpan second) {
        Acc acc = features.get(name);
        if (acc == null) {
            acc = new Acc(description);
            features.put(name, acc);
            if (span != null) {
                acc.spans.add(span);
            }
            if (second != null) {
                acc.spans.add(second);
            }
        }
        acc.count++;
    }

    /**
     * Adds one occurrence of {@code name}; the description ({@code prefix + detail}) and the span are
     * built only for the first occurrence, the one whose span is kept.
     */
    void add(String name, String prefix, String detail, String field, int start, int end) {
        Acc acc = features.get(name);
        if (acc == null) {
            acc = new Acc(prefix + detail);
            features.put(name, acc);
            acc.spans.add(new FeatureSpan(field, start, end));
        }
        acc.count++;
    }

    /** Adds one occurrence of {@code name} if present; false (nothing changed) when absent. */
    boolean increment(String name) {
        Acc acc = features.get(name);
        if (acc == null) {
            return false;
        }
        acc.count++;
        return true;
    }

    /** Sets a feature to a fixed value (not a count). */
    void set(String name, String description, double value) {
        Acc acc = features.computeIfAbsent(name, k -> new Acc(description));
        acc.fixed = value;
    }

    /**
     * Scales every feature whose name starts with one of {@code prefixes} so that the family has
     * unit L2 norm (each prefix is its own family): long articles then do not outweigh short ones
     * just by having more stems and character n-grams.
     */
    void normalise(String... prefixes) {
        double[] sums = new double[prefixes.length];
        for (Map.Entry<String, Acc> e : features.entrySet()) {
            int family = family(e.getKey(), prefixes);
            if (family >= 0) {
                double v = e.getValue().raw();
                sums[family] += v * v;
            }
        }
        for (Map.Entry<String, Acc> e : features.entrySet()) {
            int family = family(e.getKey(), prefixes);
            if (family >= 0 && sums[family] > 0) {
                e.getValue().scale = 1.0 / Math.sqrt(sums[family]);
            }
        }
    }

    private static int family(String name, String[] prefixes) {
        for (int i = 0; i < prefixes.length; i++) {
            if (name.startsWith(prefixes[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Feature name to value: {@code log(1 + count)} for counted features (times the family scale). */
    public Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>(features.size() * 2);
        for (Map.Entry<String, Acc> e : features.entrySet()) {
            values.put(e.getKey(), e.getValue().value());
        }
        return values;
    }

    /** Number of distinct features. */
    public int size() {
        return features.size();
    }

    /** Whether the article has {@code feature}. */
    public boolean has(String feature) {
        return features.containsKey(feature);
    }

    /** The value of {@code feature}, 0 when absent. */
    public double value(String feature) {
        Acc acc = features.get(feature);
        return acc == null ? 0.0 : acc.value();
    }

    /** The raw occurrence count of {@code feature}, 0 when absent. */
    public int count(String feature) {
        Acc acc = features.get(feature);
        return acc == null ? 0 : acc.count;
    }

    /** The spans behind {@code feature} (first occurrences), empty when none or absent. */
    public List<FeatureSpan> spansOf(String feature) {
        Acc acc = features.get(feature);
        return acc == null ? List.of() : Collections.unmodifiableList(acc.spans);
    }

    /** A readable description of {@code feature}, e.g. {@code outage.event} or {@code stem:ausfall}. */
    public String describe(String feature) {
        Acc acc = features.get(feature);
        return acc == null ? feature : acc.description;
    }

    private static final class Acc {
        final String description;
        final List<FeatureSpan> spans = new ArrayList<>(1);
        int count;
        double fixed = Double.NaN;

        Acc(String description) {
            this.description = description;
        }

        double scale = 1.0;

        double raw() {
            return Double.isNaN(fixed) ? FeatureExtractor.log1p(count) : fixed;
        }

        double value() {
            return raw() * scale;
        }
    }

    /**
     * Where a feature came from.
     *
     * @param field {@code title} or {@code body}
     * @param start start offset (UTF-16 chars) into the normalised field
     * @param end   end offset, exclusive
     */
    public record FeatureSpan(String field, int start, int end) {
    }
}
