package io.newsroute.sink.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SearchQuery}.
 *
 * @param total number of matching articles (exact)
 * @param hits the first {@code size} of them
 * @param labelCounts matching articles per label, over all matches (not only the returned hits)
 * @param languageCounts matching articles per language, over all matches
 */
public record SearchResult(long total, List<SearchHit> hits, Map<String, Long> labelCounts,
                           Map<String, Long> languageCounts) {
    public SearchResult {
        hits = List.copyOf(hits);
        labelCounts = Collections.unmodifiableMap(new LinkedHashMap<>(labelCounts));
        languageCounts = Collections.unmodifiableMap(new LinkedHashMap<>(languageCounts));
    }

    public static SearchResult empty() {
        return new SearchResult(0, List.of(), Map.of(), Map.of());
    }
}
