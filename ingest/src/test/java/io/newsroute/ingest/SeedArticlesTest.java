package io.newsroute.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsroute.schema.RawArticle;

/** The five real seed articles (samples/seeds) as the demo ingests them. */
class SeedArticlesTest {
    static final Path SEEDS = Path.of("..", "samples", "seeds");

    private static final List<RawArticle> ARTICLES = new ArrayList<>();
    private static final List<IngestProblem> PROBLEMS = new ArrayList<>();
    private static Map<String, RawArticle> byFile;

    @BeforeAll
    static void readSeeds() {
        new ArticleReader(Clock.systemUTC()).read(SEEDS, ARTICLES::add, PROBLEMS::add);
        byFile = ARTICLES.stream().collect(Collectors.toMap(a -> Path.of(a.getSource()).getFileName().toString()
                .substring(0, 3), Function.identity()));
    }

    @Test
    void allFiveSeedsAreReadWithoutProblems() {
        assertThat(PROBLEMS).isEmpty();
        assertThat(byFile).containsOnlyKeys("000", "001", "002", "003", "004");
        assertThat(ARTICLES).extracting(RawArticle::getSource)
                .allSatisfy(source -> assertThat(source).startsWith(SEEDS.toString()).endsWith(".txt"));
        assertThat(ARTICLES).extracting(RawArticle::getId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{32}"));
    }

    @Test
    void titlesSkipCaptionsAndCredits() {
        assertThat(byFile.get("000").getTitle()).isEqualTo("Ausfälle bei Amazon und Sony - steckt Skynet dahinter?");
        assertThat(byFile.get("000").getBody()).startsWith("Foto: AP").contains("Crash in der Cloud")
                .doesNotContain("Bild nicht mehr verfügbar");
        // first lines that are a long paragraph, a caption with credit or a one-word section label are no headline
        assertThat(byFile.get("001").getTitle()).isEmpty();
        assertThat(byFile.get("002").getTitle()).isEmpty();
        assertThat(byFile.get("003").getTitle()).isEmpty();
        assertThat(byFile.get("004").getTitle()).isEmpty();
    }

    @Test
    void dateLinesGivePublishedAtAndAreRemoved() {
        assertThat(byFile.get("002").getPublishedAt()).isEqualTo(Instant.parse("2017-03-01T00:00:00Z"));
        assertThat(byFile.get("004").getPublishedAt()).isEqualTo(Instant.parse("2017-03-01T00:00:00Z"));
        assertThat(byFile.get("002").getBody()).startsWith("Amazon Cloud Die Amazon Web Services (AWS)")
                .doesNotContain("date 2017");
        assertThat(byFile.get("004").getBody()).startsWith("Services\n\nDe clouddienst Amazon Web Services (AWS)");
        assertThat(byFile.get("000").getPublishedAt()).isNull();
        assertThat(byFile.get("001").getPublishedAt()).isNull();
        assertThat(byFile.get("003").getPublishedAt()).isNull();
    }

    @Test
    void bodiesAreTrimmedAndComplete() {
        assertThat(ARTICLES).allSatisfy(a -> {
            assertThat(a.getBody()).isNotBlank().isEqualTo(a.getBody().strip());
            assertThat(a.getBody().length()).isGreaterThan(500);
            assertThat(a.getContentType()).isEqualTo("text/plain");
            assertThat(a.getUrl()).isNull();
        });
        assertThat(byFile.get("003").getBody()).startsWith("Letzte Woche um diese Zeit");
    }

    @Test
    void idsAreTheSameOnEveryRead() {
        List<RawArticle> again = new ArrayList<>();
        new ArticleReader(Clock.systemUTC()).read(SEEDS, again::add, p -> { });
        assertThat(again).extracting(RawArticle::getId)
                .containsExactlyElementsOf(ARTICLES.stream().map(RawArticle::getId).toList());
    }
}
