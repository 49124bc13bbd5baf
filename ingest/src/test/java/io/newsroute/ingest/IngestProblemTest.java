package io.newsroute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class IngestProblemTest {

    @Test
    void printsLikeACompiler() {
        assertThat(new IngestProblem("articles.jsonl", 17, "not valid JSON: x")).hasToString("articles.jsonl:17: not valid JSON: x");
        assertThat(new IngestProblem("dir/a.json", 0, "cannot read")).hasToString("dir/a.json:0: cannot read");
    }

    @Test
    void rejectsNegativeLines() {
        assertThatThrownBy(() -> new IngestProblem("a", -1, "m")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportCopiesItsProblems() {
        List<IngestProblem> problems = new ArrayList<>(List.of(new IngestProblem("a", 1, "m")));
        IngestReport report = new IngestReport(3, problems);
        problems.clear();
        assertThat(report.problems()).hasSize(1);
        assertThatThrownBy(() -> report.problems().add(new IngestProblem("b", 1, "m")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
