package io.newsroute.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.newsroute.schema.Labels;
import io.newsroute.sink.search.NewsSearch;
import io.newsroute.sink.search.SearchQuery;
import io.newsroute.sink.search.SearchResult;

/** Queries the search index of a running instance. */
@Command(name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Search the indexed articles of a running instance (`./newsroute demo` or `run`, or --search-url).",
            "QUERY uses simple query syntax: words, \"phrases\", -exclusion, prefix*; an empty QUERY lists the newest."},
        footer = {"", "Example:  ./newsroute search Ausfall --label cloud-outage --language de"})
final class SearchCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "QUERY", description = "Words to search for.")
    List<String> words = new ArrayList<>();

    @Option(names = "--label", paramLabel = "LABEL", description = "Only articles with this label (cloud-outage, security-breach, stock-commentary); repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--language", paramLabel = "ISO", description = "Only articles in this language (ISO 639-1, e.g. de); repeatable.")
    List<String> languages = new ArrayList<>();

    @Option(names = "--size", defaultValue = "10", description = "Number of hits to show (default: ${DEFAULT-VALUE}).")
    int size;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        labels.forEach(Labels::requireKnown);
        if (size < 1 || size > 1000) {
            throw new IllegalArgumentException("--size must be between 1 and 1000, was " + size);
        }
        String url = connection.requireSearchUrl();
        try (SearchConnection search = SearchConnection.open(url, connection.searchUsername, connection.searchPassword())) {
            SearchResult result = new NewsSearch(search.client(), "news")
                    .search(new SearchQuery(String.join(" ", words), labels, languages, size));
            Report.printSearch(spec.commandLine().getOut(), String.join(" ", words), result);
        }
        return 0;
    }

}
