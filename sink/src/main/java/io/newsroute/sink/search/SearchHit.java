package io.newsroute.sink.search;

import java.util.List;
import java.util.Map;

/**
 * One article found. Missing optional values are empty strings, never null.
 *
 * @param publishedAt ISO-8601 instant, or empty when the article has no publication time
 * @param snippet HTML: the escaped text of the best matching body passage(s) with {@code <em>}
 *     around the matched terms, or the escaped start of the body when nothing was highlighted
 */
public record SearchHit(String id, String title, String url, String source, String language, List<String> labels,
                        Map<String, Double> scores, String publishedAt, String snippet) {
    public SearchHit {
        labels = List.copyOf(labels);
        scores = Map.copyOf(scores);
    }
}
