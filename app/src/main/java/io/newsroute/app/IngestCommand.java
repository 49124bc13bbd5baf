package io.newsroute.app;

import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.ProducerConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.newsroute.app.config.NewsrouteConfig;
import io.newsroute.ingest.ArticleReader;
import io.newsroute.ingest.FeedPoller;
import io.newsroute.ingest.IngestProblem;
import io.newsroute.ingest.IngestReport;
import io.newsroute.ingest.Ingestor;
import io.newsroute.ingest.PageFetcher;
import io.newsroute.ingest.RawArticleProducer;
import io.newsroute.schema.topic.NewsTopics;

/** Files, directories, feeds and web pages into news.raw. */
@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Send articles to news.raw: .txt (one plain-text article), .json (one article or an array),",
            ".jsonl (one per line), .html/.htm (a web page, reduced to its article text), .xml/.rss/.atom (an RSS or",
            "Atom feed: one article per new item), directories (recursively), or - (JSON lines on stdin).",
            "--feed polls RSS/Atom feeds (URL or file) every --poll until Ctrl-C, or once with --once, with",
            "conditional GET (ETag / If-Modified-Since); the items already sent are remembered per feed in",
            "--state-dir, so nothing is sent twice across polls and restarts. --url fetches web pages.",
            "Each article gets a stable id (canonical URL, else content hash): ingesting twice does not duplicate.",
            "Unparseable files and lines are reported with path and line; the rest still goes in."},
        footer = {"", "Examples:  ./newsroute ingest articles/ --bootstrap-servers 127.0.0.1:9092",
                  "           ./newsroute ingest samples/feed.xml",
                  "           ./newsroute ingest --feed https://example.org/rss.xml --poll 10m",
                  "           ./newsroute ingest --url https://example.org/news/some-article.html",
                  "Exit status: 0 everything sent, 1 some input was reported as a problem (the rest was sent)."})
