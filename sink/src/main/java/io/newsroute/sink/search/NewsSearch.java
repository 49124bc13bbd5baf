package io.newsroute.sink.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch._types.mapping.FieldType;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;

/**
 * Searches the news index through its alias. The user's text goes into a
 * {@code simple_query_string} (its syntax cannot express arbitrary query DSL and never fails on
 * bad syntax) over {@code title^2}, every {@code title_<lang>^2}, {@code body}, every
 * {@code body_<lang>} and the catch-all {@code all_text^0.5}, so a German query is stemmed against
 * German articles while the {@code standard} fields still match exact words in any language.
 * Filters (labels, languages, fact values, publication date range) are filter clauses (they do
 * not affect scoring); the facets ({@link #FACETS}) are terms aggregations over all matches.
 * Highlights are HTML-encoded by OpenSearch ({@code encoder: html}): only the {@code <em>} markers
 * are markup. Thread-safe.
 */
public final class NewsSearch {
    /** Facet name to the keyword field it counts and filters. */
    public static final Map<String, String> FACETS = facets();

    private static final List<String> TEXT_FIELDS = List.of("title^2", "title_*^2", "body", "body_*", "all_text^0.5");
    private static final List<String> SOURCE_FIELDS = List.of(
            "id", "title", "url", "source", "language", "labels", "scores", "publishedAt", "processedAt", "body",
            "facts", "entities");
    private static final int FRAGMENT_SIZE = 160;
    private static final int FALLBACK_SNIPPET_CHARS = 200;
    private static final int FACET_SIZE = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenSearchClient client;
    private final String alias;

    public NewsSearch(OpenSearchClient client, String alias) {
        this.client = Objects.requireNonNull(client, "client");
        this.alias = Objects.requireNonNull(alias, "alias");
    }

    private static Map<String, String> facets() {
        Map<String, String> facets = new LinkedHashMap<>();
        facets.put("labels", "labels");
        facets.put("languages", "language");
        facets.put("provider", "facts.outage.provider");
        facets.put("victim", "facts.breach.victim");
        facets.put("company", "facts.stock.company");
        facets.put("ticker", "facts.stock.ticker");
        return java.util.Collections.unmodifiableMap(facets);
    }

