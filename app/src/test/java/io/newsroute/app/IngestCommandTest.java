package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


class IngestCommandTest {

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "5m, PT5M", "1h, PT1H", "2d, PT48H", "1500ms, PT1.5S", "PT10M, PT10M", "' 10 m ', PT10M"})
    void pollDurations(String text, String expected) {
        assertThat(IngestCommand.parseDuration(text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void badPollDurations() {
        assertThatThrownBy(() -> IngestCommand.parseDuration("soon")).hasMessage("--poll 'soon' is not a duration: use 30s, 5m, 1h or PT5M");
        assertThatThrownBy(() -> IngestCommand.parseDuration("500ms")).hasMessage("--poll must be at least 1s, was 500ms");
    }

    @Test
    void feedFilesAreRecognisedByExtension() {
        assertThat(IngestCommand.isFeedFile("samples/feed.xml")).isTrue();
        assertThat(IngestCommand.isFeedFile("news.RSS")).isTrue();
        assertThat(IngestCommand.isFeedFile("x.atom")).isTrue();
        assertThat(IngestCommand.isFeedFile("page.html")).isFalse();
    }

    @Test
    void usageErrorsNameTheWayOut() {
        assertThat(run("ingest")).contains("nothing to ingest: give files or directories, - for stdin, --feed or --url");
        assertThat(run("ingest", "https://example.org/feed.xml"))
                .contains("'https://example.org/feed.xml' is a URL: use --feed URL for an RSS/Atom feed or --url URL for a web page");
    }

    private static String run(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).isEqualTo(1);
        return run.err();
    }
}
