package io.newsroute.app;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.newsroute.schema.Labels;
import io.newsroute.app.config.NewsrouteConfig;
import io.newsroute.sink.OpenSearchSinkConfig;
import io.newsroute.sink.search.NewsSearch;
import io.newsroute.sink.search.SearchHit;
import io.newsroute.sink.search.SearchQuery;
import io.newsroute.sink.search.SearchResult;

/**
 * Queries the search API of a running instance ({@code GET /api/search}, the same API the web page
 * uses). With {@code --search-url} it queries OpenSearch directly instead (no running instance
 * needed, e.g. against a production cluster).
 */
@Command(name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Search the indexed articles through the search API of a running instance (`./newsroute demo` or `run`),",
            "or directly in OpenSearch with --search-url.",
            "QUERY uses simple query syntax: words, \"phrases\", -exclusion, prefix*; an empty QUERY lists the newest."},
        footer = {"", "Example:  ./newsroute search Ausfall --label cloud-outage --language de"})
final class SearchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "0..*", paramLabel = "QUERY", description = "Words to search for.")
    List<String> words = new ArrayList<>();

    @Option(names = "--label", paramLabel = "LABEL", description = "Only articles with this label (cloud-outage, security-breach, stock-commentary); repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--language", paramLabel = "ISO", description = "Only articles in this language (ISO 639-1, e.g. de); repeatable.")
    List<String> languages = new ArrayList<>();

    @Option(names = "--provider", paramLabel = "NAME", description = "Only outages of this cloud provider (e.g. AWS); repeatable.")
    List<String> providers = new ArrayList<>();

    @Option(names = "--victim", paramLabel = "NAME", description = "Only breaches of this victim; repeatable.")
    List<String> victims = new ArrayList<>();

    @Option(names = "--company", paramLabel = "NAME", description = "Only stock articles about this company; repeatable.")
    List<String> companies = new ArrayList<>();

    @Option(names = "--ticker", paramLabel = "TICKER", description = "Only stock articles about this ticker; repeatable.")
    List<String> tickers = new ArrayList<>();

    @Option(names = "--from", paramLabel = "DATE", description = "Published on or after (2024-05-01 or 2024-05-01T10:00:00Z).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Published before (a date includes that whole day).")
    String to;

    @Option(names = "--sort", paramLabel = "ORDER", description = "time or relevance (default: relevance with QUERY, else time).")
    String sort;

    @Option(names = "--page", defaultValue = "1", description = "Page of results, from 1 (default: ${DEFAULT-VALUE}).")
    int page;

    @Option(names = "--size", defaultValue = "10", description = "Number of hits per page, 1..100 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--api-url", paramLabel = "URL",
            description = "Base URL of the search API, e.g. http://127.0.0.1:8080/. Default: the running demo's.")
    String apiUrl;

    @Mixin
    ConfigOptions config;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        labels.forEach(Labels::requireKnown);
        String query = String.join(" ", words);
        SearchResult result;
        NewsrouteConfig settings = config.load(connection.flags(), null);
        if (settings.searchUrl().isPresent()) {
            result = direct(query, settings);
        } else {
            result = viaApi(requireApiUrl(), query);
        }
        Report.printSearch(spec.commandLine().getOut(), query, result);
        return 0;
    }

    private String requireApiUrl() {
        return Optional.ofNullable(apiUrl).filter(u -> !u.isBlank()).or(() -> RunState.get(RunState.WEB_URL))
                .orElseThrow(() -> new IllegalArgumentException("no search API to query: start `./newsroute demo` (or `run`) in "
                        + "another terminal first, or pass --api-url URL, or query OpenSearch directly with --search-url URL"));
    }

    /** Direct mode: the query built here, sent to OpenSearch. */
    private SearchResult direct(String query, NewsrouteConfig settings) {
        if (size < 1 || size > 100 || page < 1) {
            throw new IllegalArgumentException("--size must be 1..100 and --page 1 or more");
        }
        SearchQuery.Builder builder = SearchQuery.builder().text(query).labels(labels).languages(languages)
                .providers(providers).victims(victims).companies(companies).tickers(tickers)
                .offset((page - 1) * size).size(size);
        if (sort != null) {
            builder.sort(SearchQuery.Sort.valueOf(sort.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        if (from != null || to != null) {
            throw new IllegalArgumentException("--from/--to need the search API; drop --search-url to use it");
        }
        try (SearchConnection search = SearchConnection.open(settings.searchUrl().orElseThrow(), settings.searchUsername(),
                settings.searchPassword())) {
            String alias = settings.sinkSettings().getOrDefault(OpenSearchSinkConfig.INDEX_ALIAS, "news");
            return new NewsSearch(search.client(), alias).search(builder.build());
        }
    }

    private SearchResult viaApi(String base, String query) throws IOException, InterruptedException {
        Map<String, List<String>> params = new LinkedHashMap<>();
        add(params, "q", query.isBlank() ? List.of() : List.of(query));
        add(params, "label", labels);
        add(params, "language", languages);
        add(params, "provider", providers);
        add(params, "victim", victims);
        add(params, "company", companies);
        add(params, "ticker", tickers);
        add(params, "from", from == null ? List.of() : List.of(from));
        add(params, "to", to == null ? List.of() : List.of(to));
        add(params, "sort", sort == null ? List.of() : List.of(sort));
        add(params, "page", List.of(Integer.toString(page)));
        add(params, "size", List.of(Integer.toString(size)));
        URI uri = URI.create((base.endsWith("/") ? base : base + "/") + "api/search?" + encode(params));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                    .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach the search API at " + base + " (" + e.getMessage()
                    + "); is `./newsroute demo` (or `run`) still running?", e);
        }
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IllegalArgumentException(body.path("error").asText("search API answered " + response.statusCode()));
        }
        return fromJson(body);
    }

    /** The API's JSON answer as a {@link SearchResult} (for the shared terminal report). */
    static SearchResult fromJson(JsonNode body) {
        List<SearchHit> hits = new ArrayList<>();
        for (JsonNode hit : body.path("hits")) {
            List<String> hitLabels = new ArrayList<>();
            Map<String, Double> scores = new LinkedHashMap<>();
            for (JsonNode label : hit.path("labels")) {
                hitLabels.add(label.path("name").asText());
                scores.put(label.path("name").asText(), label.path("score").asDouble());
            }
            hits.add(new SearchHit(hit.path("id").asText(), hit.path("title").asText(), hit.path("url").asText(),
                    hit.path("source").asText(), hit.path("language").asText(), hitLabels, scores, hit.path("date").asText(),
                    hit.path("snippetHtml").asText()));
        }
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        body.path("facets").properties().forEach(facet -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            facet.getValue().forEach(bucket -> counts.put(bucket.path("value").asText(), bucket.path("count").asLong()));
            facets.put(facet.getKey(), counts);
        });
        return new SearchResult(body.path("total").asLong(), hits, facets);
    }

    private static void add(Map<String, List<String>> params, String name, List<String> values) {
        if (!values.isEmpty()) {
            params.put(name, values);
        }
    }

    private static String encode(Map<String, List<String>> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }));
        return query.toString();
    }
}