    /**
     * Runs the query. An index that does not exist yet (nothing indexed so far) gives an empty result.
     *
     * @throws UncheckedIOException if OpenSearch cannot be reached
     * @throws OpenSearchException if OpenSearch refuses the request (not caused by user text, which
     *     {@code simple_query_string} with {@code lenient} always accepts)
     */
    public SearchResult search(SearchQuery query) {
        Objects.requireNonNull(query, "query");
        SearchResponse<JsonNode> response = execute(request(query));
        if (response == null) {
            return SearchResult.empty();
        }
        List<SearchHit> hits = new ArrayList<>();
        for (Hit<JsonNode> hit : response.hits().hits()) {
            hits.add(toHit(hit));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        FACETS.keySet().forEach(name -> facets.put(name, counts(response.aggregations().get(name))));
        return new SearchResult(total, hits, facets);
    }

    /** The article with this id, if indexed. */
    public Optional<SearchHit> get(String id) {
        Objects.requireNonNull(id, "id");
        try {
            GetResponse<JsonNode> response = client.get(g -> g.index(alias).id(id), JsonNode.class);
            if (!response.found() || response.source() == null) {
                return Optional.empty();
            }
            JsonNode source = response.source();
            return Optional.of(toHit(response.id(), source, Map.of()));
        } catch (OpenSearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read article " + id + " from " + alias, e);
        }
    }

    /**
     * Articles processed at or after {@code since} (by {@code processedAt}), oldest first, for live
     * updates. Callers de-duplicate by id: an article indexed late can come in a later poll.
     */
    public List<SearchHit> processedSince(Instant since, int size) {
        Objects.requireNonNull(since, "since");
        if (size < 1 || size > SearchQuery.MAX_SIZE) {
            throw new IllegalArgumentException("size must be in 1.." + SearchQuery.MAX_SIZE + ", got " + size);
        }
        SearchRequest request = SearchRequest.of(r -> r.index(alias)
                .query(q -> q.range(g -> g.field("processedAt").gte(JsonData.of(since.toString()))))
                .size(size)
                .source(s -> s.filter(f -> f.includes(SOURCE_FIELDS)))
                .sort(s -> s.field(f -> f.field("processedAt").order(SortOrder.Asc).unmappedType(FieldType.Date))));
        SearchResponse<JsonNode> response = execute(request);
        if (response == null) {
            return List.of();
        }
        List<SearchHit> hits = new ArrayList<>();
        for (Hit<JsonNode> hit : response.hits().hits()) {
            hits.add(toHit(hit));
        }
        return hits;
    }

    private SearchResponse<JsonNode> execute(SearchRequest request) {
        try {
            return client.search(request, JsonNode.class);
        } catch (OpenSearchException e) {
            if (e.status() == 404 && "index_not_found_exception".equals(e.error().type())) {
                return null;
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + alias, e);
        }
    }

    SearchRequest request(SearchQuery query) {
        List<Query> filters = new ArrayList<>();
        addTerms(filters, "labels", query.labels());
        addTerms(filters, "language", query.languages());
        addTerms(filters, FACETS.get("provider"), query.providers());
        addTerms(filters, FACETS.get("victim"), query.victims());
        addTerms(filters, FACETS.get("company"), query.companies());
        addTerms(filters, FACETS.get("ticker"), query.tickers());
        if (query.from().isPresent() || query.to().isPresent()) {
            filters.add(Query.of(q -> q.range(r -> {
                r.field("publishedAt");
                query.from().ifPresent(from -> r.gte(JsonData.of(from.toString())));
                query.to().ifPresent(to -> r.lt(JsonData.of(to.toString())));
                return r;
            })));
        }
        boolean hasText = !query.text().isEmpty();
        Query main = hasText
                ? Query.of(q -> q.simpleQueryString(s -> s
                        .query(query.text())
                        .fields(TEXT_FIELDS)
                        .defaultOperator(Operator.And)
                        .lenient(true)))
                : Query.of(q -> q.matchAll(m -> m));
        Query bool = Query.of(q -> q.bool(b -> b.must(main).filter(filters)));

        return SearchRequest.of(r -> {
            r.index(alias)
                    .query(bool)
                    .from(query.offset())
                    .size(query.size())
                    .trackTotalHits(t -> t.enabled(true))
                    .source(s -> s.filter(f -> f.includes(SOURCE_FIELDS)));
            FACETS.forEach((name, field) -> r.aggregations(name, a -> a.terms(t -> t.field(field).size(FACET_SIZE))));
            if (hasText) {
                r.highlight(h -> h
                        .encoder(HighlighterEncoder.Html)
                        .fragmentSize(FRAGMENT_SIZE)
                        .numberOfFragments(2)
                        .fields("body_*", f -> f)
                        .fields("body", f -> f)
                        .fields("title_*", f -> f.numberOfFragments(0))
                        .fields("title", f -> f.numberOfFragments(0)));
            }
            if (query.byRelevance()) {
                r.sort(s -> s.score(sc -> sc.order(SortOrder.Desc)));
            }
            r.sort(s -> s.field(f -> f.field("publishedAt").order(SortOrder.Desc)
                    .missing(FieldValue.of("_last")).unmappedType(FieldType.Date)));
            r.sort(s -> s.field(f -> f.field("id").order(SortOrder.Asc).unmappedType(FieldType.Keyword)));
            return r;
        });
    }

    private static void addTerms(List<Query> filters, String field, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
        filters.add(Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(fieldValues)))));
    }

    private static SearchHit toHit(Hit<JsonNode> hit) {
        return toHit(hit.id(), hit.source(), hit.highlight());
    }

    private static SearchHit toHit(String hitId, JsonNode source, Map<String, List<String>> highlight) {
        String body = text(source, "body");
        String title = text(source, "title");
        List<String> labels = strings(source, "labels");
        Map<String, Double> scores = new LinkedHashMap<>();
        if (source != null && source.path("scores").isObject()) {
            source.path("scores").properties().forEach(e -> {
                if (e.getValue().isNumber()) {
                    scores.put(e.getKey(), e.getValue().asDouble());
                }
            });
        }
        Map<String, Object> facts = source != null && source.path("facts").isObject()
                ? JSON.convertValue(source.path("facts"), new TypeReference<Map<String, Object>>() { })
                : Map.of();
        String id = hitId != null ? hitId : text(source, "id");
        return new SearchHit(id, title, text(source, "url"), text(source, "source"),
                text(source, "language"), labels, scores, text(source, "publishedAt"),
                snippet(highlight, body), titleHighlight(highlight, title), facts, strings(source, "entities"),
                text(source, "processedAt"));
    }

    /** The language-specific title highlight first, then the standard one, then the escaped title. */
    static String titleHighlight(Map<String, List<String>> highlight, String title) {
        String best = best(highlight, "title");
        return best != null ? best : escapeHtml(title);
    }

    /** The language-specific highlight (stemmed matches) first, then the standard one, then the body start. */
    static String snippet(Map<String, List<String>> highlight, String body) {
        String best = best(highlight, "body");
        if (best != null) {
            return best;
        }
        String start = body.length() <= FALLBACK_SNIPPET_CHARS ? body : cut(body, FALLBACK_SNIPPET_CHARS) + " …";
        return escapeHtml(start);
    }

    private static String best(Map<String, List<String>> highlight, String field) {
        if (highlight == null || highlight.isEmpty()) {
            return null;
        }
        List<String> best = null;
        for (Map.Entry<String, List<String>> entry : highlight.entrySet()) {
            String name = entry.getKey();
            if (entry.getValue() == null || entry.getValue().isEmpty()
                    || !(name.equals(field) || name.startsWith(field + "_"))) {
                continue;
            }
            if (best == null || name.startsWith(field + "_")) {
                best = entry.getValue();
            }
        }
        return best == null ? null : String.join(" … ", best);
    }

    private static String cut(String text, int max) {
        int end = text.lastIndexOf(' ', max);
        return text.substring(0, end > max / 2 ? end : max).strip();
    }

    /** Escapes {@code < > & " '} for HTML text and attributes. */
    public static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static Map<String, Long> counts(Aggregate aggregate) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (aggregate != null && aggregate.isSterms()) {
            for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
                counts.put(bucket.key(), bucket.docCount());
            }
        }
        return counts;
    }

    private static List<String> strings(JsonNode source, String field) {
        List<String> values = new ArrayList<>();
        if (source != null && source.path(field).isArray()) {
            source.path(field).forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    private static String text(JsonNode source, String field) {
        if (source == null) {
            return "";
        }
        JsonNode value = source.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
