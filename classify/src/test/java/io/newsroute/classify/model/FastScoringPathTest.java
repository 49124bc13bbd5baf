package io.newsroute.classify.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsroute.classify.stage.Normaliser;
import io.newsroute.schema.Labels;

/**
 * The scoring hot path ({@link FeatureExtractor#logits}) skips feature names, spans and descriptions;
 * it must still compute exactly what the full features ({@link FeatureExtractor#extract}, used for
 * training and evidence) give, for every corpus article, in its own language and in a language the
 * model has no lexicon for.
 */
class FastScoringPathTest {
    private static ModelScorer scorer;

    @BeforeAll
    static void load() {
        scorer = ModelScorer.loadDefault(List.of("de", "nl", "en", "fr", "es", "it", "pt", "pl", "sv"));
    }

    @Test
    void fastLogitsEqualTheFullFeatureLogitsOnTheCorpus() throws IOException {
        Normaliser normaliser = new Normaliser();
        int compared = 0;
        for (String[] article : corpus()) {
            String title = normaliser.normalise(article[1], "text/plain");
            String body = normaliser.normalise(article[2], "text/plain");
            for (String language : compared % 5 == 0 ? List.of(article[0], "sv") : List.of(article[0])) {
                double[] reference = scorer.referenceLogits(title, body, language);
                LabelScores scores = scorer.score(title, body, language);
                for (int i = 0; i < reference.length; i++) {
                    double expected = 1.0 / (1.0 + Math.exp(-reference[i]));
                    assertThat(scores.score(Labels.ALL.get(i))).as("%s %s", article[3], Labels.ALL.get(i))
                            .isCloseTo(expected, within(1e-9));
                }
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(1800);
    }

    /** Evidence comes from the scoring pass's tally; it must equal the evidence of the full features. */
    @Test
    void evidenceFromTheTallyEqualsTheEvidenceOfTheFullFeatures() throws IOException {
        Normaliser normaliser = new Normaliser();
        int compared = 0;
        int nonEmpty = 0;
        List<String[]> articles = corpus();
        for (int a = 0; a < articles.size(); a += 4) {
            String[] article = articles.get(a);
            String title = normaliser.normalise(article[1], "text/plain");
            String body = normaliser.normalise(article[2], "text/plain");
            LabelScores scores = scorer.score(title, body, article[0]);
            for (String label : Labels.ALL) {
                var expected = scorer.referenceEvidence(title, body, article[0], label);
                assertThat(scores.evidenceOf(label)).as("%s %s", article[3], label).isEqualTo(expected);
                compared++;
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
        }
        assertThat(compared).isGreaterThan(1000);
        assertThat(nonEmpty).as("evidence found").isGreaterThan(compared / 2);
    }

    @Test
    void evidenceIsComputedOnRequestAndPointsIntoTheText() {
        String title = "AWS-Ausfall legt Signal und Duolingo lahm";
        String body = "Ein stundenlanger Ausfall bei Amazon Web Services in der Region us-east-1 hat am Montag viele Dienste lahmgelegt. "
                + "Ursache war ein DNS-Problem bei DynamoDB, teilte AWS mit.";
        LabelScores scores = scorer.score(title, body, "de");
        assertThat(scores.score(Labels.CLOUD_OUTAGE)).isGreaterThan(scorer.threshold(Labels.CLOUD_OUTAGE));
        var evidence = scores.evidenceOf(Labels.CLOUD_OUTAGE);
        assertThat(evidence).isNotEmpty();
        assertThat(scores.evidenceOf(Labels.CLOUD_OUTAGE)).isSameAs(evidence);
        for (var e : evidence) {
            String text = e.getField().toString().equals("title") ? title : body;
            assertThat(text.substring(e.getStart(), e.getEnd())).isEqualTo(e.getText().toString());
            assertThat(e.getWeight()).isPositive();
        }
        assertThat(scores.evidenceOf("no-such-label")).isEmpty();
    }

    private static List<String[]> corpus() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String[]> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("..", "corpus"))) {
            for (Path dir : dirs.filter(Files::isDirectory).filter(d -> d.getFileName().toString().length() == 2).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                        for (String line : Files.readAllLines(file)) {
                            if (!line.isBlank()) {
                                JsonNode n = json.readTree(line);
                                out.add(new String[] {dir.getFileName().toString(), n.path("title").asText(""),
                                        n.path("body").asText(""), n.path("id").asText()});
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
