package io.newsroute.testsupport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.opensearch.Version;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import io.newsroute.embedded.EmbeddedOpenSearch;

/**
 * A real OpenSearch node for a test class: by default the embedded node ({@link EmbeddedOpenSearch}) in a
 * fresh temporary home directory that is deleted afterwards; with {@code -Dit.containers=true} an
 * {@code opensearchproject/opensearch} container at the version the build pins, security plugin off,
 * single-node discovery (see {@link ServiceMode}). Tests see only {@link #httpUrl()}. Use like
 * {@link KafkaExtension}: {@code @RegisterExtension static final OpenSearchExtension SEARCH = new OpenSearchExtension();}.
 * On a single node create indices with {@code number_of_replicas: 0}.
 */
public final class OpenSearchExtension extends EmbeddedServiceExtension<OpenSearchExtension.Node> {

    private static final int CONTAINER_HTTP_PORT = 9200;
    private static final Duration CONTAINER_STARTUP = Duration.ofMinutes(3);

    /** A node in the mode of {@link ServiceMode#current()}. */
    public OpenSearchExtension() {
        this(ServiceMode.current(), DockerProbe.testcontainers());
    }

    OpenSearchExtension(ServiceMode mode, DockerProbe docker) {
        super("OpenSearchExtension", "newsroute-opensearch-", mode, docker);
    }

    /** What the extension runs: the node's URL, and in embedded mode restart and stop/start. */
    interface Node extends FixtureService {
        String httpUrl();
    }

    @Override
    Node startEmbedded(Path homeDir) {
        return new EmbeddedNode(homeDir, EmbeddedOpenSearch.start(homeDir));
    }

    @Override
    Node startContainer() {
        return ContainerNode.start();
    }

    @Override
    Set<Capability> embeddedCapabilities() {
        return EnumSet.of(Capability.RESTART, Capability.STOP_AND_START);
    }

    /** The REST base URL, {@code http://HOST:PORT} ({@code http://127.0.0.1:PORT} when embedded), without a trailing slash. */
    public String httpUrl() {
        return running().httpUrl();
    }

    /**
     * {@link Capability#RESTART}: stops the node and starts it again on the same data at the same URL.
     *
     * @throws UnsupportedOperationException in container mode, with the reason
     */
    public void restart() {
        restartService();
    }

    /**
     * First half of {@link Capability#STOP_AND_START}: stops the node, keeping its data and port, so the test
     * can observe its clients during an outage. {@link #httpUrl()} fails until {@link #start()}; remember
     * the URL before. Embedded mode only: call {@code assumeSupported(Capability.STOP_AND_START)} first.
     *
     * @throws UnsupportedOperationException in container mode, with the reason
     */
    public void stop() {
        stopForTest();
    }

    /** Second half of {@link Capability#STOP_AND_START}: starts the node again on the same data at the same URL. */
    public void start() {
        startAfterTestStop();
    }

    /** The image at the version of the OpenSearch server on the classpath, i.e. the pinned {@code version.opensearch}. */
    static String containerImage() {
        return "opensearchproject/opensearch:" + Version.CURRENT;
    }

    private static final class EmbeddedNode implements Node {
        private static final Duration REBIND = Duration.ofSeconds(30);
        private final Path homeDir;
        private final int port;
        private EmbeddedOpenSearch node;

        EmbeddedNode(Path homeDir, EmbeddedOpenSearch node) {
            this.homeDir = homeDir;
            this.node = node;
            this.port = URI.create(node.httpUrl()).getPort();
        }

        @Override
        public String httpUrl() {
            return node.httpUrl();
        }

        @Override
        public void restart() {
            node = node.restart();
        }

        @Override
        public void stop() {
            node.close();
        }

        @Override
        public void startAgain() {
            // the old socket may take a moment to be released: retry the bind, bounded
            node = Wait.waitFor(() -> EmbeddedOpenSearch.start(homeDir, port), started -> true, REBIND,
                    "embedded OpenSearch started again on port " + port);
        }

        @Override
        public void close() {
            node.close();
        }
    }

    private static final class ContainerNode implements Node {
        private final GenericContainer<?> container;

        private ContainerNode(GenericContainer<?> container) {
            this.container = container;
        }

        static ContainerNode start() {
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(containerImage()))
                    .withEnv("discovery.type", "single-node")
                    .withEnv("DISABLE_SECURITY_PLUGIN", "true")
                    .withEnv("DISABLE_INSTALL_DEMO_CONFIG", "true")
                    .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
                    .withExposedPorts(CONTAINER_HTTP_PORT)
                    .waitingFor(org.testcontainers.containers.wait.strategy.Wait
                            .forHttp("/_cluster/health?wait_for_status=yellow&timeout=50s")
                            .forPort(CONTAINER_HTTP_PORT)
                            .forStatusCode(200)
                            .withStartupTimeout(CONTAINER_STARTUP));
            container.start();
            return new ContainerNode(container);
        }

        @Override
        public String httpUrl() {
            return "http://" + container.getHost() + ":" + container.getMappedPort(CONTAINER_HTTP_PORT);
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
