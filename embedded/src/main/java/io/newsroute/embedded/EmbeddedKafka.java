package io.newsroute.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.schema.topic.TopicSpec;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node Kafka cluster in this JVM: one combined KRaft broker and controller ({@code node.id=1})
 * with a PLAINTEXT listener for clients and a CONTROLLER listener, both on 127.0.0.1 with free ports.
 *
 * <p>Why these broker settings: the internal topics (consumer offsets, transaction state, share-group
 * state) get replication factor 1 and min ISR 1, or transactional producers and {@code exactly_once_v2}
 * Streams hang waiting for a replication factor of 3 that one broker cannot give. Their partition
 * counts are lowered (default 50) to keep start-up and disk use small, segments are 16 MiB and
 * {@code delete} topics keep at most 256 MiB per partition. Topics are never auto-created.
 * Any of these can be changed with {@link #start(Path, Map)}.
 *
 * <p>The data directory is formatted on first use (when it has no {@code meta.properties}); starting
 * again on the same directory reuses the data, with new ports.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path dataDir;
    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Admin admin;
    private boolean closed;

    private EmbeddedKafka(Path dataDir, KafkaRaftServer server, String bootstrapServers, Admin admin) {
        this.dataDir = dataDir;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
    }

    /** Starts a broker with the default settings; see {@link #start(Path, Map)}. */
    public static EmbeddedKafka start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /**
     * Formats {@code dataDir} if it holds no {@code meta.properties}, picks free ports, starts the
     * combined broker and controller, and returns once {@code Admin.describeCluster} lists the broker.
     *
     * @param dataDir         log directory (created if missing); also holds the KRaft metadata log
     * @param brokerOverrides broker properties applied after the defaults (listeners, node id and
     *                        log dir are owned by this class and cannot be overridden)
     * @throws IllegalStateException if the broker does not come up within 90 s
     */
    public static EmbeddedKafka start(Path dataDir, Map<String, String> brokerOverrides) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(brokerOverrides, "brokerOverrides");
        long started = System.nanoTime();
        Path dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data dir " + dir, e);
        }
        formatIfNeeded(dir);

        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int[] ports = FreePorts.pick(2);
            Map<String, String> props = brokerProperties(dir, ports[0], ports[1], brokerOverrides);
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                // typically a port taken between pick and bind: shut down what started and try new ports
                LOG.warn("Embedded Kafka start attempt {} of {} failed (ports {} / {}): {}",
                        attempt, START_ATTEMPTS, ports[0], ports[1], e.toString());
                shutdownQuietly(server);
                last = e;
                continue;
            }
            String bootstrap = "127.0.0.1:" + ports[0];
            Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.CLIENT_ID_CONFIG, "newsroute-embedded-admin"));
            EmbeddedKafka kafka = new EmbeddedKafka(dir, server, bootstrap, admin);
            try {
                kafka.awaitClusterReady();
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            LOG.info("Embedded Kafka started at {} (data {}) in {} ms", bootstrap, dir,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return kafka;
        }
        throw new IllegalStateException("embedded Kafka did not start after " + START_ATTEMPTS + " attempts in " + dir, last);
    }

    /** The client bootstrap address, {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates the topics that do not exist yet and waits until every partition of every requested
     * topic has a leader. Topics that already exist are left as they are (their configs are not
     * compared), so calling this twice is harmless.
     *
     * @throws IllegalStateException if the broker rejects a topic (e.g. replication factor above 1)
     */
    public void createTopics(Collection<TopicSpec> topics) {
        Objects.requireNonNull(topics, "topics");
        if (topics.isEmpty()) {
            return;
        }
        Map<String, NewTopic> requests = new LinkedHashMap<>();
        for (TopicSpec spec : topics) {
            requests.put(spec.name(), spec.toNewTopic());
        }
        CreateTopicsResult result = admin.createTopics(requests.values());
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> entry : result.values().entrySet()) {
            try {
                entry.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + entry.getKey(), e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("timed out creating topic " + entry.getKey(), e);
            }
        }
        awaitLeaders(requests.keySet());
        LOG.debug("Topics created: {}; already present: {}", created,
                requests.keySet().stream().filter(name -> !created.contains(name)).toList());
    }

    /** Shuts the broker and controller down and waits until they have stopped. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        admin.close(Duration.ofSeconds(5));
        shutdownQuietly(server);
        LOG.info("Embedded Kafka at {} stopped in {} ms", bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers + ", " + dataDir + "]";
    }

    static Map<String, String> brokerProperties(Path dir, int clientPort, int controllerPort, Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        // storage, retention and disk use
        props.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        props.put("log.retention.bytes", Long.toString(256L * 1024 * 1024));
        props.put("log.retention.check.interval.ms", "60000");
        props.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "false");
        // a single broker: every internal topic with RF 1 / min ISR 1, fewer partitions
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "6");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", "3");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // a 2-core machine
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("background.threads", "4");

        props.putAll(overrides);

        // identity and listeners: owned by this class
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dir.toString());
        return props;
    }

    private static void formatIfNeeded(Path dir) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            LOG.debug("Kafka data dir {} already formatted", dir);
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        try (PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(discard)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setDirectories(List.of(dir.toString()))
                    .setMetadataLogDirectory(dir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka data dir " + dir, e);
        }
        LOG.info("Formatted Kafka data dir {} (cluster id {})", dir, clusterId);
    }

    private void awaitClusterReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for embedded Kafka", e);
            }
            pause(100);
        }
        throw new IllegalStateException("embedded Kafka at " + bootstrapServers + " did not answer describeCluster within "
                + STARTUP_TIMEOUT.toSeconds() + " s", last);
    }

    private void awaitLeaders(Collection<String> topics) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        String missing = "";
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                        .get(5, TimeUnit.SECONDS);
                missing = descriptions.values().stream()
                        .filter(d -> d.partitions().stream().map(TopicPartitionInfo::leader)
                                .anyMatch(leader -> leader == null || leader.isEmpty()))
                        .map(TopicDescription::name)
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("");
                if (missing.isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // metadata not propagated yet (UnknownTopicOrPartition): poll again
                missing = String.join(", ", topics) + " (" + e.getMessage() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic leaders", e);
            }
            pause(50);
        }
        throw new IllegalStateException("topics without a leader after " + ADMIN_TIMEOUT.toSeconds() + " s: " + missing);
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Error while shutting down embedded Kafka", e);
        }
    }

    /** The bounded poll's step; not a sleep in a test, a back-off while a server starts. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
