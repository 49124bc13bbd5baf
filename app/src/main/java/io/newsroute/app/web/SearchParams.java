package io.newsroute.app.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.newsroute.schema.Labels;
import io.newsroute.sink.search.SearchQuery;

/**
 * Parses and validates the query string of {@code GET /api/search} into a {@link SearchQuery}.
 * Every problem is a {@link BadRequestException} naming the parameter; nothing the user types
 * reaches OpenSearch except as the {@code simple_query_string} text or as exact filter values.
 *
 * <p>Parameters: {@code q} (simple query syntax), {@code label}, {@code language}, {@code provider},
 * {@code victim}, {@code company}, {@code ticker} (repeatable or comma-separated), {@code from}
 * and {@code to} (ISO date {@code 2024-05-01} or instant {@code 2024-05-01T10:00:00Z}; a date
 * {@code to} includes that whole day), {@code sort} ({@code time} or {@code relevance}; default
 * relevance with text, else time), {@code page} (from 1) and {@code size} (1..{@value #MAX_SIZE}).
 */
public final class SearchParams {
    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;
    static final int MAX_TEXT = 1000;
    static final int MAX_VALUE = 200;
    private static final Set<String> KNOWN = Set.of("q", "label", "language", "provider", "victim", "company", "ticker",
            "from", "to", "sort", "page", "size");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    private SearchParams() {
    }

    /** The parsed query, and the page and size it asked for. */
    public record Parsed(SearchQuery query, int page, int size) {
    }

    /** Parses a raw (still URL-encoded) query string; null or empty means all defaults. */
    public static Parsed parse(String rawQuery) {
        return parse(decode(rawQuery));
    }

    /** Parses decoded parameters (name to values in order). */
    public static Parsed parse(Map<String, List<String>> params) {
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new BadRequestException(name, "unknown parameter '" + name + "'; known: " + String.join(", ",
                        KNOWN.stream().sorted().toList()));
            }
        }
        String text = single(params, "q", "");
        if (text.length() > MAX_TEXT) {
            throw new BadRequestException("q", "q is too long: " + text.length() + " characters, at most " + MAX_TEXT);
        }
        List<String> labels = values(params, "label");
        for (String label : labels) {
            if (!Labels.ALL.contains(label)) {
                throw new BadRequestException("label", "label: unknown label '" + label + "'; expected one of "
                        + String.join(", ", Labels.ALL));
            }
        }
        List<String> languages = values(params, "language").stream().map(l -> l.toLowerCase(Locale.ROOT)).toList();
        for (String language : languages) {
            if (!LANGUAGE.matcher(language).matches()) {
                throw new BadRequestException("language", "language: '" + language
                        + "' is not an ISO 639-1 code like de, nl or en");
            }
        }
        int size = integer(params, "size", DEFAULT_SIZE);
        if (size < 1 || size > MAX_SIZE) {
            throw new BadRequestException("size", "size must be between 1 and " + MAX_SIZE + ", got " + size);
        }
        int page = integer(params, "page", 1);
        if (page < 1) {
            throw new BadRequestException("page", "page must be 1 or more, got " + page);
        }
        if ((long) page * size > SearchQuery.MAX_WINDOW) {
            throw new BadRequestException("page", "page * size may not exceed " + SearchQuery.MAX_WINDOW
                    + " (got page " + page + " of size " + size + "); narrow the search instead");
        }
        Instant from = time(params, "from", false);
        Instant to = time(params, "to", true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadRequestException("from", "from (" + from + ") must be before to (" + to + ")");
        }
        SearchQuery.Sort sort = switch (single(params, "sort", "").toLowerCase(Locale.ROOT)) {
            case "" -> SearchQuery.Sort.AUTO;
            case "time" -> SearchQuery.Sort.TIME;
            case "relevance" -> SearchQuery.Sort.RELEVANCE;
            default -> throw new BadRequestException("sort", "sort must be 'time' or 'relevance', got '"
                    + single(params, "sort", "") + "'");
        };
        SearchQuery query = SearchQuery.builder()
                .text(text)
                .labels(labels)
                .languages(languages)
                .providers(values(params, "provider"))
                .victims(values(params, "victim"))
                .companies(values(params, "company"))
                .tickers(values(params, "ticker"))
                .from(from)
                .to(to)
                .sort(sort)
                .offset((page - 1) * size)
                .size(size)
                .build();
        return new Parsed(query, page, size);
    }

    /** Decodes {@code a=1&b=2&a=3} into name to values; a malformed escape is a 400. */
    public static Map<String, List<String>> decode(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
                value = URLDecoder.decode(value, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(name, "malformed URL encoding in parameter '" + name + "': " + e.getMessage());
            }
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    static String single(Map<String, List<String>> params, String name, String fallback) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        if (values.size() > 1) {
            throw new BadRequestException(name, name + " may be given only once");
        }
        return values.get(0).strip();
    }

    /** Repeatable and comma-separated values, blank ones dropped. */
    static List<String> values(Map<String, List<String>> params, String name) {
        List<String> out = new ArrayList<>();
        for (String value : params.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                String v = part.strip();
                if (v.length() > MAX_VALUE) {
                    throw new BadRequestException(name, name + " value is too long (at most " + MAX_VALUE + " characters)");
                }
                if (!v.isEmpty()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static int integer(Map<String, List<String>> params, String name, int fallback) {
        String value = single(params, name, "");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException(name, name + " must be a whole number, got '" + value + "'");
        }
    }

    /** An ISO date (start of day UTC; for an upper bound the start of the next day) or an ISO instant. */
    static Instant time(Map<String, List<String>> params, String name, boolean upperBound) {
        String value = single(params, name, "");
        if (value.isEmpty()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return (upperBound ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name, name + ": '" + value
                    + "' is not a date; use 2024-05-01 or 2024-05-01T10:00:00Z");
        }
    }
}
