package io.newsroute.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sample articles bundled in the jar ({@code samples/seeds/}): the five real articles the
 * project started from, with the language and labels a reader assigns (expected.tsv).
 */
final class Samples {
    private static final String DIR = "/samples/seeds/";

    record Sample(String file, String text, String language, Set<String> labels) {
    }

    private Samples() {
    }

    static List<Sample> seeds() {
        List<Sample> samples = new ArrayList<>();
        for (String line : lines(DIR + "expected.tsv")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            Set<String> labels = new LinkedHashSet<>();
            if (!"-".equals(cols[2].trim())) {
                for (String label : cols[2].split(",")) {
                    labels.add(label.trim());
                }
            }
            samples.add(new Sample(cols[0], String.join("\n", lines(DIR + cols[0])), cols[1].trim(), Set.copyOf(labels)));
        }
        return List.copyOf(samples);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Samples.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("sample resource " + resource + " is missing from the build");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
