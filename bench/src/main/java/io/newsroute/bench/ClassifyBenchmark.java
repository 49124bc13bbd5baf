package io.newsroute.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.newsroute.classify.ClassifyConfig;
import io.newsroute.classify.model.LabelScores;
import io.newsroute.classify.model.ModelScorer;
import io.newsroute.classify.stage.LanguageStage;
import io.newsroute.classify.stage.Normaliser;
import io.newsroute.schema.LanguageInfo;

/**
 * The per-article cost that decides throughput on a firehose: normalisation, language detection
 * (title + 400-char body prefix) and scoring with the trained models (with evidence), on a ~3 KB
 * article (seed 001, German, 3.3 KB). Entity and fact extraction is measured separately
 * ({@link ExtractBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClassifyBenchmark {
    private Normaliser normaliser;
    private LanguageStage language;
    private ModelScorer scorer;
    private String title;
    private String body;

    @Setup(Level.Trial)
    public void setUp() {
        ClassifyConfig config = ClassifyConfig.defaults();
        normaliser = new Normaliser();
        scorer = ModelScorer.loadDefault(config.languages());
        language = new LanguageStage(config.languages(), config.detectPrefixChars(), false, Set.of("de", "nl", "en", "fr", "es", "it", "pt", "pl"));
        String text = read("/samples/seeds/001_f206bbed3fab92e7.txt");
        int cut = text.indexOf('\n');
        title = text.substring(0, Math.min(cut, 120));
        body = text;
    }

    @Benchmark
    public LanguageInfo detectLanguage() {
        return language.detect(title, body);
    }

    @Benchmark
    public LabelScores score() {
        return scorer.score(title, body, "de");
    }

    /** What the topology pays per article before extraction: normalise, detect, score. */
    @Benchmark
    public LabelScores normaliseDetectAndScore() {
        String t = normaliser.normalise(title, "text/plain");
        String b = normaliser.normalise(body, "text/plain");
        return scorer.score(t, b, language.detect(t, b).getCode());
    }

    private static String read(String resource) {
        try (InputStream in = ClassifyBenchmark.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the bench jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
