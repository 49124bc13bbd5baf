package io.newsroute.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Evidence;
import io.newsroute.schema.Label;
import io.newsroute.schema.Labels;
import io.newsroute.schema.serde.NewsSerdes;

/** The pipeline on the five real seed articles (acceptance) and its record-level contract. */
class ArticlePipelineTest {
    private static final Instant NOW = Instant.parse("2024-06-01T10:00:00Z");

    static Stream<Arguments> seeds() {
        return TestPipelines.expectedSeeds().stream().map(row -> Arguments.of(row[0], row[1], row[2]));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("seeds")
    void seedGetsExactlyItsExpectedLabelsAndLanguage(String file, String language, String labels) {
        EnrichedArticle enriched = TestPipelines.shared().process(TestPipelines.seed(file), NOW);

        List<String> expected = labels.equals("-") ? List.of() : Arrays.asList(labels.split(","));
        assertThat(enriched.getLanguage().getCode()).isEqualTo(language);
        assertThat(enriched.getLanguage().getClassificationSupported()).isTrue();
        assertThat(enriched.getLabels()).extracting(Label::getName)
                .as("labels of %s with scores %s", file, enriched.getScores())
                .containsExactlyInAnyOrderElementsOf(expected);
        for (Label label : enriched.getLabels()) {
            assertThat(label.getEvidence()).as("evidence of %s", label.getName()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
            for (Evidence evidence : label.getEvidence()) {
                String field = evidence.getField().equals("title") ? enriched.getTitle() : enriched.getBody();
                assertThat(field.substring(evidence.getStart(), evidence.getEnd())).isEqualTo(evidence.getText());
                assertThat(evidence.getWeight()).isPositive();
            }
        }
    }

    @Test
    void allFiveSeedsAreListed() {
        assertThat(TestPipelines.expectedSeeds()).hasSize(5).allSatisfy(row -> assertThat(row).hasSize(3));
    }

    @Test
    void recordCarriesScoresVersionsAndTimes() {
        EnrichedArticle enriched = TestPipelines.shared().process(TestPipelines.seed("003_a64ae466073c5232.txt"), NOW);

        assertThat(enriched.getScores()).containsOnlyKeys(Labels.ALL);
        assertThat(enriched.getScores().values()).allSatisfy(score -> assertThat(score).isBetween(0.0, 1.0));
        assertThat(enriched.getModelVersion()).matches("lr-\\d{8}-[0-9a-f]{8}").isEqualTo(TestPipelines.shared().modelVersion());
        assertThat(enriched.getPipelineVersion()).isEqualTo(ArticlePipeline.pipelineVersion()).isNotBlank();
        assertThat(enriched.getProcessedAt()).isEqualTo(NOW);
        assertThat(enriched.getVersion()).isEqualTo(NOW.toEpochMilli());
        assertThat(enriched.getFetchedAt()).isEqualTo(TestPipelines.FETCHED);
        assertThat(enriched.getFacts()).isNotNull();
        // the record is valid Avro
        assertThat(NewsSerdes.enrichedCodec().decode(NewsSerdes.enrichedCodec().encode(enriched))).isEqualTo(enriched);
    }

    @Test
    void htmlIsNormalisedAndEvidencePointsIntoTheNormalisedText() {
        EnrichedArticle enriched = TestPipelines.shared().process(TestPipelines.article("html-1",
                "<b>AWS outage</b> hits &quot;us-east-1&quot;",
                "<html><head><style>p{color:red}</style><script>var outage = 1;</script></head><body>"
                        + "<p>Amazon Web Services suffered an outage in the us-east-1 region on Monday, knocking many "
                        + "websites offline.</p><p>The AWS status page reported increased error rates for S3 &amp; EC2."
                        + "</p></body></html>", "text/html"), NOW);

        assertThat(enriched.getTitle()).isEqualTo("AWS outage hits \"us-east-1\"");
        assertThat(enriched.getBody()).doesNotContain("<", "color:red", "var outage").contains("S3 & EC2");
        assertThat(enriched.getLabels()).extracting(Label::getName).containsExactly(Labels.CLOUD_OUTAGE);
        Label label = enriched.getLabels().get(0);
        for (Evidence evidence : label.getEvidence()) {
            String field = evidence.getField().equals("title") ? enriched.getTitle() : enriched.getBody();
            assertThat(field.substring(evidence.getStart(), evidence.getEnd())).isEqualTo(evidence.getText());
        }
    }

    @Test
    void headlineOnlyArticleUsesTheTitleLanguage() {
        EnrichedArticle enriched = TestPipelines.shared().process(
                TestPipelines.article("title-only", "Störung bei Microsoft Azure: Teams und Outlook fallen aus", ""), NOW);

        assertThat(enriched.getLanguage().getCode()).isEqualTo("de");
        assertThat(enriched.getLanguage().getTitleCode()).isEqualTo("de");
    }

    @Test
    void emptyTitleAndBodyFailsValidation() {
        assertThatThrownBy(() -> TestPipelines.shared().process(TestPipelines.article("empty", " ", "\n"), NOW))
                .isInstanceOfSatisfying(StageException.class, e -> {
                    assertThat(e.stage()).isEqualTo("validate");
                    assertThat(e.getMessage()).contains("empty title and body");
                });
    }

    @Test
    void markupOnlyFailsNormalisation() {
        assertThatThrownBy(() -> TestPipelines.shared().process(
                TestPipelines.article("markup", "", "<div><script>x()</script></div>", "text/html"), NOW))
                .isInstanceOfSatisfying(StageException.class, e -> assertThat(e.stage()).isEqualTo("normalize"));
    }
}
