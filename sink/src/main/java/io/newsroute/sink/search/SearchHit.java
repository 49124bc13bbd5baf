package io.newsroute.sink.search;

import java.util.List;
import java.util.Map;

/**
 * One article found. Missing optional values are empty strings or empty collections, never null.
 * Every plain field is the article's raw text: render it as text, never as HTML.
 *
 * @param publishedAt ISO-8601 instant, or empty when the article has no publication time
 * @param snippet HTML: the escaped text of the best matching body passage(s) with {@code <em>}
 *     around the matched terms, or the escaped start of the body when nothing was highlighted
 * @param titleHighlight HTML: the escaped title with {@code <em>} around matched terms, or the
 *     escaped title when the title did not match
 * @param facts the extracted facts as in the index: {@code outage}, {@code breach}, {@code stock}
 *     objects of strings, numbers and string lists
 * @param entities the normalised entities
 * @param processedAt when the pipeline processed the article (ISO-8601), or empty
 */
public record SearchHit(String id, String title, String url, String source, String language, List<String> labels,
                        Map<String, Double> scores, String publishedAt, String snippet, String titleHighlight,
                        Map<String, Object> facts, List<String> entities, String processedAt) {
    public SearchHit {
        labels = List.copyOf(labels);
        scores = Map.copyOf(scores);
        facts = Map.copyOf(facts);
        entities = List.copyOf(entities);
    }

    public SearchHit(String id, String title, String url, String source, String language, List<String> labels,
                     Map<String, Double> scores, String publishedAt, String snippet) {
        this(id, title, url, source, language, labels, scores, publishedAt, snippet, NewsSearch.escapeHtml(title),
                Map.of(), List.of(), "");
    }
}
