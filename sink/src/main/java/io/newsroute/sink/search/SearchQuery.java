package io.newsroute.sink.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A search over the news index. Build one with {@link #builder()}; the compact constructor
 * validates every value, so an invalid query never reaches OpenSearch.
 *
 * @param text user text for {@code simple_query_string} (quotes, {@code -}, {@code |}, {@code *}
 *     work; never raw query DSL); blank means every article
 * @param labels only articles carrying at least one of these labels; empty means no filter
 * @param languages only articles in one of these ISO 639-1 languages; empty means no filter
 * @param providers only outages of one of these providers ({@code facts.outage.provider}); empty: no filter
 * @param victims only breaches of one of these victims ({@code facts.breach.victim}); empty: no filter
 * @param companies only stock articles about one of these companies ({@code facts.stock.company})
 * @param tickers only stock articles about one of these tickers ({@code facts.stock.ticker})
 * @param from only articles published at or after this instant
 * @param to only articles published before this instant
 * @param sort {@link Sort#RELEVANCE} or {@link Sort#TIME} (newest first); {@link Sort#AUTO} is
 *     relevance when there is text, else time
 * @param offset number of hits to skip (paging), {@code 0..}{@link #MAX_WINDOW}{@code - size}
 * @param size number of hits to return, {@code 0..}{@link #MAX_SIZE} (0 gives only total and facets)
 */
public record SearchQuery(String text, List<String> labels, List<String> languages, List<String> providers,
                          List<String> victims, List<String> companies, List<String> tickers,
                          Optional<Instant> from, Optional<Instant> to, Sort sort, int offset, int size) {
    public static final int MAX_SIZE = 1000;
    /** OpenSearch's default {@code index.max_result_window}: offset + size may not exceed it. */
    public static final int MAX_WINDOW = 10_000;

    /** Hit order. */
    public enum Sort { AUTO, RELEVANCE, TIME }

    public SearchQuery {
        text = text == null ? "" : text.strip();
        labels = clean(labels);
        languages = clean(languages);
        providers = clean(providers);
        victims = clean(victims);
        companies = clean(companies);
        tickers = clean(tickers);
        from = from == null ? Optional.empty() : from;
        to = to == null ? Optional.empty() : to;
        sort = sort == null ? Sort.AUTO : sort;
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be in 0.." + MAX_SIZE + ", got " + size);
        }
        if (offset < 0 || offset + size > MAX_WINDOW) {
            throw new IllegalArgumentException("offset must be >= 0 and offset + size <= " + MAX_WINDOW + ", got "
                    + offset + " + " + size);
        }
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from (" + from.get() + ") must be before to (" + to.get() + ")");
        }
    }

    /** Text plus label and language filters, first page. */
    public SearchQuery(String text, List<String> labels, List<String> languages, int size) {
        this(text, labels, languages, List.of(), List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(),
                Sort.AUTO, 0, size);
    }

    /** Text search without filters. */
    public static SearchQuery text(String text, int size) {
        return new SearchQuery(text, List.of(), List.of(), size);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether hits are ordered by score. */
    public boolean byRelevance() {
        return sort == Sort.RELEVANCE || (sort == Sort.AUTO && !text.isEmpty());
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String text = "";
        private List<String> labels = List.of();
        private List<String> languages = List.of();
        private List<String> providers = List.of();
        private List<String> victims = List.of();
        private List<String> companies = List.of();
        private List<String> tickers = List.of();
        private Instant from;
        private Instant to;
        private Sort sort = Sort.AUTO;
        private int offset;
        private int size = 10;

        private Builder() {
        }

        public Builder text(String value) {
            text = value;
            return this;
        }

        public Builder labels(List<String> value) {
            labels = Objects.requireNonNull(value);
            return this;
        }

        public Builder languages(List<String> value) {
            languages = Objects.requireNonNull(value);
            return this;
        }

        public Builder providers(List<String> value) {
            providers = Objects.requireNonNull(value);
            return this;
        }

        public Builder victims(List<String> value) {
            victims = Objects.requireNonNull(value);
            return this;
        }

        public Builder companies(List<String> value) {
            companies = Objects.requireNonNull(value);
            return this;
        }

        public Builder tickers(List<String> value) {
            tickers = Objects.requireNonNull(value);
            return this;
        }

        public Builder from(Instant value) {
            from = value;
            return this;
        }

        public Builder to(Instant value) {
            to = value;
            return this;
        }

        public Builder sort(Sort value) {
            sort = value;
            return this;
        }

        public Builder offset(int value) {
            offset = value;
            return this;
        }

        public Builder size(int value) {
            size = value;
            return this;
        }

        public SearchQuery build() {
            return new SearchQuery(text, labels, languages, providers, victims, companies, tickers,
                    Optional.ofNullable(from), Optional.ofNullable(to), sort, offset, size);
        }
    }
}
