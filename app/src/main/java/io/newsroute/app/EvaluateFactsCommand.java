package io.newsroute.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.newsroute.classify.extract.ExtractConfig;
import io.newsroute.classify.extract.Extraction;
import io.newsroute.classify.extract.Extractor;
import io.newsroute.classify.train.Split;

/**
 * Scores fact extraction against annotated articles: the corpus (corpus/facts/<lang>.jsonl over
 * corpus/<lang>/articles*.jsonl) or a held-out directory of self-contained items (corpus/facts-heldout/<lang>.jsonl).
 */
@Command(name = "evaluate-facts",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate entity/fact extraction against the labelled fact corpus: precision, recall and F1 per fact",
            "field, on all annotated articles and on the TEST split only (first byte of SHA-256(id) mod 10 in 8..9).",
            "Articles are extracted with their gold labels, so classification errors do not count here."},
        footer = {"", "Examples:  ./newsroute evaluate-facts corpus --json target/facts-evaluation.json",
            "           ./newsroute evaluate-facts corpus/facts-heldout"})
final class EvaluateFactsCommand implements Callable<Integer> {
    /** Fact fields scored, in report order: label.field. */
    static final List<String> FIELDS = List.of(
            "outage.provider", "outage.services", "outage.cause", "outage.durationMinutes",
            "breach.victim", "breach.attackType", "breach.recordsAffected", "breach.attacker",
            "stock.company", "stock.ticker", "stock.changePercent", "stock.direction", "stock.price",
            "stock.priceTarget", "stock.analystRating");
    /** Fields whose value is a list, scored per element; an array for any other field lists written forms. */
    static final Set<String> LIST_FIELDS = Set.of("outage.services");
    private static final Map<String, String> LABELS = Map.of(
            "outage", "cloud-outage", "breach", "security-breach", "stock", "stock-commentary");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Parameters(arity = "0..1", paramLabel = "DIR", description = {
        "Corpus root with facts/<lang>.jsonl over <lang>/articles*.jsonl (default: corpus), or a held-out",
        "directory of <lang>.jsonl files with self-contained items {id, title, body, labels, facts}."})
    Path corpus = Path.of("corpus");

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the scores as JSON to FILE.")
    Path json;

    @Option(names = "--errors", description = "Also print every article and field where extraction and annotation differ.")
    boolean errors;

    @Option(names = "--first-form-only", description = {
        "Where an annotation lists several written forms of one name (\"victim\": [\"Continental AG\", \"Continental\"]),",
        "count only the first as right (the strict scoring of the first two held-out runs)."})
    boolean firstFormOnly;

    @Option(names = "--ner-languages", paramLabel = "CODES", description = "extract.ner.languages (default: de,en,fr,es).")
    String nerLanguages = ExtractConfig.DEFAULT_NER_LANGUAGES;

    @Spec
    CommandSpec spec;

    /** True/false positives and false negatives of one field. */
    static final class Counts {
        int tp;
        int fp;
        int fn;

        void add(Counts other) {
            tp += other.tp;
            fp += other.fp;
            fn += other.fn;
        }

