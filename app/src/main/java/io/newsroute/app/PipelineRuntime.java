package io.newsroute.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;

import io.newsroute.app.config.TopicsConfig;
import io.newsroute.app.ops.MonitoringServer;
import io.newsroute.app.ops.Readiness;
import io.newsroute.app.ops.RuntimeMetrics;
import io.newsroute.classify.ArticlePipeline;
import io.newsroute.classify.ClassifyConfig;
import io.newsroute.classify.ClassifyMetrics;
import io.newsroute.classify.ClassifyStreams;
import io.newsroute.classify.ClassifyTopology;
import io.newsroute.classify.stage.ArticleValidator;
import io.newsroute.ingest.ArticleReader;
import io.newsroute.ingest.RawArticleBatchWriter;
import io.newsroute.ingest.RawArticleProducer;
import io.newsroute.schema.RawArticle;
import io.newsroute.app.web.ArticleIntake;
import io.newsroute.app.web.SearchApi;
import io.newsroute.app.web.WebServer;
import io.newsroute.embedded.EmbeddedConnect;
import io.newsroute.embedded.EmbeddedKafka;
import io.newsroute.embedded.EmbeddedOpenSearch;
import io.newsroute.sink.NewsIndex;
import io.newsroute.sink.OpenSearchSinkConfig;
import io.newsroute.sink.OpenSearchSinkConnector;
import io.newsroute.sink.search.NewsSearch;
import io.newsroute.schema.topic.NewsTopics;

/**
 * The running pipeline in one process: Kafka (given or embedded), OpenSearch (given or embedded),
 * the classify topology and an in-process Connect worker running the OpenSearch sink connector.
 * The embedded services are started in parallel with the (slow) language-model preload.
 *
 * <p>Components that are given by URL are only connected to, never started or stopped.
 *
 * <p>Every runtime records metrics ({@link #meterRegistry()}: JVM, Kafka Streams and clients, the Connect
 * worker, the topology's own meters) and knows whether it is ready ({@link #readiness()}: Streams RUNNING,
 * the broker reachable, the search engine answering). With {@link MonitoringOptions} enabled it serves them
 * as {@code /metrics}, {@code /health} and {@code /ready} from the first moment of start-up.
 */
public final class PipelineRuntime implements AutoCloseable {
    public static final String SINK_CONNECTOR_NAME = "newsroute-opensearch-sink";
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRuntime.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration TOPIC_ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final RuntimeOptions options;
    private final MonitoringOptions monitoringOptions;
    private final RuntimeMetrics metrics = new RuntimeMetrics();
    private final Readiness readiness = new Readiness();
    private MonitoringServer monitoring;
    private volatile AdminClient healthAdmin;
    private volatile SearchConnection healthSearch;
    private EmbeddedKafka kafka;
    private EmbeddedOpenSearch search;
    private EmbeddedConnect connect;
    private WebServer web;
    private SearchConnection webSearch;
    private RawArticleBatchWriter intakeWriter;
    private volatile KafkaStreams streams;
    private ArticlePipeline pipeline;
    private String bootstrapServers;
    private String searchUrl;

    private PipelineRuntime(RuntimeOptions options, MonitoringOptions monitoringOptions) {
        this.options = options;
        this.monitoringOptions = monitoringOptions;
    }

    /** Starts every component the options ask for and waits until the topology is running. */
    public static PipelineRuntime start(RuntimeOptions options, Progress progress) {
        return start(options, MonitoringOptions.disabled(), progress);
    }

