package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The retention durations of {@code topics create --retention}. */
class TopicsCommandTest {

    @ParameterizedTest
    @CsvSource({
        "7d, 604800000",
        "12h, 43200000",
        "30m, 1800000",
        "3600s, 3600000",
        "60000ms, 60000",
        "forever, -1",
        "-1, -1",
        "' 14D ', 1209600000",
    })
    void retentionDurations(String text, long millis) {
        assertThat(TopicsCommand.parseRetention(text)).isEqualTo(millis);
    }

    @Test
    void retentionIsPrintedInTheLargestWholeUnit() {
        assertThat(TopicsCommand.formatRetention(604_800_000L)).isEqualTo("7d");
        assertThat(TopicsCommand.formatRetention(43_200_000L)).isEqualTo("12h");
        assertThat(TopicsCommand.formatRetention(90 * 60_000L)).isEqualTo("90m");
        assertThat(TopicsCommand.formatRetention(1_500L)).isEqualTo("1500ms");
        assertThat(TopicsCommand.formatRetention(-1)).isEqualTo("forever");
        assertThatThrownBy(() -> TopicsCommand.parseRetention("a week"))
                .hasMessageContaining("--retention (topics.retention.ms)").hasMessageContaining("7d");
    }
}
