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

/** Scores fact extraction against the annotated corpus (corpus/facts/<lang>.jsonl over corpus/<lang>/articles.jsonl). */
@Command(name = "evaluate-facts",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate entity/fact extraction against the labelled fact corpus: precision, recall and F1 per fact",
            "field, on all annotated articles and on the TEST split only (first byte of SHA-256(id) mod 10 in 8..9).",
            "Articles are extracted with their gold labels, so classification errors do not count here."},
        footer = {"", "Example:  ./newsroute evaluate-facts corpus --json target/facts-evaluation.json"})
final class EvaluateFactsCommand implements Callable<Integer> {
    /** Fact fields scored, in report order: label.field. */
    static final List<String> FIELDS = List.of(
            "outage.provider", "outage.services", "outage.cause", "outage.durationMinutes",
            "breach.victim", "breach.attackType", "breach.recordsAffected", "breach.attacker",
            "stock.company", "stock.ticker", "stock.changePercent", "stock.direction", "stock.price",
            "stock.priceTarget", "stock.analystRating");
    private static final Map<String, String> LABELS = Map.of(
            "outage", "cloud-outage", "breach", "security-breach", "stock", "stock-commentary");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Parameters(arity = "0..1", paramLabel = "CORPUS_DIR", description = "Corpus root with <lang>/articles.jsonl and facts/<lang>.jsonl (default: corpus).")
    Path corpus = Path.of("corpus");

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the scores as JSON to FILE.")
    Path json;

    @Option(names = "--ner-languages", paramLabel = "CODES", description = "extract.ner.languages (default: de,en,fr,es).")
    String nerLanguages = ExtractConfig.DEFAULT_NER_LANGUAGES;

    @Spec
    CommandSpec spec;

    /** True/false positives and false negatives of one field. */
    static final class Counts {
        int tp;
        int fp;
        int fn;

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

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path factsDir = corpus.resolve("facts");
        if (!Files.isDirectory(factsDir)) {
            spec.commandLine().getErr().println("no fact annotations in " + factsDir);
            return 1;
        }
        Extractor extractor = Extractor.create(new ExtractConfig(Map.of(ExtractConfig.NER_LANGUAGES, nerLanguages)));
        Map<String, Counts> all = new LinkedHashMap<>();
        Map<String, Counts> test = new LinkedHashMap<>();
        FIELDS.forEach(f -> {
            all.put(f, new Counts());
            test.put(f, new Counts());
        });
        int articles = 0;
        int testArticles = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(factsDir)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        List<String> languages = new ArrayList<>();
        for (Path file : files) {
            String lang = file.getFileName().toString().replace(".jsonl", "");
            languages.add(lang);
            Map<String, JsonNode> byId = new HashMap<>();
            for (String line : Files.readAllLines(corpus.resolve(lang).resolve("articles.jsonl"))) {
                if (!line.isBlank()) {
                    JsonNode n = MAPPER.readTree(line);
                    byId.put(n.get("id").asText(), n);
                }
            }
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode annotation = MAPPER.readTree(line);
                String id = annotation.get("id").asText();
                JsonNode article = byId.get(id);
                if (article == null) {
                    spec.commandLine().getErr().println(file + ": no article " + id + " in the corpus");
                    return 1;
                }
                Set<String> labels = new LinkedHashSet<>();
                article.get("labels").forEach(l -> labels.add(l.asText()));
                Extraction x = extractor.extract(article.path("title").asText(""), article.path("body").asText(""), lang, labels);
                JsonNode predicted = MAPPER.readTree(x.facts().toString());
                JsonNode expected = annotation.get("facts");
                boolean isTest = Split.of(id) == Split.TEST;
                articles++;
                if (isTest) {
                    testArticles++;
                }
                for (String field : FIELDS) {
                    String[] f = field.split("\\.");
                    if (!labels.contains(LABELS.get(f[0]))) {
                        continue;
                    }
                    score(expected.path(f[0]).path(f[1]), predicted.path(f[0]).path(f[1]), all.get(field));
                    if (isTest) {
                        score(expected.path(f[0]).path(f[1]), predicted.path(f[0]).path(f[1]), test.get(field));
                    }
                }
            }
        }
        out.printf("Fact extraction on %d annotated articles (%s), %d of them in the TEST split; NER: %s%n%n",
                articles, String.join(", ", languages), testArticles, nerLanguages);
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
            root.put("articles", articles);
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

    private static void put(ObjectNode node, Counts c) {
        node.put("tp", c.tp);
        node.put("fp", c.fp);
        node.put("fn", c.fn);
        node.put("precision", Math.round(c.precision() * 1000) / 1000.0);
        node.put("recall", Math.round(c.recall() * 1000) / 1000.0);
        node.put("f1", Math.round(c.f1() * 1000) / 1000.0);
    }

    /** Scalars: equal after normalisation (numbers within 1%); lists: per element. Absent = not stated. */
    static void score(JsonNode expected, JsonNode predicted, Counts counts) {
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
        boolean hasE = !expected.isMissingNode() && !expected.isNull();
        boolean hasP = !predicted.isMissingNode() && !predicted.isNull();
        if (hasE && hasP && same(expected, predicted)) {
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
