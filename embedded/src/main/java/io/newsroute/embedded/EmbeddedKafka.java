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
 * again on the same directory reuses the data, with new ports. {@link #restart()} instead stops the
 * broker and starts it on the same directory <em>and the same ports</em>, so that running clients
 * (producers, Streams, Connect) reconnect by themselves, as they would to a restarted production broker.
 *
 * <p>Optionally ({@link #start(Path, Map, SaslSslListener)}) a third listener {@code SECURE} speaks
 * SASL_SSL with SCRAM-SHA-512 on TLS, for clients configured like production ones; the PLAINTEXT
 * listener stays for the inter-broker traffic and this class's own admin client (which creates the
 * SCRAM users, see {@link #createScramUser}).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String SECURE_LISTENER = "SECURE";
    private static final String SCRAM = "SCRAM-SHA-512";

    /**
     * A SASL_SSL listener (SCRAM-SHA-512 over TLS) with the broker's key in {@code keyStore}
     * (PKCS12; the key password equals the store password).
     */
    public record SaslSslListener(Path keyStore, String keyStorePassword) {
        public SaslSslListener {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        }

        @Override
        public String toString() {
            return "SaslSslListener[" + keyStore + ", password=***]";
        }
    }

    private final Path dataDir;
    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Admin admin;
    private final Map<String, String> overrides;
    private final SaslSslListener secure;
    private final int[] ports;
    private boolean closed;

    private EmbeddedKafka(Path dataDir, KafkaRaftServer server, Admin admin, Map<String, String> overrides,
                          SaslSslListener secure, int[] ports) {
        this.dataDir = dataDir;
        this.server = server;
        this.bootstrapServers = "127.0.0.1:" + ports[0];
        this.admin = admin;
        this.overrides = overrides;
        this.secure = secure;
        this.ports = ports.clone();
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
        return start(dataDir, brokerOverrides, null);
    }

    /**
     * As {@link #start(Path, Map)}, plus a SASL_SSL listener when {@code secure} is not null; its
     * address is {@link #secureBootstrapServers()}.
     */
    public static EmbeddedKafka start(Path dataDir, Map<String, String> brokerOverrides, SaslSslListener secure) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(brokerOverrides, "brokerOverrides");
        Path dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data dir " + dir, e);
        }
        formatIfNeeded(dir);
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int[] ports = FreePorts.pick(secure == null ? 2 : 3);
            try {
                return startOn(dir, Map.copyOf(brokerOverrides), secure, ports);
            } catch (PortBindException e) {
                // typically a port taken between pick and bind: try new ports
                LOG.warn("Embedded Kafka start attempt {} of {} failed (ports {}): {}",
                        attempt, START_ATTEMPTS, java.util.Arrays.toString(ports), e.getCause().toString());
                last = e;
            }
        }
        throw new IllegalStateException("embedded Kafka did not start after " + START_ATTEMPTS + " attempts in " + dir, last);
    }

    /**
     * Stops this broker (as {@link #close()}) and starts a new one on the same data directory with the
     * same listeners and ports, so clients of the old one reconnect to the new one without being
     * recreated. Retries the bind for up to 30 s while the old sockets are released.
     *
     * @return the new broker; this instance stays closed
     * @throws IllegalStateException if the ports cannot be bound again or the broker does not come up
     */
    public EmbeddedKafka restart() {
        close();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return startOn(dataDir, overrides, secure, ports);
            } catch (PortBindException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot restart embedded Kafka on ports " + java.util.Arrays.toString(ports), e);
                }
                LOG.info("ports {} not free yet: {}", java.util.Arrays.toString(ports), e.getCause().toString());
                pause(500);
            }
        }
    }

    private static EmbeddedKafka startOn(Path dir, Map<String, String> overrides, SaslSslListener secure, int[] ports) {
        long started = System.nanoTime();
        Map<String, String> props = brokerProperties(dir, ports[0], ports[1], overrides);
        if (secure != null) {
            addSecureListener(props, ports[2], secure);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(server);
            throw new PortBindException(e);
        }
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports[0],
                AdminClientConfig.CLIENT_ID_CONFIG, "newsroute-embedded-admin"));
        EmbeddedKafka kafka = new EmbeddedKafka(dir, server, admin, overrides, secure, ports);
        try {
            kafka.awaitClusterReady();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        LOG.info("Embedded Kafka started at {}{} (data {}) in {} ms", kafka.bootstrapServers,
                secure == null ? "" : " and SASL_SSL " + kafka.secureBootstrapServers().orElse(""), dir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return kafka;
    }

    private static void addSecureListener(Map<String, String> props, int port, SaslSslListener secure) {
        String prefix = "listener.name." + SECURE_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
        props.put("listeners", props.get("listeners") + "," + SECURE_LISTENER + "://127.0.0.1:" + port);
        props.put("advertised.listeners", props.get("advertised.listeners") + "," + SECURE_LISTENER + "://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", props.get("listener.security.protocol.map") + "," + SECURE_LISTENER + ":SASL_SSL");
        props.put("sasl.enabled.mechanisms", SCRAM);
        props.put(prefix + "sasl.enabled.mechanisms", SCRAM);
        props.put(prefix + "scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put(prefix + "ssl.keystore.type", "PKCS12");
        props.put(prefix + "ssl.keystore.location", secure.keyStore().toAbsolutePath().toString());
        props.put(prefix + "ssl.keystore.password", secure.keyStorePassword());
        props.put(prefix + "ssl.key.password", secure.keyStorePassword());
    }

    /** The SASL_SSL bootstrap address, {@code 127.0.0.1:PORT}, when started with a secure listener. */
    public java.util.Optional<String> secureBootstrapServers() {
        return secure == null ? java.util.Optional.empty() : java.util.Optional.of("127.0.0.1:" + ports[2]);
    }

    /**
     * Creates (or replaces) a SCRAM-SHA-512 user through the Admin API, for the SASL_SSL listener.
     * Waits until the broker has applied it.
     */
    public void createScramUser(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        try {
            admin.alterUserScramCredentials(List.of(new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(user,
                    new org.apache.kafka.clients.admin.ScramCredentialInfo(org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 8192),
                    password))).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create SCRAM user " + user + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating SCRAM user " + user, e);
        }
    }

    /** A broker that failed in {@code startup()}, usually because a port is taken. */
    private static final class PortBindException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortBindException(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
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
