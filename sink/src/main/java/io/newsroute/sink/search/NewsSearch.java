package io.newsroute.sink.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch._types.mapping.FieldType;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;

/**
 * Searches the news index through its alias. The user's text goes into a
 * {@code simple_query_string} (its syntax cannot express arbitrary query DSL and never fails on
 * bad syntax) over {@code title^2}, every {@code title_<lang>^2}, {@code body} and every
 * {@code body_<lang>}, so a German query is stemmed against German articles while the
 * {@code standard} fields still match exact words in any language. Label and language filters
 * are term filters (they do not affect scoring); label and language counts are terms
 * aggregations over all matches. Thread-safe.
 */
public final class NewsSearch {
    private static final List<String> TEXT_FIELDS = List.of("title^2", "title_*^2", "body", "body_*");
    private static final List<String> SOURCE_FIELDS = List.of(
            "id", "title", "url", "source", "language", "labels", "scores", "publishedAt", "body");
    private static final String LABELS_AGG = "labels";
    private static final String LANGUAGES_AGG = "languages";
    private static final int FRAGMENT_SIZE = 160;
    private static final int FALLBACK_SNIPPET_CHARS = 200;

    private final OpenSearchClient client;
    private final String alias;

    public NewsSearch(OpenSearchClient client, String alias) {
        this.client = Objects.requireNonNull(client, "client");
        this.alias = Objects.requireNonNull(alias, "alias");
    }

    /**
     * Runs the query. An index that does not exist yet (nothing indexed so far) gives an empty result.
     *
     * @throws UncheckedIOException if OpenSearch cannot be reached
     */
    public SearchResult search(SearchQuery query) {
        Objects.requireNonNull(query, "query");
        SearchRequest request = request(query);
        SearchResponse<JsonNode> response;
        try {
            response = client.search(request, JsonNode.class);
        } catch (OpenSearchException e) {
            if (e.status() == 404 && "index_not_found_exception".equals(e.error().type())) {
                return SearchResult.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + alias, e);
        }
        List<SearchHit> hits = new ArrayList<>();
        for (Hit<JsonNode> hit : response.hits().hits()) {
            hits.add(toHit(hit));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new SearchResult(total, hits, counts(response.aggregations().get(LABELS_AGG)),
                counts(response.aggregations().get(LANGUAGES_AGG)));
    }

    SearchRequest request(SearchQuery query) {
        List<Query> filters = new ArrayList<>();
        if (!query.labels().isEmpty()) {
            filters.add(terms("labels", query.labels()));
        }
        if (!query.languages().isEmpty()) {
            filters.add(terms("language", query.languages()));
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
                    .size(query.size())
                    .trackTotalHits(t -> t.enabled(true))
                    .source(s -> s.filter(f -> f.includes(SOURCE_FIELDS)))
                    .aggregations(LABELS_AGG, a -> a.terms(t -> t.field("labels").size(50)))
                    .aggregations(LANGUAGES_AGG, a -> a.terms(t -> t.field("language").size(100)));
            if (hasText) {
                r.sort(s -> s.score(sc -> sc.order(SortOrder.Desc)));
                r.highlight(h -> h
                        .encoder(HighlighterEncoder.Html)
                        .fragmentSize(FRAGMENT_SIZE)
                        .numberOfFragments(2)
                        .fields("body_*", f -> f)
                        .fields("body", f -> f));
            }
            r.sort(s -> s.field(f -> f.field("publishedAt").order(SortOrder.Desc)
                    .missing(FieldValue.of("_last")).unmappedType(FieldType.Date)));
            return r;
        });
    }

    private static Query terms(String field, List<String> values) {
        List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(fieldValues))));
    }

    private static SearchHit toHit(Hit<JsonNode> hit) {
        JsonNode source = hit.source();
        String body = text(source, "body");
        List<String> labels = new ArrayList<>();
        if (source != null && source.path("labels").isArray()) {
            source.path("labels").forEach(l -> labels.add(l.asText()));
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        if (source != null && source.path("scores").isObject()) {
            source.path("scores").properties().forEach(e -> {
                if (e.getValue().isNumber()) {
                    scores.put(e.getKey(), e.getValue().asDouble());
                }
            });
        }
        String id = hit.id() != null ? hit.id() : text(source, "id");
        return new SearchHit(id, text(source, "title"), text(source, "url"), text(source, "source"),
                text(source, "language"), labels, scores, text(source, "publishedAt"),
                snippet(hit.highlight(), body));
    }

    /** The language-specific highlight (stemmed matches) first, then the standard one, then the body start. */
    static String snippet(Map<String, List<String>> highlight, String body) {
        if (highlight != null && !highlight.isEmpty()) {
            List<String> best = null;
            for (Map.Entry<String, List<String>> field : highlight.entrySet()) {
                if (field.getValue() == null || field.getValue().isEmpty()) {
                    continue;
                }
                if (best == null || field.getKey().startsWith("body_")) {
                    best = field.getValue();
                }
            }
            if (best != null) {
                return String.join(" … ", best);
            }
        }
        String start = body.length() <= FALLBACK_SNIPPET_CHARS ? body : cut(body, FALLBACK_SNIPPET_CHARS) + " …";
        return escapeHtml(start);
    }

    private static String cut(String text, int max) {
        int end = text.lastIndexOf(' ', max);
        return text.substring(0, end > max / 2 ? end : max).strip();
    }

    static String escapeHtml(String text) {
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

    private static String text(JsonNode source, String field) {
        if (source == null) {
            return "";
        }
        JsonNode value = source.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
