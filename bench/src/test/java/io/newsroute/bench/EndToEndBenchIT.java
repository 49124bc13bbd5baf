package io.newsroute.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the end-to-end harness on a tiny input: it starts, runs both topologies and reports
 * numbers. It never asserts on speed.
 */
class EndToEndBenchIT {

    @Test
    @Timeout(180)
    void producesNumbersForBothTopologies(@TempDir Path work) throws Exception {
        EndToEndBench.Result result = EndToEndBench.run(
                new EndToEndBench.Options(50, 20, Duration.ofSeconds(3), EndToEndBench.findCorpus(), work));

        for (EndToEndBench.Run run : new EndToEndBench.Run[] {result.classify(), result.passThrough()}) {
            assertThat(run.articles()).isEqualTo(50);
            assertThat(run.totalBytes()).isPositive();
            assertThat(run.articlesPerSecond()).isPositive();
            assertThat(run.latencyArticles()).isEqualTo(60);
            assertThat(run.p50Ms()).isPositive();
            assertThat(run.p99Ms()).isGreaterThanOrEqualTo(run.p50Ms());
            assertThat(run.maxMs()).isGreaterThanOrEqualTo(run.p99Ms());
        }
        assertThat(result.ratio()).isPositive();
        assertThat(result.meanChars()).isBetween(300.0, 10_000.0);
        assertThat(result.toJson()).contains("\"classify\":{", "\"passThrough\":{", "classifyToPassThroughRatio");
    }
}
