package io.newsroute.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.newsroute.classify.ClassifyConfig;
import io.newsroute.classify.model.FeatureExtractor;
import io.newsroute.classify.train.Corpus;
import io.newsroute.classify.train.LabelledArticle;
import io.newsroute.classify.train.Trainer;

/** Trains the per-label models from the labelled corpus; offline, no Kafka. The work is in {@link Trainer}. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train the classifier (one logistic-regression model per label) from the labelled corpus",
            "(<corpus>/<lang>/articles*.jsonl) and write the model files: <label>.ser.gz and model.properties.",
            "",
            "Split by a fixed rule on the item id (SHA-256, first byte mod 10: 0-6 train, 7 dev, 8-9 test).",
            "The L2 sigma and the threshold of each label are chosen by 5-fold cross-validation over train+dev,",
            "then each model is fitted on train+dev; test is never read. Reproducible: sorted input,",
            "stable folds, deterministic optimiser."},
        footer = {"", "Example:  ./newsroute train && ./newsroute evaluate corpus --split test",
                  "After training, rebuild (the launcher does it) so that classify/run/demo use the new model."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--corpus", paramLabel = "DIR", description = "Corpus directory (default: <newsroute.home>/corpus).")
    Path corpus;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Where to write the model (default: the classify module's model resources).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path corpusDir = corpus != null ? corpus : RunState.home().resolve("corpus");
        Path outputDir = output != null ? output
                : RunState.home().resolve("classify/src/main/resources/io/newsroute/classify/model");
        List<LabelledArticle> items = Corpus.load(corpusDir);
        out.println("training from " + corpusDir.toAbsolutePath().normalize() + " (" + items.size() + " items)");
        out.flush();
        FeatureExtractor extractor = FeatureExtractor.create(ClassifyConfig.defaults().languages());
        Trainer.Result result;
        try (ProgressMeter meter = ProgressMeter.start("train", 0, ProgressMeter.Unit.ITEMS, "model fits", spec.commandLine().getErr())) {
            Trainer trainer = new Trainer(extractor, line -> meter.printAbove(out, line));
            meter.total(trainer.fits());
            result = trainer.train(items, meter::advance);
        }
        result.model().save(outputDir);
        out.println();
        out.println(result.crossValidation().toText());
        out.println("model " + result.model().modelVersion() + " written to " + outputDir.toAbsolutePath().normalize());
        try (var files = Files.list(outputDir)) {
            files.sorted().forEach(f -> out.println("  " + f.getFileName() + "  " + f.toFile().length() + " bytes"));
        }
        out.flush();
        return 0;
    }
}
