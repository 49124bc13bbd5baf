package io.newsroute.app.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.newsroute.sink.search.NewsSearch;
import io.newsroute.sink.search.SearchHit;
import io.newsroute.sink.search.SearchResult;

/**
 * The read-only JSON API over {@link NewsSearch}, independent of the HTTP server: each method
 * takes the raw query string and returns the response body as plain maps and lists (serialised
 * by {@link WebServer}). Input problems are {@link BadRequestException}s.
 *
 * <p>In every hit, {@code title}, {@code source}, {@code url}, facts and entities are the raw
 * article text (a client renders them as text); {@code titleHtml} and {@code snippetHtml} are
 * HTML-escaped text whose only markup is {@code <em>…</em>} around matched terms.
 */
public final class SearchApi {
    /** How far {@code /api/updates} looks back before {@code since}: an article may be indexed a little after it was processed. */
    static final Duration UPDATE_OVERLAP = Duration.ofSeconds(30);
    private static final int UPDATE_LIMIT = 100;

    private final NewsSearch search;

    public SearchApi(NewsSearch search) {
        this.search = Objects.requireNonNull(search, "search");
    }

    /** {@code GET /api/search?...}: hits, facets, total and paging. */
    public Map<String, Object> search(String rawQuery) {
        SearchParams.Parsed parsed = SearchParams.parse(rawQuery);
        SearchResult result = search.search(parsed.query());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", result.total());
        body.put("page", parsed.page());
        body.put("size", parsed.size());
        body.put("pages", (result.total() + parsed.size() - 1) / parsed.size());
        body.put("sort", parsed.query().byRelevance() ? "relevance" : "time");
        List<Map<String, Object>> hits = new ArrayList<>();
        result.hits().forEach(hit -> hits.add(hit(hit)));
        body.put("hits", hits);
        Map<String, Object> facets = new LinkedHashMap<>();
        result.facets().forEach((name, counts) -> {
            List<Map<String, Object>> buckets = new ArrayList<>();
            counts.forEach((value, count) -> {
                Map<String, Object> bucket = new LinkedHashMap<>();
                bucket.put("value", value);
                bucket.put("count", count);
                buckets.add(bucket);
            });
            facets.put(name, buckets);
        });
        body.put("facets", facets);
        return body;
    }

    /** {@code GET /api/articles/{id}}: one article, or a {@link NotFoundException}. */
    public Map<String, Object> article(String id) {
        if (id == null || id.isBlank() || id.length() > 512) {
            throw new BadRequestException("id", "article id must be 1 to 512 characters");
        }
        return search.get(id).map(SearchApi::hit).orElseThrow(() -> new NotFoundException("no article with id '" + id + "'"));
    }

    /**
     * {@code GET /api/updates?since=<instant>}: articles processed since then (with a
     * {@link #UPDATE_OVERLAP} look-back, so clients de-duplicate by id), oldest first, and the
     * cursor {@code next} to pass as {@code since} in the next poll. Without {@code since}, no
     * articles and the current time as cursor.
     */
    public Map<String, Object> updates(String rawQuery, Instant now) {
        Map<String, List<String>> params = SearchParams.decode(rawQuery);
        for (String name : params.keySet()) {
            if (!name.equals("since")) {
                throw new BadRequestException(name, "unknown parameter '" + name + "'; known: since");
            }
        }
        String sinceText = SearchParams.single(params, "since", "");
        Map<String, Object> body = new LinkedHashMap<>();
        if (sinceText.isEmpty()) {
            body.put("articles", List.of());
            body.put("next", now.toString());
            return body;
        }
        Instant since;
        try {
            since = Instant.parse(sinceText);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("since", "since: '" + sinceText + "' is not an instant like 2024-05-01T10:00:00Z");
        }
        List<SearchHit> hits = search.processedSince(since.minus(UPDATE_OVERLAP), UPDATE_LIMIT);
        Instant next = since;
        List<Map<String, Object>> articles = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SearchHit hit : hits) {
            if (seen.add(hit.id())) {
                articles.add(hit(hit));
            }
            try {
                Instant processed = Instant.parse(hit.processedAt());
                if (processed.isAfter(next)) {
                    next = processed;
                }
            } catch (DateTimeParseException e) {
                // an article without processedAt never moves the cursor
            }
        }
        body.put("articles", articles);
        body.put("next", next.toString());
        return body;
    }

    static Map<String, Object> hit(SearchHit hit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", hit.id());
        json.put("title", hit.title());
        json.put("titleHtml", hit.titleHighlight());
        json.put("url", hit.url());
        json.put("source", hit.source());
        json.put("date", hit.publishedAt());
        json.put("processedAt", hit.processedAt());
        json.put("language", hit.language());
        List<Map<String, Object>> labels = new ArrayList<>();
        for (String label : hit.labels()) {
            Map<String, Object> chip = new LinkedHashMap<>();
            chip.put("name", label);
            chip.put("score", hit.scores().getOrDefault(label, 0.0));
            labels.add(chip);
        }
        json.put("labels", labels);
        json.put("scores", new LinkedHashMap<>(hit.scores()));
        json.put("snippetHtml", hit.snippet());
        json.put("facts", hit.facts());
        json.put("entities", hit.entities());
        return json;
    }

    /** No such resource: answered with 404 and a JSON error. */
    public static final class NotFoundException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotFoundException(String message) {
            super(message);
        }
    }
}