    /**
     * As {@link #start(RuntimeOptions, Progress)}, serving {@code /metrics}, {@code /health} and {@code /ready}
     * as {@code monitoring} says; the server is up before anything else starts, so {@code /ready} answers 503
     * until the runtime is ready.
     */
    public static PipelineRuntime start(RuntimeOptions options, MonitoringOptions monitoring, Progress progress) {
        PipelineRuntime runtime = new PipelineRuntime(options, monitoring);
        try {
            runtime.startAll(progress);
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private void startAll(Progress progress) {
        Path dataDir = options.dataDir();
        createDirectories(dataDir);
        registerChecks();
        if (monitoringOptions.enabled()) {
            startMonitoring(progress);
        }
        CompletableFuture<String> kafkaUp = CompletableFuture.supplyAsync(() -> options.bootstrapServers().orElseGet(() -> {
            progress.step("starting embedded Kafka broker (KRaft)");
            kafka = EmbeddedKafka.start(dataDir.resolve("kafka"));
            return kafka.bootstrapServers();
        }));
        CompletableFuture<String> searchUp = options.runSink()
                ? CompletableFuture.supplyAsync(() -> options.searchUrl().orElseGet(() -> {
                    progress.step("starting embedded OpenSearch node");
                    search = EmbeddedOpenSearch.start(dataDir.resolve("opensearch"));
                    return search.httpUrl();
                }))
                : CompletableFuture.completedFuture(options.searchUrl().orElse(""));
        if (options.runClassify()) {
            progress.step("loading language models and lexicons");
            pipeline = ArticlePipeline.create(options.classify(), options.extract());
        }
        bootstrapServers = join(kafkaUp, "Kafka");
        progress.step("Kafka ready at " + bootstrapServers);
        createTopics();
        connectHealthAdmin();
        if (options.runClassify()) {
            startTopology(dataDir.resolve("streams"));
            progress.step("classify topology running (exactly_once_v2)");
        }
        searchUrl = join(searchUp, "OpenSearch");
        if (!searchUrl.isBlank()) {
            healthSearch = searchConnection();
        }
        if (options.runSink()) {
            progress.step("OpenSearch ready at " + searchUrl);
            try (SearchConnection client = searchConnection()) {
                // creates news-v<N> behind "news", or moves an older version's documents over (reindex + alias switch)
                // a long copy shows progress on stderr (only a mapping change makes one)
                try (ProgressMeter meter = ProgressMeter.start("index migration", 0, ProgressMeter.Unit.ITEMS, "documents",
                        new java.io.PrintWriter(System.err, true))) {
                    new NewsIndex(client.client(), options.indexAlias(), options.indexShards(), options.indexReplicas()).migrate((handled, total) -> {
                        meter.total(total);
                        meter.set(handled);
                    });
                }
            }
            startSink(dataDir.resolve("connect.offsets"));
            metrics.bindConnect();
            progress.step("Connect worker running the OpenSearch sink");
        }
    }

    private void startMonitoring(Progress progress) {
        try {
            monitoring = MonitoringServer.start(monitoringOptions.host(), monitoringOptions.port(), metrics::scrape, readiness);
        } catch (java.io.UncheckedIOException e) {
            if (monitoringOptions.port() == 0) {
                throw e;
            }
            progress.step("port " + monitoringOptions.port() + " is busy (" + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
                    + "); serving metrics on a free port instead");
            monitoring = MonitoringServer.start(monitoringOptions.host(), 0, metrics::scrape, readiness);
        }
        progress.step("metrics, health and readiness at " + monitoring.url() + " (/metrics, /health, /ready)");
    }

    /** Streams RUNNING (when this process classifies), the broker reachable, the search engine answering (when there is one). */
    private void registerChecks() {
        if (options.runClassify()) {
            readiness.add("streams", () -> {
                KafkaStreams current = streams;
                if (current == null) {
                    return Readiness.Check.down("not started");
                }
                KafkaStreams.State state = current.state();
                return state == KafkaStreams.State.RUNNING ? Readiness.Check.up(state.name()) : Readiness.Check.down(state.name());
            });
        }
        readiness.add("kafka", this::checkKafka);
        if (options.runSink() || options.searchUrl().isPresent()) {
            readiness.add("search", this::checkSearch);
        }
    }

    private Readiness.Check checkKafka() {
        AdminClient admin = healthAdmin;
        if (admin == null) {
            return Readiness.Check.down("not connected yet");
        }
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) CHECK_TIMEOUT.toMillis()))
                    .nodes().get(CHECK_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            return brokers > 0 ? Readiness.Check.up(brokers + " broker(s) at " + bootstrapServers)
                    : Readiness.Check.down("no broker in the cluster metadata");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Readiness.Check.down("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return Readiness.Check.down("broker unreachable: " + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            return Readiness.Check.down("broker unreachable: no answer within " + CHECK_TIMEOUT.toSeconds() + " s");
        }
    }

