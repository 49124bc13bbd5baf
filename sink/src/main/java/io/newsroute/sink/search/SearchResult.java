package io.newsroute.sink.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SearchQuery}.
 *
 * @param total number of matching articles (exact)
 * @param hits the requested page of them
 * @param facets per facet ({@link NewsSearch#FACETS}: labels, languages, provider, victim, company,
 *     ticker) the matching articles per value, over all matches (not only the returned hits),
 *     largest first
 */
public record SearchResult(long total, List<SearchHit> hits, Map<String, Map<String, Long>> facets) {
    public SearchResult {
        hits = List.copyOf(hits);
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        facets.forEach((name, counts) -> copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(counts))));
        facets = Collections.unmodifiableMap(copy);
    }

    public static SearchResult empty() {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        NewsSearch.FACETS.keySet().forEach(name -> facets.put(name, Map.of()));
        return new SearchResult(0, List.of(), facets);
    }

    /** Matching articles per label. */
    public Map<String, Long> labelCounts() {
        return facets.getOrDefault("labels", Map.of());
    }

    /** Matching articles per language. */
    public Map<String, Long> languageCounts() {
        return facets.getOrDefault("languages", Map.of());
    }
}
