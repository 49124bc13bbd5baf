package io.newsroute.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.node.NodeValidationException;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single OpenSearch 2.19 node in this JVM, with its real REST API on a free loopback port.
 *
 * <p>The node loads its plugins from the classpath instead of a plugins directory: Netty4 (HTTP and
 * transport), common analysis (the language analyzers such as {@code german} and {@code dutch}) and
 * mapper-extras ({@code scaled_float}, {@code token_count}, {@code search_as_you_type}). It runs as
 * {@code discovery.type=single-node} with disk-based shard allocation off, so it works on a nearly full
 * disk; indices on it should set {@code number_of_replicas: 0} or they stay yellow. No bootstrap
 * checks run (they are a property of the OpenSearch launcher, not of the node).
 */
public final class EmbeddedOpenSearch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedOpenSearch.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final List<Class<? extends Plugin>> PLUGINS =
            List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, MapperExtrasPlugin.class);

    private final Node node;
    private final String httpUrl;
    private final Path homeDir;
    private boolean closed;

    private EmbeddedOpenSearch(Node node, String httpUrl, Path homeDir) {
        this.node = node;
        this.httpUrl = httpUrl;
        this.homeDir = homeDir;
    }

    /**
     * Starts a node with {@code path.home} = {@code homeDir} (data in {@code homeDir/data}, logs in
     * {@code homeDir/logs}), HTTP and transport on free ports of 127.0.0.1, and returns once
     * {@code GET /} and a yellow cluster health answer.
     *
     * @throws IllegalStateException if the node fails to start or does not answer within 120 s
     */
    public static EmbeddedOpenSearch start(Path homeDir) {
        return start(homeDir, 0);
    }

    /**
     * Stops this node and starts a new one on the same home (so the same data) and the same HTTP
     * port, for fault tests: clients of the old node reach the new one at the same URL. Retries the
     * bind for up to 30 s while the old socket is released.
     *
     * @return the new node; this instance stays closed
     */
    public EmbeddedOpenSearch restart() {
        close();
        int port = java.net.URI.create(httpUrl).getPort();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return start(homeDir, port);
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.info("restart of embedded OpenSearch on port {} failed, retrying: {}", port, e.toString());
                EmbeddedKafka.pause(500);
            }
        }
    }

    /**
     * As {@link #start(Path)} with a fixed HTTP port ({@code 0}: a free one).
     *
     * @throws IllegalStateException if the node fails to start, e.g. the port is taken
     */
    public static EmbeddedOpenSearch start(Path homeDir, int httpPort) {
        Objects.requireNonNull(homeDir, "homeDir");
        long started = System.nanoTime();
        Path home = homeDir.toAbsolutePath();
        try {
            Files.createDirectories(home.resolve("config"));
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create OpenSearch home " + home, e);
        }
        Settings settings = Settings.builder()
                .put("cluster.name", "newsroute-embedded")
                .put("node.name", "newsroute-embedded-0")
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("network.host", "127.0.0.1")
                .put("http.port", Integer.toString(httpPort))
                .put("transport.port", "0")
                .put("discovery.type", "single-node")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings, Map.of(), home.resolve("config"), () -> "newsroute-embedded-0");

        Node node = new ClasspathPluginNode(environment, PLUGINS);
        try {
            node.start();
        } catch (NodeValidationException | RuntimeException e) {
            closeQuietly(node);
            throw new IllegalStateException("embedded OpenSearch failed to start in " + home, e);
        }
        int port = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        String url = "http://127.0.0.1:" + port;
        EmbeddedOpenSearch search = new EmbeddedOpenSearch(node, url, home);
        try {
            search.awaitReady();
        } catch (RuntimeException e) {
            search.close();
            throw e;
        }
        LOG.info("Embedded OpenSearch started at {} (home {}) in {} ms", url, home,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return search;
    }

    /** The REST base URL, {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String httpUrl() {
        return httpUrl;
    }

    /** Stops the node and waits up to 30 s for it to release its resources. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        closeQuietly(node);
        LOG.info("Embedded OpenSearch at {} stopped in {} ms", httpUrl,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    public String toString() {
        return "EmbeddedOpenSearch[" + httpUrl + ", " + homeDir + "]";
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> root = get(client, "/");
                if (root.statusCode() == 200) {
                    HttpResponse<String> health = get(client, "/_cluster/health?wait_for_status=yellow&timeout=5s");
                    if (health.statusCode() == 200) {
                        return;
                    }
                    last = "health " + health.statusCode() + ": " + health.body();
                } else {
                    last = "GET / " + root.statusCode() + ": " + root.body();
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for embedded OpenSearch", e);
            }
            EmbeddedKafka.pause(100);
        }
        throw new IllegalStateException("embedded OpenSearch at " + httpUrl + " not ready within "
                + STARTUP_TIMEOUT.toSeconds() + " s: " + last);
    }

    private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(httpUrl + path)).timeout(Duration.ofSeconds(10)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void closeQuietly(Node node) {
        try {
            node.close();
            if (!node.awaitClose(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Embedded OpenSearch did not finish closing within {} s", CLOSE_TIMEOUT.toSeconds());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Error while closing embedded OpenSearch", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while closing embedded OpenSearch");
        }
    }

    /**
     * A node that takes its plugins from the classpath (through the protected constructor meant for
     * tests) and skips the node-and-cluster-id log listener: that listener stores the ids in a
     * JVM-wide set-once holder, so a second node in the same JVM (a restart, another test class)
     * would fail with it.
     */
    private static final class ClasspathPluginNode extends Node {
        ClasspathPluginNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }

        @Override
        protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
            // deliberately empty, see the class comment
        }
    }
}
