package io.newsroute.classify.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The result of {@link Evaluator#evaluate}: confusion counts per label and per label x language,
 * macro-F1, false-positive rates on hard negatives, the most common wrong label combinations, a
 * reliability table of the scores and the misclassified items. {@link #toText()} for people,
 * {@link #toJson()} for machines (same content).
 *
 * @param description   what was evaluated (split, model version)
 * @param items         number of items evaluated
 * @param thresholds    label to threshold used
 * @param byLabel       label to counts over all languages
 * @param byLabelLang   label to language to counts
 * @param hardNegatives label to counts over hard-negative items that do not carry that label
 * @param confusions    "gold -> predicted" label sets of wrong items, most common first
 * @param reliability   score bins 0.0-0.1 ... 0.9-1.0 pooled over labels
 * @param errors        misclassified items
 */
public record Evaluation(String description, int items, Map<String, Double> thresholds,
        Map<String, Counts> byLabel, Map<String, Map<String, Counts>> byLabelLang, Map<String, Counts> hardNegatives,
        List<Confusion> confusions, List<Bin> reliability, List<Error> errors) {

    /** Mean F1 over the labels (labels without a defined F1 are skipped). */
    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (Counts counts : byLabel.values()) {
            if (!Double.isNaN(counts.f1())) {
                sum += counts.f1();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Human-readable report: the tables of {@code ./newsroute evaluate}. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(description).append('\n');
        b.append(String.format(Locale.ROOT, "items: %d   macro-F1: %s%n%n", items, f(macroF1())));
        b.append(String.format(Locale.ROOT, "%-18s %9s %6s %6s %6s %5s %5s %5s %5s%n", "label", "threshold", "P", "R", "F1",
                "TP", "FP", "FN", "TN"));
        byLabel.forEach((label, c) -> b.append(String.format(Locale.ROOT, "%-18s %9.3f %6s %6s %6s %5d %5d %5d %5d%n",
                label, thresholds.getOrDefault(label, Double.NaN), f(c.precision()), f(c.recall()), f(c.f1()),
                c.tp(), c.fp(), c.fn(), c.tn())));
        b.append("\nF1 per label x language (P/R; n = items, + = positives)\n");
        List<String> langs = new ArrayList<>();
        byLabelLang.values().forEach(m -> m.keySet().forEach(l -> {
            if (!langs.contains(l)) {
                langs.add(l);
            }
        }));
        langs.sort(null);
        b.append(String.format(Locale.ROOT, "%-18s", "label"));
        langs.forEach(l -> b.append(String.format(Locale.ROOT, " %-22s", l)));
        b.append('\n');
        byLabelLang.forEach((label, perLang) -> {
            b.append(String.format(Locale.ROOT, "%-18s", label));
            for (String lang : langs) {
                Counts c = perLang.get(lang);
                b.append(String.format(Locale.ROOT, " %-22s", c == null ? "-" : String.format(Locale.ROOT,
                        "%s (%s/%s) n%d+%d", f(c.f1()), f(c.precision()), f(c.recall()), c.total(), c.tp() + c.fn())));
            }
            b.append('\n');
        });
        b.append("\nhard negatives: false-positive rate per label (FP / hard negatives without the label)\n");
        hardNegatives.forEach((label, c) -> b.append(String.format(Locale.ROOT, "%-18s %s  (%d/%d)%n", label,
                pct(c.falsePositiveRate()), c.fp(), c.fp() + c.tn())));
        b.append("\nmost common wrong label sets (gold -> predicted)\n");
        if (confusions.isEmpty()) {
            b.append("  none\n");
        }
        confusions.stream().limit(10).forEach(c -> b.append(String.format(Locale.ROOT, "%4d  %s -> %s%n", c.count(),
                c.gold(), c.predicted())));
        b.append("\nreliability (all labels pooled): score bin, items, mean score, observed positive rate\n");
        for (Bin bin : reliability) {
            if (bin.count() > 0) {
                b.append(String.format(Locale.ROOT, "  %.1f-%.1f %5d %6.3f %6.3f%n", bin.from(), bin.to(), bin.count(),
                        bin.meanScore(), bin.positiveRate()));
            }
        }
        return b.toString();
    }

    /** The same content as {@link #toText()}, as pretty-printed JSON. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("description", description);
        root.put("items", items);
        number(root, "macroF1", macroF1());
        ObjectNode labels = root.putObject("labels");
        byLabel.forEach((label, c) -> {
            ObjectNode node = counts(labels.putObject(label), c);
            node.put("threshold", thresholds.getOrDefault(label, Double.NaN));
            ObjectNode perLang = node.putObject("languages");
            byLabelLang.getOrDefault(label, Map.of()).forEach((lang, lc) -> counts(perLang.putObject(lang), lc));
            Counts hard = hardNegatives.get(label);
            if (hard != null) {
                ObjectNode h = node.putObject("hardNegatives");
                h.put("negatives", hard.fp() + hard.tn());
                h.put("falsePositives", hard.fp());
                number(h, "falsePositiveRate", hard.falsePositiveRate());
            }
        });
        ArrayNode conf = root.putArray("confusions");
        confusions.forEach(c -> conf.addObject().put("gold", c.gold()).put("predicted", c.predicted()).put("count", c.count()));
        ArrayNode rel = root.putArray("reliability");
        reliability.forEach(bin -> {
            ObjectNode node = rel.addObject().put("from", bin.from()).put("to", bin.to()).put("count", bin.count());
            number(node, "meanScore", bin.meanScore());
            number(node, "positiveRate", bin.positiveRate());
        });
        ArrayNode err = root.putArray("errors");
        errors.forEach(e -> {
            ObjectNode node = err.addObject().put("id", e.id()).put("lang", e.lang()).put("kind", e.kind())
                    .put("gold", e.gold()).put("predicted", e.predicted());
            ObjectNode scores = node.putObject("scores");
            e.scores().forEach((label, s) -> scores.put(label, Math.round(s * 1000) / 1000.0));
        });
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write evaluation JSON", e);
        }
    }

    private static ObjectNode counts(ObjectNode node, Counts c) {
        node.put("tp", c.tp()).put("fp", c.fp()).put("fn", c.fn()).put("tn", c.tn());
        number(node, "precision", c.precision());
        number(node, "recall", c.recall());
        number(node, "f1", c.f1());
        return node;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(value * 10000) / 10000.0);
        }
    }

    private static String f(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String pct(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%5.1f%%", value * 100);
    }

    /** Confusion counts of one label; undefined ratios are NaN. */
    public record Counts(int tp, int fp, int fn, int tn) {
        public Counts add(boolean gold, boolean predicted) {
            return new Counts(tp + (gold && predicted ? 1 : 0), fp + (!gold && predicted ? 1 : 0),
                    fn + (gold && !predicted ? 1 : 0), tn + (!gold && !predicted ? 1 : 0));
        }

        public int total() {
            return tp + fp + fn + tn;
        }

        public double precision() {
            return tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? Double.NaN : tp / (double) (tp + fn);
        }

        /** 2TP / (2TP + FP + FN); NaN when the label neither occurs nor is predicted. */
        public double f1() {
            return 2 * tp + fp + fn == 0 ? Double.NaN : 2.0 * tp / (2 * tp + fp + fn);
        }

        public double falsePositiveRate() {
            return fp + tn == 0 ? Double.NaN : fp / (double) (fp + tn);
        }
    }

    /** A wrong prediction pattern: gold label set (e.g. {@code [cloud-outage]}) predicted as another. */
    public record Confusion(String gold, String predicted, int count) {
    }

    /** One reliability bin: scores in [from, to). */
    public record Bin(double from, double to, int count, double meanScore, double positiveRate) {
    }

    /** A misclassified item. */
    public record Error(String id, String lang, String kind, String gold, String predicted, Map<String, Double> scores) {
    }
}
