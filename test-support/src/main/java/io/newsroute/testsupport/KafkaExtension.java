package io.newsroute.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import io.newsroute.embedded.EmbeddedKafka;
import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.schema.topic.TopicSpec;

/**
 * A real single-node Kafka cluster for a test class: by default the embedded KRaft broker
 * ({@link EmbeddedKafka}) in a fresh temporary directory that is deleted afterwards; with
 * {@code -Dit.containers=true} an {@code apache/kafka} container at the Kafka version the build pins
 * (see {@link ServiceMode}). Tests see only {@link #bootstrapServers()}, {@link #admin()} and
 * {@link #createTopics}, so they run unchanged against both.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaExtension KAFKA = new KafkaExtension();
 * }</pre>
 *
 * <p>As a {@code static} field the broker lives for all tests of the class; as an instance field it is
 * started and stopped around each test. Tests share the broker, so give each test its own topics
 * (or its own {@link NewsTopics} prefix) when they must not see each other's records. Both modes
 * never auto-create topics and give the internal topics replication factor 1.
 */
public final class KafkaExtension extends EmbeddedServiceExtension<KafkaExtension.Cluster> {

    private static final Duration ADMIN_CLOSE = Duration.ofSeconds(5);

    private final Map<String, String> brokerOverrides;
    private Admin admin;

    /** A broker with the default settings, in the mode of {@link ServiceMode#current()}. */
    public KafkaExtension() {
        this(Map.of());
    }

    /**
     * A broker with these broker properties applied over the defaults (e.g. {@code log.segment.bytes}); in
     * container mode they become the image's {@code KAFKA_*} environment variables ({@link #containerEnvName}).
     */
    public KafkaExtension(Map<String, String> brokerOverrides) {
        this(brokerOverrides, ServiceMode.current(), DockerProbe.testcontainers());
    }

    KafkaExtension(Map<String, String> brokerOverrides, ServiceMode mode, DockerProbe docker) {
        super("KafkaExtension", "newsroute-kafka-", mode, docker);
        this.brokerOverrides = Map.copyOf(Objects.requireNonNull(brokerOverrides, "brokerOverrides"));
    }

    /** What the extension runs: the broker's address, and in embedded mode a restart. */
    interface Cluster extends FixtureService {
        String bootstrapServers();
    }

    @Override
    Cluster startEmbedded(Path dataDir) {
        return new EmbeddedCluster(EmbeddedKafka.start(dataDir, brokerOverrides));
    }

    @Override
    Cluster startContainer() {
        return ContainerCluster.start(brokerOverrides);
    }

    @Override
    Set<Capability> embeddedCapabilities() {
        return EnumSet.of(Capability.RESTART);
    }

    @Override
    void beforeStop() {
        if (admin != null) {
            admin.close(ADMIN_CLOSE);
            admin = null;
        }
    }

    /** The client bootstrap address, {@code HOST:PORT} ({@code 127.0.0.1:PORT} when embedded). */
    public String bootstrapServers() {
        return running().bootstrapServers();
    }

    /** Creates every topic of the deployment (idempotent) and waits until each partition has a leader. */
    public void createTopics(NewsTopics topics) {
        createTopics(topics.all());
    }

    /** Creates these topics (idempotent) and waits until each partition has a leader. */
    public void createTopics(Collection<TopicSpec> topics) {
        TopicAdmin.createAndAwaitLeaders(admin(), topics);
    }

    /** An admin client for this broker, closed by the extension. */
    public synchronized Admin admin() {
        String bootstrap = running().bootstrapServers();
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        }
        return admin;
    }

    /**
     * {@link Capability#RESTART}: stops the broker and starts it again on the same data directory and the
     * same ports, for fault tests. Topics and committed records survive and running clients (producers,
     * Streams, Connect) reconnect by themselves; the {@link #admin()} client is replaced. Embedded mode
     * only: call {@code assumeSupported(Capability.RESTART)} first so the test is skipped in container mode.
     *
     * @throws UnsupportedOperationException in container mode, with the reason
     */
    public void restart() {
        restartService();
    }

    /**
     * The environment variable of the {@code apache/kafka} image for a broker property: {@code KAFKA_}, then
     * the name upper-cased with {@code .} as {@code _}, {@code _} as {@code __} and {@code -} as {@code ___}.
     */
    static String containerEnvName(String brokerProperty) {
        return "KAFKA_" + brokerProperty.replace("_", "__").replace("-", "___").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The container's environment: the single-node settings of the embedded broker, then the overrides. */
    static Map<String, String> containerEnv(Map<String, String> brokerOverrides) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(containerEnvName("auto.create.topics.enable"), "false");
        env.put(containerEnvName("share.coordinator.state.topic.replication.factor"), "1");
        env.put(containerEnvName("share.coordinator.state.topic.min.isr"), "1");
        brokerOverrides.forEach((key, value) -> env.put(containerEnvName(key), value));
        return env;
    }

    /** The image at the version of the Kafka clients on the classpath, i.e. the pinned {@code version.kafka}. */
    static String containerImage() {
        return "apache/kafka:" + AppInfoParser.getVersion();
    }

    private static final class EmbeddedCluster implements Cluster {
        private EmbeddedKafka kafka;

        EmbeddedCluster(EmbeddedKafka kafka) {
            this.kafka = kafka;
        }

        @Override
        public String bootstrapServers() {
            return kafka.bootstrapServers();
        }

        @Override
        public void restart() {
            kafka = kafka.restart();
        }

        @Override
        public void close() {
            kafka.close();
        }
    }

    private static final class ContainerCluster implements Cluster {
        private final KafkaContainer container;

        private ContainerCluster(KafkaContainer container) {
            this.container = container;
        }

        static ContainerCluster start(Map<String, String> brokerOverrides) {
            KafkaContainer container = new KafkaContainer(DockerImageName.parse(containerImage()))
                    .withEnv(containerEnv(brokerOverrides));
            container.start();
            return new ContainerCluster(container);
        }

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
