package io.newsroute.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
import io.newsroute.schema.Labels;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;

/**
 * The per-article cost that decides throughput on a firehose: normalisation, language detection
 * (body prefix, then the title) and scoring with the trained models, plus the evidence of every
 * label the article gets (what {@code ArticlePipeline} does), on
 * <ul>
 *   <li>seed 001 (German, 3.3 KB, labelled: it pays for evidence), and</li>
 *   <li>a mix of 200 articles of exactly 3,000 characters from the corpus, all 8 languages, 80%
 *       unlabelled (a news stream is mostly neither outage, breach nor share talk), round robin.</li>
 * </ul>
 * Entity and fact extraction is measured separately ({@link ExtractBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClassifyBenchmark {
    static final int MIX_ARTICLES = 200;
    static final int MIX_CHARS = 3_000;

    private Normaliser normaliser;
    private LanguageStage language;
    private LanguageStage language300;
    private LanguageStage languageFullBody;
    private ModelScorer scorer;
    private String title;
    private String body;
    private final List<String[]> mix = new ArrayList<>();
    private final List<String> mixLanguages = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ClassifyConfig config = ClassifyConfig.defaults();
        normaliser = new Normaliser();
        scorer = ModelScorer.loadDefault(config.languages());
        Set<String> classifiable = Set.of("de", "nl", "en", "fr", "es", "it", "pt", "pl");
        language = new LanguageStage(config.languages(), config.detectPrefixChars(), false, classifiable);
        // the same detector on other body bounds (Lingua's models are shared, so these cost no memory)
        language300 = new LanguageStage(config.languages(), 300, false, classifiable);
        languageFullBody = new LanguageStage(config.languages(), 1_000_000, false, classifiable);
        String text = read("/samples/seeds/001_f206bbed3fab92e7.txt");
        int cut = text.indexOf('\n');
        title = text.substring(0, Math.min(cut, 120));
        body = text;
        EndToEndBench.Mix articles = EndToEndBench.Mix.build(EndToEndBench.findCorpus(), MIX_ARTICLES, MIX_CHARS);
        for (byte[] encoded : articles.encoded) {
            RawArticle raw = NewsSerdes.rawCodec().decode(encoded);
            mix.add(new String[] {raw.getTitle() == null ? "" : raw.getTitle().toString(), raw.getBody().toString()});
            mixLanguages.add(raw.getSource().toString().substring("bench-".length()));
        }
    }

    /** Normalisation (markup, whitespace, control characters) of a 3 KB mix article. */
    @Benchmark
    public String normaliseMix3k() {
        String[] article = mix.get(next++ % mix.size());
        return normaliser.normalise(article[1], "text/plain");
    }

    /** The detection stage as configured (400-char body prefix, then the title) on the 3 KB mix. */
    @Benchmark
    public LanguageInfo detectMix3k() {
        String[] article = mix.get(next++ % mix.size());
        return language.detect(article[0], article[1]);
    }

    /** Scoring plus evidence for the assigned labels on the 3 KB mix (articles in their corpus language). */
    @Benchmark
    public LabelScores scoreMix3k() {
        int i = next++ % mix.size();
        return withEvidence(scorer.score(mix.get(i)[0], mix.get(i)[1], mixLanguages.get(i)));
    }

    /** Lingua on the title alone (high accuracy: a headline is the hard case). */
    @Benchmark
    public LanguageInfo detectTitleMix3k() {
        return language.detect(mix.get(next++ % mix.size())[0], "");
    }

    /** Lingua on a 300-character body prefix. */
    @Benchmark
    public LanguageInfo detectPrefix300Mix3k() {
        return language300.detect("", mix.get(next++ % mix.size())[1]);
    }

    /** Lingua on the whole 3 KB body: what a bounded prefix saves. */
    @Benchmark
    public LanguageInfo detectFullBodyMix3k() {
        return languageFullBody.detect("", mix.get(next++ % mix.size())[1]);
    }

    @Benchmark
    public LanguageInfo detectLanguage() {
        return language.detect(title, body);
    }

    @Benchmark
    public LabelScores score() {
        return withEvidence(scorer.score(title, body, "de"));
    }

    /** What the topology pays per article before extraction: normalise, detect, score, evidence (seed 001). */
    @Benchmark
    public LabelScores normaliseDetectAndScore() {
        return normaliseDetectAndScore(title, body);
    }

    /** The same on the 3 KB corpus mix, one article per call. */
    @Benchmark
    public LabelScores normaliseDetectAndScoreMix3k() {
        String[] article = mix.get(next++ % mix.size());
        return normaliseDetectAndScore(article[0], article[1]);
    }

    private LabelScores normaliseDetectAndScore(String rawTitle, String rawBody) {
        String t = normaliser.normalise(rawTitle, "text/plain");
        String b = normaliser.normalise(rawBody, "text/plain");
        return withEvidence(scorer.score(t, b, language.detect(t, b).getCode()));
    }

    private LabelScores withEvidence(LabelScores scores) {
        for (String label : Labels.ALL) {
            if (scores.score(label) >= scorer.threshold(label)) {
                scores.evidenceOf(label);
            }
        }
        return scores;
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
