package io.newsroute.classify.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.newsroute.schema.Labels;

/**
 * The {@code model.properties} that travels with the per-label model files: model version,
 * feature recipe, the languages with training data, and per label the decision threshold and L2
 * sigma tuned by 5-fold cross-validation over TRAIN+DEV, plus free-form training facts (sizes, DEV scores, corpus hash).
 *
 * @param modelVersion e.g. {@code lr-20250101-1a2b3c4d}
 * @param featureConfig {@link FeatureExtractor#configId()} the model was trained with
 * @param languages     languages that had training data (classification support)
 * @param thresholds    label to threshold tuned on DEV
 * @param sigmas        label to L2 prior sigma chosen on DEV
 * @param facts         further key/values written as-is (sorted), e.g. {@code train.size}
 */
public record ModelMetadata(String modelVersion, String featureConfig, Set<String> languages,
        Map<String, Double> thresholds, Map<String, Double> sigmas, Map<String, String> facts) {
    /** Fact key of the {@link FeatureExtractor#lexiconDigest()} the model was trained with. */
    public static final String LEXICON_SHA256 = "lexicon.sha256";


    public static final String FILE = "model.properties";

    public ModelMetadata {
        languages = Set.copyOf(new LinkedHashSet<>(languages));
        thresholds = Map.copyOf(thresholds);
        sigmas = Map.copyOf(sigmas);
        facts = Map.copyOf(facts);
        for (String label : Labels.ALL) {
            if (!thresholds.containsKey(label)) {
                throw new IllegalArgumentException("model metadata lacks threshold." + label);
            }
        }
    }

    /** Reads {@code model.properties}. @throws IllegalStateException naming a missing or bad key */
    public static ModelMetadata read(InputStream in, String source) {
        Properties p = new Properties();
        try {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        Map<String, Double> sigmas = new LinkedHashMap<>();
        for (String label : Labels.ALL) {
            thresholds.put(label, number(p, source, "threshold." + label));
            sigmas.put(label, number(p, source, "sigma." + label));
        }
        Map<String, String> facts = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (!key.startsWith("threshold.") && !key.startsWith("sigma.")
                    && !Set.of("modelVersion", "features", "languages").contains(key)) {
                facts.put(key, p.getProperty(key));
            }
        }
        Set<String> languages = new LinkedHashSet<>(Arrays.asList(required(p, source, "languages").split(",")));
        languages.removeIf(String::isBlank);
        return new ModelMetadata(required(p, source, "modelVersion"), required(p, source, "features"),
                languages, thresholds, sigmas, facts);
    }

    /** Writes sorted {@code key=value} lines (stable diffs, no timestamp comment). */
    public void write(OutputStream out) throws IOException {
        Map<String, String> all = new TreeMap<>(facts);
        all.put("modelVersion", modelVersion);
        all.put("features", featureConfig);
        all.put("languages", String.join(",", new TreeSet<>(languages)));
        thresholds.forEach((label, t) -> all.put("threshold." + label, Double.toString(t)));
        sigmas.forEach((label, s) -> all.put("sigma." + label, Double.toString(s)));
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write("# Newsroute classifier: written by `./newsroute train`; thresholds and sigmas tuned by 5-fold cross-validation over TRAIN+DEV\n");
        for (Map.Entry<String, String> e : all.entrySet()) {
            writer.write(escape(e.getKey()) + "=" + escape(e.getValue()) + "\n");
        }
        writer.flush();
    }

    /** The threshold of {@code label}. */
    public double threshold(String label) {
        return thresholds.get(Labels.requireKnown(label));
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '=', ':', '#', '!' -> b.append('\\').append(c);
                default -> {
                    if (c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String required(Properties p, String source, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(source + ": missing key '" + key + "'");
        }
        return value.strip();
    }

    private static double number(Properties p, String source, String key) {
        String value = required(p, source, key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(source + ": key '" + key + "' is not a number: " + value, e);
        }
    }
}