final class IngestCommand implements Callable<Integer> {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "Files, directories, or - for JSON lines on stdin. .xml, .rss and .atom files are feeds (as --feed FILE --once).")
    List<String> paths = new ArrayList<>();

    @Option(names = "--feed", paramLabel = "URL|FILE", description = "An RSS or Atom feed to poll (repeatable).")
    List<String> feeds = new ArrayList<>();

    @Option(names = "--url", paramLabel = "URL", description = "A web page to ingest as one article (repeatable).")
    List<String> urls = new ArrayList<>();

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "5m",
            description = "How often --feed is polled: 30s, 5m, 1h or ISO-8601 (PT5M); at least 1s (default: ${DEFAULT-VALUE}).")
    String poll;

    @Option(names = "--once", negatable = false, description = "Poll each --feed once and exit.")
    boolean once;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the per-feed state (ETag, Last-Modified, ids sent) is kept (default: .newsroute/feeds in the Newsroute home).")
    Path stateDir;

    @Mixin
    ConfigOptions config;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    /** Counted down when call() is done, summary printed: a Ctrl-C while polling waits for it. */
    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        try {
            return ingest();
        } finally {
            finished.countDown();
        }
    }

    private int ingest() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration interval = parseDuration(poll);
        List<Path> files = new ArrayList<>();
        List<String> feedSources = new ArrayList<>(feeds);
        boolean stdin = false;
        for (String path : paths) {
            if ("-".equals(path)) {
                stdin = true;
            } else if (path.startsWith("http://") || path.startsWith("https://")) {
                throw new IllegalArgumentException("'" + path + "' is a URL: use --feed URL for an RSS/Atom feed or --url URL for a web page");
            } else if (isFeedFile(path)) {
                feedSources.add(path);
            } else {
                files.add(Path.of(path));
            }
        }
        if (files.isEmpty() && feedSources.isEmpty() && urls.isEmpty() && !stdin) {
            throw new IllegalArgumentException("nothing to ingest: give files or directories, - for stdin, --feed or --url");
        }
        boolean polling = !feeds.isEmpty() && !once;
        NewsrouteConfig settings = config.load(connection.flags(), connection.kafkaConfig);
        String bootstrap = ConnectionOptions.requireBootstrapServers(settings);
        NewsTopics topics = settings.topics().names();
        Map<String, Object> client = new HashMap<>(settings.kafkaClient());
        client.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        long articles = 0;
        List<IngestProblem> problems = new ArrayList<>();
        ArticleReader reader = new ArticleReader(Clock.systemUTC());
        try (RawArticleProducer producer = new RawArticleProducer(client, topics.raw())) {
            Ingestor ingestor = new Ingestor(reader, producer);
            if (stdin) {
                articles += report(ingestor.ingestJsonLines(System.in, "stdin"), problems);
            }
            if (!files.isEmpty()) {
                try (ProgressMeter meter = ProgressMeter.start("ingest", ArticleReader.inputBytes(files), ProgressMeter.Unit.BYTES, "", err)) {
                    articles += report(ingestor.ingest(files, listener(meter)), problems);
                }
            }
            HttpClient http = FeedPoller.defaultHttpClient();
            if (!urls.isEmpty()) {
                PageFetcher pages = new PageFetcher(http, reader);
                for (String url : urls) {
                    try {
                        producer.send(pages.fetch(url));
                        articles++;
                    } catch (IllegalArgumentException e) {
                        problems.add(new IngestProblem(url, 0, e.getMessage()));
                    }
                }
                producer.flush();
            }
            if (!feedSources.isEmpty()) {
                Path state = stateDir != null ? stateDir : RunState.home().resolve(".newsroute").resolve("feeds");
                FeedPoller poller = new FeedPoller(http, reader, state, producer);
                articles += pollAll(poller, feedSources, out, problems);
                if (polling) {
                    problems.forEach(err::println);
                    err.flush();
                    problems.clear();
                    out.printf(Locale.ROOT, "polling %d feed%s every %s; Ctrl-C to stop%n", feeds.size(), feeds.size() == 1 ? "" : "s",
                            poll.strip());
                    out.flush();
                    articles += pollUntilStopped(poller, interval, out, err);
                }
            }
        }
        problems.forEach(err::println);
        err.flush();
        out.printf(Locale.ROOT, "sent %d article%s to %s at %s%s%n", articles, articles == 1 ? "" : "s", topics.raw().name(), bootstrap,
                problems.isEmpty() ? "" : "; " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " reported above");
        out.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    private static long report(IngestReport report, List<IngestProblem> problems) {
        problems.addAll(report.problems());
        return report.articles();
    }

    private static Ingestor.Listener listener(ProgressMeter meter) {
        return new Ingestor.Listener() {
            private long sent;

            @Override
            public void read(long bytes) {
                meter.advance(bytes);
            }

            @Override
            public void sent() {
                sent++;
                meter.note(String.format(Locale.ROOT, "%,d articles", sent));
            }
        };
    }

    /** One poll of every feed: one line per feed on {@code out}. */
    private long pollAll(FeedPoller poller, List<String> sources, PrintWriter out, List<IngestProblem> problems) {
        long sent = 0;
        for (String feed : sources) {
            FeedPoller.PollResult result = poller.poll(feed);
            problems.addAll(result.problems());
            sent += result.sent();
            switch (result.outcome()) {
                case READ -> out.printf(Locale.ROOT, "feed %s: %d item%s, %d new%n", feed, result.items(), result.items() == 1 ? "" : "s", result.sent());
                case NOT_MODIFIED -> out.printf(Locale.ROOT, "feed %s: not modified%n", feed);
                case FAILED -> out.printf(Locale.ROOT, "feed %s: failed (see below)%n", feed);
            }
        }
        out.flush();
        return sent;
    }

    /** Polls {@code --feed}s every interval until the JVM is asked to stop; problems go to {@code err} as they happen. */
    private long pollUntilStopped(FeedPoller poller, Duration interval, PrintWriter out, PrintWriter err) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "newsroute-ingest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long sent = 0;
        while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
            List<IngestProblem> problems = new ArrayList<>();
            sent += pollAll(poller, feeds, out, problems);
            problems.forEach(err::println);
            err.flush();
        }
        return sent;
    }

    static boolean isFeedFile(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xml") || lower.endsWith(".rss") || lower.endsWith(".atom");
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, {@code 500ms} or ISO-8601 ({@code PT5M}); at least one second. */
    static Duration parseDuration(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = SHORT_DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--poll '" + text + "' is not a duration: use 30s, 5m, 1h or PT5M");
            }
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("--poll must be at least 1s, was " + text);
        }
        return d;
    }
}
