package io.newsroute.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.newsroute.embedded.EmbeddedKafka;
import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.schema.topic.TopicSpec;

/**
 * A real single-node Kafka cluster ({@link EmbeddedKafka}) for a test class, in a fresh temporary
 * directory that is deleted afterwards.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaExtension KAFKA = new KafkaExtension();
 * }</pre>
 *
 * <p>As a {@code static} field the broker lives for all tests of the class; as an instance field it is
 * started and stopped around each test. Tests share the broker, so give each test its own topics
 * (or its own {@link NewsTopics} prefix) when they must not see each other's records.
 */
public final class KafkaExtension extends EmbeddedServiceExtension<EmbeddedKafka> {

    private final Map<String, String> brokerOverrides;
    private Admin admin;

    /** A broker with {@link EmbeddedKafka}'s default settings. */
    public KafkaExtension() {
        this(Map.of());
    }

    /** A broker with these broker properties applied over the defaults (e.g. {@code log.segment.bytes}). */
    public KafkaExtension(Map<String, String> brokerOverrides) {
        super("KafkaExtension", "newsroute-kafka-");
        this.brokerOverrides = Map.copyOf(Objects.requireNonNull(brokerOverrides, "brokerOverrides"));
    }

    @Override
    EmbeddedKafka start(Path dataDir) {
        return EmbeddedKafka.start(dataDir, brokerOverrides);
    }

    @Override
    void beforeStop() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    /** The client bootstrap address, {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return running().bootstrapServers();
    }

    /** Creates every topic of the deployment (idempotent) and waits until each partition has a leader. */
    public void createTopics(NewsTopics topics) {
        running().createTopics(topics.all());
    }

    /** Creates these topics (idempotent) and waits until each partition has a leader. */
    public void createTopics(Collection<TopicSpec> topics) {
        running().createTopics(topics);
    }

    /** An admin client for this broker, closed by the extension. */
    public synchronized Admin admin() {
        String bootstrap = running().bootstrapServers();
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        }
        return admin;
    }

    /** The running broker itself, e.g. to pass to code that takes an {@link EmbeddedKafka}. */
    public EmbeddedKafka kafka() {
        return running();
    }

    /**
     * Stops the broker and starts it again on the same data directory, for fault tests. Topics and
     * committed records survive; the bootstrap address changes (new ports), so clients must be created
     * again from {@link #bootstrapServers()}. The {@link #admin()} client is replaced.
     */
    public synchronized void restart() {
        try {
            restartService();
        } catch (Exception e) {
            throw new IllegalStateException("could not restart the broker: " + e.getMessage(), e);
        }
    }
}
