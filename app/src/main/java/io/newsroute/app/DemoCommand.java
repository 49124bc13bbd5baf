package io.newsroute.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.ProducerConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.newsroute.app.config.AppConfig;
import io.newsroute.app.config.NewsrouteConfig;
import io.newsroute.ingest.ArticleReader;
import io.newsroute.ingest.RawArticleProducer;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Label;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.sink.NewsIndex;
import io.newsroute.sink.OpenSearchSinkConfig;
import io.newsroute.sink.search.NewsSearch;
import io.newsroute.sink.search.SearchQuery;

/** Everything embedded, the bundled samples through the whole pipeline, then search. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Start an embedded Kafka broker, the classify topology, an embedded OpenSearch node and a Connect worker",
            "with the search sink; ingest the five bundled sample articles; print each article's language, labels",
            "with scores and the topics it went to; run a search. Then keep serving (Kafka and search) until Ctrl-C,",
            "or exit with --once. The demo starts from empty state every time (.newsroute/demo)."},
        footer = {"", "While it runs, from another terminal:",
                  "  ./newsroute search Ausfall",
                  "  kcat -b <bootstrap printed below> -C -t news.cloud-outage -o beginning -e -X isolation.level=read_committed"})
final class DemoCommand implements Callable<Integer> {
    private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(3);

    @Option(names = "--once", description = "Exit after the samples are indexed and the summary is printed.")
    boolean once;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the demo keeps its state (key demo.data.dir; default: .newsroute/demo in the Newsroute home; emptied at start).")
    Path dataDir;

    @Mixin
    ConfigOptions config;

    @Mixin
    WebOptions web;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> flags = web.flags();
        flags.put(AppConfig.DEMO_DATA_DIR, dataDir == null ? null : dataDir.toString());
        NewsrouteConfig settings = config.load(flags, null);
        for (String note : unusedConnectionSettings(settings)) {
            spec.commandLine().getErr().println("note: " + note);
        }
        AppConfig app = settings.app();
        Path dir = app.demoDataDir().map(Path::of).orElseGet(() -> RunState.home().resolve(".newsroute").resolve("demo"));
        // everything embedded: the connection keys of the configuration are not used here (noted above)
        Map<String, String> sink = new HashMap<>(settings.sinkSettings());
        sink.keySet().removeIf(key -> key.startsWith("opensearch.tls."));
        RuntimeOptions options = RuntimeOptions.embedded(dir).with(settings.classify(), settings.extract(), settings.topics(), sink);
        deleteRecursively(dir);
        out.printf(Locale.ROOT, "Newsroute demo (heap limit %d MB, %d cores)%n", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        settings.file().ifPresent(file -> out.println("  config file " + file));
        out.flush();
        long started = System.nanoTime();
        try (PipelineRuntime runtime = PipelineRuntime.start(options, metrics.toOptions(), step -> {
            out.println("  " + step);
            out.flush();
        })) {
            String webUrl = startWeb(out, runtime, app);
            RunState.write(runtime.bootstrapServers(), runtime.searchUrl(), webUrl);
            List<Samples.Sample> samples = Samples.seeds();
            Map<String, Samples.Sample> byId = ingest(runtime, samples);
            out.printf(Locale.ROOT, "  sent %d sample articles to %s%n", samples.size(), runtime.options().topics().raw().name());
            out.flush();

            NewsTopics topics = runtime.options().topics();
            List<EnrichedArticle> articles = new ArrayList<>();
            Map<String, List<String>> routed = new HashMap<>();
            try (OutputWatcher watcher = new OutputWatcher(runtime.bootstrapServers(), topics)) {
                if (!watcher.awaitRouted(byId.keySet(), PIPELINE_TIMEOUT)) {
                    throw new IllegalStateException("the samples did not come through the topology within " + PIPELINE_TIMEOUT.toMinutes() + " minutes");
                }
                for (String id : byId.keySet()) {
                    articles.add(watcher.article(id));
                    routed.put(id, watcher.topicsOf(id));
                }
            }
            try (SearchConnection search = runtime.searchConnection()) {
                String alias = runtime.options().indexAlias();
                awaitIndexed(new NewsIndex(search.client(), alias, 1, 0), byId.size());
                out.printf(Locale.ROOT, "  all %d articles indexed (%.1f s since start)%n%n", byId.size(), (System.nanoTime() - started) / 1e9);
                Report.printArticles(out, articles, routed);
                out.println();
                printExpectations(out, articles, byId);
                out.println();
                Report.printSearch(out, "Ausfall", new NewsSearch(search.client(), alias).search(new SearchQuery("Ausfall", List.of(), List.of(), 5)));
            }
            out.println();
            printEndpoints(out, runtime);
            if (once) {
                return 0;
            }
            out.println("Serving until Ctrl-C.");
            out.flush();
            RunCommand.awaitShutdown(runtime);
            return 0;
        } finally {
            RunState.clear();
        }
    }

    /**
     * The demo starts its own embedded services, so configured connection settings are not used; say so
     * rather than let someone think the demo ran against their cluster.
     */
    static List<String> unusedConnectionSettings(NewsrouteConfig settings) {
        List<String> notes = new ArrayList<>();
        settings.bootstrapServers().ifPresent(servers -> notes.add(String.format(Locale.ROOT,
                "the demo starts its own embedded Kafka broker; %s=%s (from %s) is not used. "
                        + "'./newsroute run' connects to it.", AppConfig.BOOTSTRAP_SERVERS, servers,
                settings.origin(AppConfig.BOOTSTRAP_SERVERS))));
        settings.searchUrl().ifPresent(url -> notes.add(String.format(Locale.ROOT,
                "the demo starts its own embedded OpenSearch node; %s=%s (from %s) is not used. "
                        + "'./newsroute run' connects to it.", OpenSearchSinkConfig.URL, url,
                settings.origin(OpenSearchSinkConfig.URL))));
        return notes;
    }

    private static Map<String, Samples.Sample> ingest(PipelineRuntime runtime, List<Samples.Sample> samples) {
        ArticleReader reader = new ArticleReader(Clock.systemUTC());
        Map<String, Samples.Sample> byId = new java.util.LinkedHashMap<>();
        try (RawArticleProducer producer = new RawArticleProducer(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers()), runtime.options().topics().raw())) {
            for (Samples.Sample sample : samples) {
                RawArticle article = reader.fromPlainText(sample.text(), "samples/seeds/" + sample.file());
                byId.put(article.getId(), sample);
                producer.send(article);
            }
            producer.flush();
        }
        return byId;
    }

    private static void awaitIndexed(NewsIndex index, long expected) {
        long deadline = System.nanoTime() + PIPELINE_TIMEOUT.toNanos();
        while (true) {
            index.refresh();
            long count = index.count();
            if (count >= expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count + " of " + expected + " articles reached the search index within "
                        + PIPELINE_TIMEOUT.toMinutes() + " minutes; see the Connect worker's log");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Compares each sample with what a reader expects (samples/seeds/expected.tsv). */
    private static void printExpectations(PrintWriter out, List<EnrichedArticle> articles, Map<String, Samples.Sample> byId) {
        int matches = 0;
        for (EnrichedArticle article : articles) {
            Samples.Sample sample = byId.get(article.getId());
            Set<String> labels = article.getLabels().stream().map(Label::getName).collect(Collectors.toCollection(LinkedHashSet::new));
            boolean ok = labels.equals(sample.labels()) && article.getLanguage().getCode().equals(sample.language());
            matches += ok ? 1 : 0;
            if (!ok) {
                out.printf(Locale.ROOT, "  %s: expected %s %s, got %s %s%n", sample.file(), sample.language(), sample.labels(),
                        article.getLanguage().getCode(), labels);
            }
        }
        out.printf(Locale.ROOT, "%d/%d samples have the language and labels a reader expects (samples/seeds/expected.tsv)%n", matches, articles.size());
        out.flush();
    }

    /** Starts the search page unless --no-web; a busy port falls back to any free one. Returns the URL or "". */
    static String startWeb(PrintWriter out, PipelineRuntime runtime, AppConfig web) {
        if (!web.webEnabled() || runtime.searchUrl().isBlank()) {
            return "";
        }
        String url;
        try {
            url = runtime.startWebServer(web.webHost(), web.webPort(), web.webPostMaxBytes());
        } catch (UncheckedIOException e) {
            out.printf(Locale.ROOT, "  port %d is busy (%s); serving the search page on a free port instead%n", web.webPort(),
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            url = runtime.startWebServer(web.webHost(), 0, web.webPostMaxBytes());
        }
        out.printf(Locale.ROOT, "  search page at %s%n", url);
        out.flush();
        return url;
    }

    static void printEndpoints(PrintWriter out, PipelineRuntime runtime) {
        out.printf(Locale.ROOT, "Kafka bootstrap:  %s%n", runtime.bootstrapServers());
        out.printf(Locale.ROOT, "  read a topic:   kcat -b %s -C -t news.cloud-outage -o beginning -e -X isolation.level=read_committed%n",
                runtime.bootstrapServers());
        runtime.webUrl().ifPresent(url -> {
            out.printf(Locale.ROOT, "Search page:      %s%n", url);
            out.printf(Locale.ROOT, "  search API:     curl '%sapi/search?q=Ausfall&label=cloud-outage'%n", url);
            out.printf(Locale.ROOT, "  crawlers:       curl -H 'Content-Type: application/x-ndjson' --data-binary @articles.jsonl %sapi/articles%n", url);
        });
        if (!runtime.searchUrl().isBlank()) {
            out.printf(Locale.ROOT, "OpenSearch:       %s (alias \"%s\")%n", runtime.searchUrl(), runtime.options().indexAlias());
            out.println("  search:         ./newsroute search Ausfall --label cloud-outage");
        }
        runtime.monitoringUrl().ifPresent(url -> {
            out.printf(Locale.ROOT, "Metrics:          %smetrics (Prometheus)%n", url);
            out.printf(Locale.ROOT, "  health, ready:  %shealth, %sready%n", url, url);
        });
        out.flush();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the demo directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
