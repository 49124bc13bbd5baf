package io.newsroute.ingest;

import java.util.List;

/**
 * The outcome of one ingest run.
 *
 * @param articles articles read and acknowledged by the broker
 * @param problems input that could not be ingested, in reading order
 */
public record IngestReport(long articles, List<IngestProblem> problems) {

    public IngestReport {
        if (articles < 0) {
            throw new IllegalArgumentException("articles must be >= 0, was " + articles);
        }
        problems = List.copyOf(problems);
    }
}