    private Readiness.Check checkSearch() {
        SearchConnection search = healthSearch;
        if (search == null) {
            return Readiness.Check.down("not connected yet");
        }
        try {
            return search.client().ping().value() ? Readiness.Check.up("answers at " + searchUrl)
                    : Readiness.Check.down("ping failed at " + searchUrl);
        } catch (java.io.IOException | RuntimeException e) {
            return Readiness.Check.down("unreachable: " + e.getMessage());
        }
    }

    private void connectHealthAdmin() {
        Map<String, Object> config = new HashMap<>(options.kafkaClientConfig());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "newsroute-health");
        AdminClient admin = AdminClient.create(config);
        metrics.bindAdmin(admin);
        healthAdmin = admin;
    }

    private static String join(CompletableFuture<String> future, String what) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("could not start " + what + ": " + cause.getMessage(), cause);
        }
    }

    /** Creates missing topics with the configured layout; existing ones are left alone, differences logged. */
    private void createTopics() {
        Map<String, Object> config = new HashMap<>(options.kafkaClientConfig());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            TopicAdmin topicAdmin = new TopicAdmin(admin, TOPIC_ADMIN_TIMEOUT);
            TopicsConfig layout = options.topicLayout();
            NewsTopics topics;
            try {
                topics = layout.topics(topicAdmin.brokers());
            } catch (ConfigException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            for (TopicAdmin.Created result : topicAdmin.create(topics, layout.replicationFactor() != TopicsConfig.AUTO_REPLICATION)) {
                if (result.outcome() == TopicAdmin.Outcome.DIFFERS) {
                    LOG.warn("topic {} differs from the configured layout: {} (Newsroute never changes existing topics)",
                            result.spec().name(), String.join("; ", result.differences()));
                }
            }
        }
    }

    private void startTopology(Path stateDir) {
        ClassifyMetrics classifyMetrics = ClassifyMetrics.register(metrics.registry(), pipeline, options.classify().languages());
        Topology topology = ClassifyTopology.build(options.topics(), pipeline, Clock.systemUTC(), options.classify(), classifyMetrics);
        // client settings at the top level apply to every client Kafka Streams creates
        Properties props = ClassifyStreams.properties(options.classify(), bootstrapServers, stateDir, options.kafkaClientConfig());
        streams = new KafkaStreams(topology, props);
        metrics.bindStreams(streams);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("classify topology failed; replacing the stream thread", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("classify topology stopped while starting: " + streams.state());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("classify topology not RUNNING after " + START_TIMEOUT.toSeconds() + " s: " + streams.state());
            }
            pause(50);
        }
    }

    private void startSink(Path offsetsFile) {
        Map<String, String> worker = new HashMap<>();
        worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        worker.putAll(connectWorkerClientConfig(options.kafkaClientConfig()));
        connect = EmbeddedConnect.start(bootstrapServers, offsetsFile, worker);
        Map<String, String> connector = new HashMap<>(options.sinkSettings());
        connector.putAll(sinkConnectorConfig(options.topics().enriched().name(), options.topics().dlq().name(),
                searchUrl, options.searchUsername(), options.searchPassword()));
        connector.put(OpenSearchSinkConfig.INDEX_ALIAS, options.indexAlias());
        connect.putConnector(SINK_CONNECTOR_NAME, connector);
        connect.awaitRunning(SINK_CONNECTOR_NAME, Duration.ofMinutes(1));
    }

    /**
     * Kafka client settings for a Connect worker: the worker's own clients read them at the top
     * level, the clients it creates for sink tasks and the dead-letter producer under the
     * {@code consumer.}, {@code producer.} and {@code admin.} prefixes, so each is set four times.
     */
    static Map<String, String> connectWorkerClientConfig(Map<String, Object> client) {
        Map<String, String> worker = new HashMap<>();
        client.forEach((key, value) -> {
            String text = String.valueOf(value);
            worker.put(key, text);
            for (String prefix : new String[] {"consumer.", "producer.", "admin."}) {
                worker.put(prefix + key, text);
            }
        });
        return worker;
    }

    /** The connector configuration: the same keys a Connect cluster in production is given. */
    public static Map<String, String> sinkConnectorConfig(String enrichedTopic, String dlqTopic, String url, String username, String password) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", OpenSearchSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", enrichedTopic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("opensearch.url", url);
        config.put("opensearch.username", username);
        config.put("opensearch.password", password);
        config.put("opensearch.index.alias", "news");
        // rejected documents go to the dead-letter topic through Connect's errant-record reporter
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", dlqTopic);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.put("errors.log.enable", "true");
        return config;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String searchUrl() {
        return searchUrl;
    }

    public ArticlePipeline pipeline() {
        return pipeline;
    }

    public RuntimeOptions options() {
        return options;
    }

    public Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    /** The registry every meter of this runtime is on (Prometheus). */
    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /** The Prometheus text exposition, as {@code /metrics} serves it. */
    public String scrapeMetrics() {
        return metrics.scrape();
    }

    /** The checks behind {@code /ready}. */
    public Readiness readiness() {
        return readiness;
    }

    /** The base URL of {@code /metrics}, {@code /health} and {@code /ready}, when served. */
    public Optional<String> monitoringUrl() {
        return Optional.ofNullable(monitoring).map(MonitoringServer::url);
    }

    /**
     * Serves the search page and JSON API ({@link WebServer}) over this runtime's index until
     * {@link #close()}. Port 0 picks any free port.
     *
     * @return the base URL of the page
     */
    public synchronized String startWebServer(String host, int port) {
        return startWebServer(host, port, ArticleIntake.DEFAULT_MAX_REQUEST_BYTES);
    }

    /**
     * Like {@link #startWebServer(String, int)}, and accepts {@code POST /api/articles} from crawlers
     * into the raw topic ({@link ArticleIntake}), with requests up to {@code maxPostBytes}.
     */
    public synchronized String startWebServer(String host, int port, long maxPostBytes) {
        if (web != null) {
            return web.url();
        }
        if (searchUrl == null || searchUrl.isBlank()) {
            throw new IllegalStateException("no search index to serve: this runtime has no OpenSearch URL");
        }
        webSearch = searchConnection();
        try {
            web = WebServer.start(host, port, new SearchApi(new NewsSearch(webSearch.client(), options.indexAlias())), intake(maxPostBytes));
        } catch (RuntimeException e) {
            webSearch.close();
            webSearch = null;
            throw e;
        }
        return web.url();
    }

    /** The raw topic's producer behind the POST endpoint, with the classify stage's validator. */
    private ArticleIntake intake(long maxPostBytes) {
        Map<String, Object> client = new HashMap<>(options.kafkaClientConfig());
        client.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        intakeWriter = new RawArticleBatchWriter(() -> new RawArticleProducer(client, options.topics().raw()));
        ClassifyConfig classify = options.classify();
        return new ArticleIntake(new ArticleReader(Clock.systemUTC()),
                new ArticleValidator(classify.maxBodyChars(), classify.maxTitleChars(), classify.maxFieldChars()),
                intakeWriter::write, maxPostBytes);
    }

    /** The web page's base URL, when {@link #startWebServer} was called. */
    public Optional<String> webUrl() {
        return Optional.ofNullable(web).map(WebServer::url);
    }

    /** A new client for the search engine this runtime writes to; the caller closes it. */
    public SearchConnection searchConnection() {
        return SearchConnection.open(searchUrl, options.searchUsername(), options.searchPassword());
    }

    /** Stops what this runtime started, in reverse order. Safe to call twice. */
    @Override
    public void close() {
        if (monitoring != null) {
            monitoring.close();
            monitoring = null;
        }
        if (web != null) {
            web.close();
            web = null;
        }
        if (webSearch != null) {
            webSearch.close();
            webSearch = null;
        }
        if (intakeWriter != null) {
            intakeWriter.close();
            intakeWriter = null;
        }
        if (connect != null) {
            closeQuietly("Connect worker", connect);
            connect = null;
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
            streams = null;
        }
        if (healthSearch != null) {
            healthSearch.close();
            healthSearch = null;
        }
        if (healthAdmin != null) {
            healthAdmin.close(Duration.ofSeconds(5));
            healthAdmin = null;
        }
        metrics.close();
        if (search != null) {
            closeQuietly("OpenSearch", search);
            search = null;
        }
        if (kafka != null) {
            closeQuietly("Kafka", kafka);
            kafka = null;
        }
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("error while stopping {}: {}", what, e.toString());
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Where start-up progress goes (the CLI prints it; tests log it). */
    @FunctionalInterface
    public interface Progress {
        void step(String message);
    }
}
