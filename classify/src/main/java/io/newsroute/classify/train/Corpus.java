package io.newsroute.classify.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsroute.schema.Labels;

/**
 * Loads the labelled corpus: {@code <dir>/<lang>/articles*.jsonl}, one JSON object per line with
 * {@code id, title, body, labels, kind, note}; the language is the folder name. Items come back
 * sorted by id (reproducible training). A malformed line, an unknown label or a duplicate id fails
 * with the file and line.
 */
public final class Corpus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Corpus() {
    }

    /** Every {@code <lang>/articles*.jsonl} under {@code dir} (e.g. articles.jsonl, articles-2.jsonl), sorted by id. */
    public static List<LabelledArticle> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("corpus directory not found: " + dir);
        }
        List<LabelledArticle> all = new ArrayList<>();
        try (Stream<Path> langs = Files.list(dir)) {
            for (Path lang : langs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(lang)) {
                    for (Path file : files.filter(Corpus::isArticleFile).sorted().toList()) {
                        all.addAll(read(file, lang.getFileName().toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        Set<String> ids = new HashSet<>();
        for (LabelledArticle item : all) {
            if (!ids.add(item.id())) {
                throw new IllegalArgumentException("duplicate corpus id " + item.id());
            }
        }
        all.sort(Comparator.comparing(LabelledArticle::id));
        return List.copyOf(all);
    }

    private static boolean isArticleFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && name.startsWith("articles") && name.endsWith(".jsonl");
    }

    /** The items of one JSON-lines file, in file order. */
    public static List<LabelledArticle> read(Path file, String lang) {
        List<LabelledArticle> items = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    items.add(parse(JSON.readTree(line), lang));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return items;
    }

    private static LabelledArticle parse(JsonNode node, String lang) {
        String id = text(node, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("missing id");
        }
        Set<String> labels = new LinkedHashSet<>();
        JsonNode array = node.path("labels");
        if (!array.isMissingNode() && !array.isNull()) {
            if (!array.isArray()) {
                throw new IllegalArgumentException("labels must be an array");
            }
            for (JsonNode label : array) {
                labels.add(Labels.requireKnown(label.asText()));
            }
        }
        String title = text(node, "title");
        String body = text(node, "body");
        if (title.isBlank() && body.isBlank()) {
            throw new IllegalArgumentException("item " + id + " has neither title nor body");
        }
        return new LabelledArticle(id, lang, title, body, labels, text(node, "kind"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
