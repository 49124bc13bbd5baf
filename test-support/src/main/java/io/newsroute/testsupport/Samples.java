package io.newsroute.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The sample articles bundled with the repository ({@code samples/seeds/}), read from the classpath so
 * they work from this jar as well as from a build directory: {@code expected.tsv} names each file with
 * its language and expected labels, and each named file is then loaded.
 */
public final class Samples {

    static final String SEEDS = "samples/seeds/";
    static final String EXPECTED = SEEDS + "expected.tsv";

    private Samples() {
    }

    /**
     * One sample article.
     *
     * @param fileName file name under {@code samples/seeds/}
     * @param text     the article text (UTF-8 decoded, as in the file)
     * @param language expected ISO 639-1 language code
     * @param labels   expected labels, empty when the article should carry none
     */
    public record Sample(String fileName, String text, String language, Set<String> labels) {
        public Sample {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(language, "language");
            labels = Set.copyOf(labels);
        }
    }

    /** The seed articles in the order of {@code expected.tsv}. */
    public static List<Sample> seeds() {
        List<Sample> samples = new ArrayList<>();
        String tsv = resource(EXPECTED);
        int lineNumber = 0;
        for (String line : tsv.split("\\R")) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 3) {
                throw new IllegalStateException(EXPECTED + " line " + lineNumber + ": expected 3 tab-separated fields "
                        + "(file, language, labels), got " + fields.length + ": " + line);
            }
            String labels = fields[2].trim();
            Set<String> labelSet = labels.equals("-") ? Set.of()
                    : new LinkedHashSet<>(Arrays.stream(labels.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
            String fileName = fields[0].trim();
            samples.add(new Sample(fileName, resource(SEEDS + fileName), fields[1].trim(), labelSet));
        }
        return List.copyOf(samples);
    }

    private static String resource(String name) {
        ClassLoader loader = Samples.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + name + " not found (is newsroute-test-support on the test classpath?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + name, e);
        }
    }
}