        double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** One annotated article, from either format, with its gold labels and expected facts. */
    record Item(String id, String language, String title, String body, Set<String> labels, JsonNode facts) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Item> items;
        try {
            items = load(corpus);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
        Extractor extractor = Extractor.create(new ExtractConfig(Map.of(ExtractConfig.NER_LANGUAGES, nerLanguages)));
        Map<String, Counts> all = new LinkedHashMap<>();
        Map<String, Counts> test = new LinkedHashMap<>();
        FIELDS.forEach(f -> {
            all.put(f, new Counts());
            test.put(f, new Counts());
        });
        int testArticles = 0;
        Set<String> languages = new java.util.TreeSet<>();
        for (Item item : items) {
            languages.add(item.language());
            Extraction x = extractor.extract(item.title(), item.body(), item.language(), item.labels());
            JsonNode predicted = MAPPER.readTree(x.facts().toString());
            boolean isTest = Split.of(item.id()) == Split.TEST;
            if (isTest) {
                testArticles++;
            }
            for (String field : FIELDS) {
                String[] f = field.split("\\.");
                if (!item.labels().contains(LABELS.get(f[0]))) {
                    continue;
                }
                JsonNode e = item.facts().path(f[0]).path(f[1]);
                JsonNode p = predicted.path(f[0]).path(f[1]);
                Counts one = new Counts();
                score(field, e, p, one, firstFormOnly);
                all.get(field).add(one);
                if (errors && (one.fp > 0 || one.fn > 0)) {
                    out.printf("%-12s %-24s expected %-28s got %s%n", item.id(), field, text(e), text(p));
                }
                if (isTest) {
                    test.get(field).add(one);
                }
            }
        }
        if (errors) {
            out.println();
        }
        out.printf("Fact extraction on %d annotated articles (%s), %d of them in the TEST split; NER: %s%n%n",
                items.size(), String.join(", ", languages), testArticles, nerLanguages);
        out.printf("%-24s %29s   %29s%n", "", "ALL", "TEST split");
        out.printf("%-24s %4s %4s %4s %5s %5s %5s   %4s %4s %4s %5s %5s %5s%n", "field",
                "tp", "fp", "fn", "P", "R", "F1", "tp", "fp", "fn", "P", "R", "F1");
        for (String field : FIELDS) {
            Counts a = all.get(field);
            Counts t = test.get(field);
            out.printf(Locale.ROOT, "%-24s %4d %4d %4d %5.2f %5.2f %5.2f   %4d %4d %4d %5.2f %5.2f %5.2f%n", field,
                    a.tp, a.fp, a.fn, a.precision(), a.recall(), a.f1(), t.tp, t.fp, t.fn, t.precision(), t.recall(), t.f1());
        }
        out.flush();
        if (json != null) {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("articles", items.size());
            root.put("testArticles", testArticles);
            root.put("nerLanguages", nerLanguages);
            ObjectNode fields = root.putObject("fields");
            for (String field : FIELDS) {
                ObjectNode node = fields.putObject(field);
                put(node.putObject("all"), all.get(field));
                put(node.putObject("test"), test.get(field));
            }
            Files.writeString(json, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        }
        return 0;
    }

    private static String text(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? "-" : v.toString();
    }

    /**
     * The annotated items under {@code dir}. A corpus root holds {@code facts/<lang>.jsonl}; any other
     * directory holds {@code <lang>.jsonl} itself (a held-out set such as {@code corpus/facts-heldout}). Each line
     * is detected on its own: one with a {@code body} is self-contained (id, title, body, labels, facts); one
     * without refers by id to an article of the corpus ({@code <root>/<lang>/articles*.jsonl}, where root is
     * the corpus root, or the held-out directory's parent).
     *
     * @throws IllegalArgumentException naming the file and line of anything unusable
     */
    static List<Item> load(Path dir) throws IOException {
        Path factsDir = dir.resolve("facts");
        Path root = dir;
        if (!Files.isDirectory(factsDir)) {
            factsDir = dir;
            root = dir.toAbsolutePath().getParent();
        }
        if (!Files.isDirectory(factsDir)) {
            throw new IllegalArgumentException("no fact annotations in " + dir
                    + " (expected facts/<lang>.jsonl under a corpus root, or <lang>.jsonl in a held-out directory)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(factsDir)) {
            files = s.filter(p -> p.getFileName().toString().matches("[a-z]{2,3}\\.jsonl")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no <lang>.jsonl files in " + factsDir);
        }
        List<Item> items = new ArrayList<>();
        for (Path file : files) {
            String lang = file.getFileName().toString().replace(".jsonl", "");
            Map<String, JsonNode> corpusArticles = null;
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ":" + (i + 1);
                JsonNode annotation;
                try {
                    annotation = MAPPER.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage());
                }
                String id = annotation.path("id").asText("");
                if (id.isEmpty() || !annotation.path("facts").isObject()) {
                    throw new IllegalArgumentException(where + ": needs an \"id\" and a \"facts\" object");
                }
                JsonNode article = annotation;
                if (!annotation.has("body")) {
                    if (corpusArticles == null) {
                        corpusArticles = corpusArticles(root, lang);
                    }
                    article = corpusArticles.get(id);
                    if (article == null) {
                        throw new IllegalArgumentException(where + ": no article " + id + " in " + root.resolve(lang)
                                + " (a self-contained item needs \"title\", \"body\" and \"labels\")");
                    }
                }
                Set<String> labels = new LinkedHashSet<>();
                article.path("labels").forEach(l -> labels.add(l.asText()));
                if (labels.isEmpty()) {
                    annotation.get("facts").fieldNames().forEachRemaining(k -> {
                        if (LABELS.containsKey(k)) {
                            labels.add(LABELS.get(k));
                        }
                    });
                }
                items.add(new Item(id, lang, article.path("title").asText(""), article.path("body").asText(""),
                        labels, annotation.get("facts")));
            }
        }
        return items;
    }

    private static Map<String, JsonNode> corpusArticles(Path root, String lang) throws IOException {
        Map<String, JsonNode> byId = new HashMap<>();
        Path dir = root.resolve(lang);
        if (!Files.isDirectory(dir)) {
            return byId;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("articles.*\\.jsonl")).sorted().toList();
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    JsonNode n = MAPPER.readTree(line);
                    byId.putIfAbsent(n.get("id").asText(), n);
                }
            }
        }
        return byId;
    }

    private static void put(ObjectNode node, Counts c) {
        node.put("tp", c.tp);
        node.put("fp", c.fp);
        node.put("fn", c.fn);
        node.put("precision", Math.round(c.precision() * 1000) / 1000.0);
        node.put("recall", Math.round(c.recall() * 1000) / 1000.0);
        node.put("f1", Math.round(c.f1() * 1000) / 1000.0);
    }

    /**
     * Scalars: equal after normalisation (numbers within 1%); lists ({@link #LIST_FIELDS}): per element.
     * Absent = not stated. A scalar annotated as an array lists the written forms the article uses for
     * the one value ("Continental AG", "Continental"): any of them is right, or only the first with
     * {@code firstFormOnly}.
     */
    static void score(String field, JsonNode expected, JsonNode predicted, Counts counts, boolean firstFormOnly) {
        if (!LIST_FIELDS.contains(field)) {
            ArrayNode forms = MAPPER.createArrayNode();
            if (expected.isArray()) {
                forms.addAll(firstFormOnly && expected.size() > 1 ? List.of(expected.get(0)) : iterable(expected));
            } else if (!expected.isMissingNode() && !expected.isNull()) {
                forms.add(expected);
            }
            scoreForms(forms, predicted, counts);
            return;
        }
        if (expected.isArray() || predicted.isArray()) {
            Set<String> e = new LinkedHashSet<>();
            Set<String> p = new LinkedHashSet<>();
            expected.forEach(v -> e.add(normalise(v)));
            predicted.forEach(v -> p.add(normalise(v)));
            for (String v : p) {
                if (e.contains(v)) {
                    counts.tp++;
                } else {
                    counts.fp++;
                }
            }
            e.stream().filter(v -> !p.contains(v)).forEach(v -> counts.fn++);
            return;
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    /** One value, annotated as its written forms (none: not stated), against the extracted value. */
    private static void scoreForms(ArrayNode forms, JsonNode predicted, Counts counts) {
        boolean hasE = !forms.isEmpty();
        boolean hasP = !predicted.isMissingNode() && !predicted.isNull();
        boolean any = false;
        for (JsonNode form : forms) {
            any |= hasP && same(form, predicted);
        }
        if (hasE && any) {
            counts.tp++;
            return;
        }
        if (hasP) {
            counts.fp++;
        }
        if (hasE) {
            counts.fn++;
        }
    }

    private static boolean same(JsonNode e, JsonNode p) {
        if (e.isNumber() && p.isNumber()) {
            double a = e.asDouble();
            double b = p.asDouble();
            return Math.abs(a - b) <= Math.max(0.01, Math.abs(a) * 0.01);
        }
        return normalise(e).equals(normalise(p));
    }

    static String normalise(JsonNode v) {
        return Normalizer.normalize(v.asText(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
