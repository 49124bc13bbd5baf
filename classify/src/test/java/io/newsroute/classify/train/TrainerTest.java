package io.newsroute.classify.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.newsroute.classify.model.FeatureExtractor;
import io.newsroute.classify.model.LabelScores;
import io.newsroute.classify.model.ModelMetadata;
import io.newsroute.classify.model.ModelScorer;
import io.newsroute.schema.Evidence;
import io.newsroute.schema.Labels;

/** Trains a tiny model from the fixture corpus, saves, reloads and scores it: the training path cannot rot. */
class TrainerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final List<String> LANGUAGES = List.of("en", "de");
    private static List<LabelledArticle> corpus;
    private static Trainer.Result result;
    private static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void train() {
        corpus = Corpus.load(CorpusTest.FIXTURE);
        FeatureExtractor extractor = FeatureExtractor.create(LANGUAGES, 1 << 14);
        result = new Trainer(extractor, List.of(0.5, 2.0), 1, progress::add, CLOCK).train(corpus);
    }

    @Test
    void trainsOneModelPerLabelWithCrossValidatedThresholds() {
        ModelMetadata metadata = result.model().metadata();
        assertThat(metadata.modelVersion()).matches("lr-20250301-[0-9a-f]{8}");
        assertThat(metadata.languages()).containsExactlyInAnyOrder("en", "de");
        assertThat(metadata.thresholds()).containsOnlyKeys(Labels.ALL)
                .allSatisfy((label, t) -> assertThat(t).isBetween(0.2, 0.8));
        assertThat(metadata.sigmas().values()).allSatisfy(s -> assertThat(s).isIn(0.5, 2.0));
        assertThat(metadata.facts()).containsKeys("train.size", "cv.folds", "corpus.sha256");
        assertThat(Integer.parseInt(metadata.facts().get("train.size")))
                .isEqualTo((int) corpus.stream().filter(i -> i.split() != Split.TEST).count());
        assertThat(progress).anyMatch(line -> line.startsWith("cloud-outage: sigma"));
        assertThat(result.tuning()).containsOnlyKeys(Labels.ALL);
    }

    @Test
    void sameCorpusGivesTheSameModel() {
        Trainer trainer = new Trainer(FeatureExtractor.create(LANGUAGES, 1 << 14), List.of(0.5, 2.0), 1, line -> { }, CLOCK);
        java.util.concurrent.atomic.AtomicInteger fits = new java.util.concurrent.atomic.AtomicInteger();
        Trainer.Result again = trainer.train(corpus, fits::addAndGet);
        // progress: 3 labels x (2 sigmas x 5 folds + the final fit)
        assertThat(trainer.fits()).isEqualTo(33);
        assertThat(fits.get()).isEqualTo(trainer.fits());
        assertThat(again.model().modelVersion()).isEqualTo(result.model().modelVersion());
        String text = "Cloudflare outage knocks websites offline";
        assertThat(again.model().probabilities(text, "", "en"))
                .isEqualTo(result.model().probabilities(text, "", "en"));
    }

    @Test
    void savesReloadsAndScoresTheSame(@TempDir Path dir) throws IOException {
        result.model().save(dir);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder(
                "cloud-outage.ser.gz", "security-breach.ser.gz", "stock-commentary.ser.gz", "model.properties");

        ModelScorer reloaded = ModelScorer.load(dir, LANGUAGES);

        assertThat(reloaded.modelVersion()).isEqualTo(result.model().modelVersion());
        assertThat(reloaded.metadata()).isEqualTo(result.model().metadata());
        String title = "Hetzner outage takes customer sites offline";
        String body = "A failure at Hetzner took websites offline for hours on Monday. The provider restored service.";
        Map<String, Double> before = result.model().probabilities(title, body, "en");
        LabelScores after = reloaded.score(title, body, "en");
        for (String label : Labels.ALL) {
            assertThat(after.score(label)).as(label).isCloseTo(before.get(label), within(1e-9)); // fast path == CoreNLP
        }
        assertThat(after.score(Labels.CLOUD_OUTAGE)).isGreaterThan(after.score(Labels.STOCK_COMMENTARY))
                .isGreaterThan(after.score(Labels.SECURITY_BREACH));
        List<Evidence> evidence = after.evidenceOf(Labels.CLOUD_OUTAGE);
        assertThat(evidence).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        for (int i = 0; i < evidence.size(); i++) {
            Evidence e = evidence.get(i);
            String field = e.getField().equals("title") ? title : body;
            assertThat(field.substring(e.getStart(), e.getEnd())).isEqualTo(e.getText());
            assertThat(e.getWeight()).isPositive();
            if (i > 0) {
                assertThat(evidence.get(i - 1).getWeight()).isGreaterThanOrEqualTo(e.getWeight());
            }
        }
    }

    @Test
    void aModelRefusesAnotherFeatureRecipe(@TempDir Path dir) throws IOException {
        result.model().save(dir);
        Files.writeString(dir.resolve("model.properties"),
                Files.readString(dir.resolve("model.properties")).replace("features=f1", "features=f0"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelScorer.load(dir, LANGUAGES))
                .hasMessageContaining("retrain");
    }

    @Test
    void aModelRecordsItsLexiconsAndRefusesOthers(@TempDir Path dir) throws IOException {
        result.model().save(dir);
        String properties = Files.readString(dir.resolve("model.properties"));
        String digest = result.model().extractor().lexiconDigest();
        org.assertj.core.api.Assertions.assertThat(properties).contains("lexicon.sha256=" + digest);

        Files.writeString(dir.resolve("model.properties"), properties.replace("lexicon.sha256=" + digest, "lexicon.sha256=" + "0".repeat(64)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelScorer.load(dir, LANGUAGES))
                .hasMessageContaining("other lexicons").hasMessageContaining("retrain");
    }

    @Test
    void crossValidationCoversTrainAndDevButNeverTest() {
        long development = corpus.stream().filter(i -> i.split() != Split.TEST).count();
        assertThat(corpus.stream().filter(i -> i.split() == Split.TEST)).as("the fixture has test items to leave out").isNotEmpty();
        assertThat(result.crossValidation().items()).isEqualTo((int) development);
        assertThat(result.crossValidation().toJson()).contains("\"macroF1\"");
    }

    @Test
    void foldsAreStableAndCoverEveryFold() {
        assertThat(Trainer.fold("en-0001")).isEqualTo(Trainer.fold("en-0001")).isBetween(0, Trainer.FOLDS - 1);
        assertThat(corpus.stream().map(i -> Trainer.fold(i.id())).distinct().count()).isEqualTo(Trainer.FOLDS);
    }
}
