package io.newsroute.app;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.newsroute.classify.ArticlePipeline;
import io.newsroute.classify.ClassifyConfig;
import io.newsroute.classify.model.ModelScorer;
import io.newsroute.classify.train.Corpus;
import io.newsroute.classify.train.Evaluation;
import io.newsroute.classify.train.Evaluator;
import io.newsroute.classify.train.LabelledArticle;
import io.newsroute.classify.train.Split;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.AvroTrust;

/** Evaluates the model on a split of the labelled corpus; offline, no Kafka. The work is in {@link Evaluator}. */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate the classifier on a split of the labelled corpus: precision, recall and F1 per label and",
            "per label x language, macro-F1, the false-positive rate on hard negatives, a confusion summary",
            "(TP/FP/FN/TN and the most common wrong label sets) and a reliability table of the scores.",
            "",
            "By default every item runs through the same pipeline as `classify` (normalise, detect the",
            "language, score with the model, apply the thresholds); --language corpus skips detection."},
        footer = {"", "Example:  ./newsroute evaluate corpus --split test --json docs/evaluation.json"})
final class EvaluateCommand implements Callable<Integer> {
    enum LanguageSource { detect, corpus }

    @Parameters(arity = "0..1", paramLabel = "CORPUS", description = "Corpus directory (default: <newsroute.home>/corpus).")
    Path corpus;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            description = "test (default; held out), dev, train or all.")
    String split;

    @Option(names = "--ids", paramLabel = "REGEX",
            description = {"Only items whose id matches REGEX, e.g. '.*-5[0-9]{3}' for the batch articles-5.jsonl: report",
                           "a batch that no earlier TEST run has seen on its own."})
    Pattern ids;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path json;

    @Option(names = "--model", paramLabel = "DIR", description = "Model directory (default: the model on the classpath).")
    Path model;

    @Option(names = "--language", paramLabel = "SOURCE", defaultValue = "detect",
            description = "detect (default: language detection, as in production) or corpus (the corpus folder's language).")
    LanguageSource language;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path corpusDir = corpus != null ? corpus : RunState.home().resolve("corpus");
        String wanted = split.toLowerCase(Locale.ROOT);
        if (!List.of("test", "dev", "train", "all").contains(wanted)) {
            throw new IllegalArgumentException("--split must be test, dev, train or all, got " + split);
        }
        List<LabelledArticle> items = Corpus.load(corpusDir).stream()
                .filter(item -> wanted.equals("all") || item.split() == Split.valueOf(wanted.toUpperCase(Locale.ROOT)))
                .filter(item -> ids == null || ids.matcher(item.id()).matches())
                .toList();
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no corpus item in " + corpusDir + " matches --split " + split
                    + (ids == null ? "" : " and --ids " + ids.pattern()));
        }
        ClassifyConfig config = ClassifyConfig.defaults();
        ModelScorer scorer = model != null ? ModelScorer.load(model, config.languages())
                : ModelScorer.loadDefault(config.languages());
        ArticlePipeline pipeline = ArticlePipeline.create(config, scorer);
        Evaluator.Predictor predictor;
        if (language == LanguageSource.corpus) {
            predictor = new io.newsroute.classify.train.Trainer(scorer.extractor(), line -> { }).predictor(scorer);
        } else {
            AvroTrust.install();
            Instant now = Instant.now();
            predictor = item -> {
                RawArticle raw = RawArticle.newBuilder().setId(item.id()).setSource("corpus").setTitle(item.title())
                        .setBody(item.body()).setFetchedAt(now).setContentType("text/plain").build();
                Map<String, Double> scores = pipeline.process(raw, now).getScores();
                return scores;
            };
        }
        String description = String.format(Locale.ROOT, "split %s of %s%s, model %s, language %s",
                wanted, corpusDir, ids == null ? "" : " (ids " + ids.pattern() + ")", scorer.modelVersion(), language);
        Evaluation evaluation;
        try (ProgressMeter meter = ProgressMeter.start("evaluate", items.size(), ProgressMeter.Unit.ITEMS, "articles", spec.commandLine().getErr())) {
            Evaluator.Predictor scoring = predictor;
            evaluation = Evaluator.evaluate(items, item -> {
                Map<String, Double> scores = scoring.scores(item);
                meter.advance(1);
                return scores;
            }, pipeline.thresholds(), description);
        }
        out.println(evaluation.toText());
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(json, evaluation.toJson(), StandardCharsets.UTF_8);
            out.println("JSON written to " + json);
        }
        out.flush();
        return 0;
    }
}
