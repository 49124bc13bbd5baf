package io.newsroute.sink.search;

import java.util.List;

/**
 * A search over the news index.
 *
 * @param text user text for {@code simple_query_string} (quotes, {@code -}, {@code |}, {@code *}
 *     work; never raw query DSL); blank means every article, newest first
 * @param labels only articles carrying at least one of these labels; empty means no filter
 * @param languages only articles in one of these ISO 639-1 languages; empty means no filter
 * @param size number of hits to return, {@code 0..}{@link #MAX_SIZE} (0 gives only total and counts)
 */
public record SearchQuery(String text, List<String> labels, List<String> languages, int size) {
    public static final int MAX_SIZE = 1000;

    public SearchQuery {
        text = text == null ? "" : text.strip();
        labels = labels == null ? List.of() : labels.stream().filter(l -> l != null && !l.isBlank()).toList();
        languages = languages == null ? List.of() : languages.stream().filter(l -> l != null && !l.isBlank()).toList();
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be in 0.." + MAX_SIZE + ", got " + size);
        }
    }

    /** Text search without filters. */
    public static SearchQuery text(String text, int size) {
        return new SearchQuery(text, List.of(), List.of(), size);
    }
}
