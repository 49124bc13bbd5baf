package io.newsroute.classify.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {
    static final Path FIXTURE = Path.of("src/test/resources/corpus");

    @Test
    void loadsEveryLanguageFolderSortedById() {
        List<LabelledArticle> items = Corpus.load(FIXTURE);

        assertThat(items).hasSize(80);
        assertThat(items).extracting(LabelledArticle::lang).containsOnly("de", "en");
        assertThat(items).isSortedAccordingTo((a, b) -> a.id().compareTo(b.id()));
        LabelledArticle first = items.get(0);
        assertThat(first.id()).isEqualTo("de-f001");
        assertThat(first.labels()).containsExactly("cloud-outage");
        assertThat(first.kind()).isEqualTo("positive");
        assertThat(items).filteredOn(LabelledArticle::isHardNegative).hasSize(32)
                .allSatisfy(item -> assertThat(item.labels()).isEmpty());
    }

    @Test
    void headlineOnlyItemsAndMissingFieldsAreFine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("nl"));
        Files.writeString(dir.resolve("nl/articles.jsonl"),
                "{\"id\":\"nl-1\",\"title\":\"Storing bij Azure\",\"body\":\"\",\"labels\":[\"cloud-outage\"],\"kind\":\"headline\"}\n\n"
                        + "{\"id\":\"nl-2\",\"title\":\"Weerbericht\",\"labels\":[]}\n");

        assertThat(Corpus.load(dir)).extracting(LabelledArticle::id, LabelledArticle::lang, LabelledArticle::body)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nl-1", "nl", ""),
                        org.assertj.core.groups.Tuple.tuple("nl-2", "nl", ""));
    }

    @Test
    void badLinesNameFileAndLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("en"));
        Files.writeString(dir.resolve("en/articles.jsonl"),
                "{\"id\":\"en-1\",\"title\":\"t\",\"labels\":[]}\n{\"id\":\"en-2\",\"title\":\"t\",\"labels\":[\"weather\"]}\n");

        assertThatThrownBy(() -> Corpus.load(dir)).hasMessageContaining("articles.jsonl:2").hasMessageContaining("weather");
    }
}
