package io.newsroute.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;

/**
 * Container mode without a Docker engine fails at once with a message that says what to do, never
 * hangs; container mode offers no fault operations and says why; the container settings follow the
 * pinned versions and the embedded broker's single-node settings.
 */
class ContainerModeTest {
    private static final DockerProbe NO_ENGINE = new DockerProbe(() -> false, Duration.ofSeconds(30));

    @Test
    void withoutAnEngineBothFixturesFailWithTheMessageAndStartNothing() {
        KafkaExtension kafka = new KafkaExtension(Map.of(), ServiceMode.CONTAINERS, NO_ENGINE);
        OpenSearchExtension search = new OpenSearchExtension(ServiceMode.CONTAINERS, NO_ENGINE);

        assertThatThrownBy(() -> kafka.beforeAll(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no Docker engine found; run without -Dit.containers or start Docker")
                .hasMessageContaining("KafkaExtension");
        assertThatThrownBy(() -> search.beforeAll(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no Docker engine found; run without -Dit.containers or start Docker")
                .hasMessageContaining("OpenSearchExtension");
        kafka.afterAll(null);
        search.afterAll(null);
        assertThatThrownBy(kafka::bootstrapServers).hasMessageContaining("is not running");
        assertThatThrownBy(search::httpUrl).hasMessageContaining("is not running");
    }

    @Test
    @Timeout(120)
    void aDockerCheckThatNeverAnswersBecomesTheSameMessageInsteadOfAHang() {
        CountDownLatch never = new CountDownLatch(1);
        DockerProbe hanging = new DockerProbe(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, Duration.ofMillis(300));
        KafkaExtension kafka = new KafkaExtension(Map.of(), ServiceMode.CONTAINERS, hanging);

        assertThatThrownBy(() -> kafka.beforeAll(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(DockerProbe.NO_DOCKER)
                .hasMessageContaining("no answer from Docker within 300 ms");
        kafka.afterAll(null);
        never.countDown();
    }

    /** What {@code -Dit.containers=true} does on a machine without an engine: Testcontainers' real discovery, bounded. */
    @Test
    @Timeout(120)
    void onThisMachineWithoutDockerTheRealCheckFailsFastWithTheMessage() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine answers here");
        KafkaExtension kafka = new KafkaExtension(Map.of(), ServiceMode.CONTAINERS, DockerProbe.testcontainers());
        long start = System.nanoTime();

        assertThatThrownBy(() -> kafka.beforeAll(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(DockerProbe.NO_DOCKER);
        kafka.afterAll(null);
        System.getLogger(getClass().getName()).log(System.Logger.Level.INFO,
                "container mode without Docker failed after " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
    }

    @Test
    void containerModeOffersNoFaultOperationsAndSkipsWithTheReason() {
        KafkaExtension kafka = new KafkaExtension(Map.of(), ServiceMode.CONTAINERS, NO_ENGINE);
        OpenSearchExtension search = new OpenSearchExtension(ServiceMode.CONTAINERS, NO_ENGINE);

        for (Capability capability : Capability.values()) {
            assertThat(kafka.supports(capability)).as("kafka %s", capability).isFalse();
            assertThat(search.supports(capability)).as("search %s", capability).isFalse();
        }
        assertThatThrownBy(() -> kafka.assumeSupported(Capability.RESTART))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("KafkaExtension cannot restart on the same data and address in containers mode")
                .hasMessageContaining("new host port")
                .hasMessageContaining("without -Dit.containers");
        assertThatThrownBy(kafka::restart)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("assumeSupported(Capability.RESTART)");
        assertThatThrownBy(search::stop)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("assumeSupported(Capability.STOP_AND_START)");
    }

    @Test
    void embeddedModeOffersTheFaultOperationsTheEmbeddedServicesHave() {
        KafkaExtension kafka = new KafkaExtension(Map.of(), ServiceMode.EMBEDDED, NO_ENGINE);
        OpenSearchExtension search = new OpenSearchExtension(ServiceMode.EMBEDDED, NO_ENGINE);

        assertThat(kafka.supports(Capability.RESTART)).isTrue();
        assertThat(kafka.supports(Capability.STOP_AND_START)).isFalse();
        assertThat(search.supports(Capability.RESTART)).isTrue();
        assertThat(search.supports(Capability.STOP_AND_START)).isTrue();
        assertThatThrownBy(() -> kafka.assumeSupported(Capability.STOP_AND_START))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("embedded mode");
    }

    @Test
    void imagesArePinnedToTheVersionsOnTheClasspath() {
        assertThat(KafkaExtension.containerImage()).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
        assertThat(OpenSearchExtension.containerImage()).isEqualTo("opensearchproject/opensearch:" + org.opensearch.Version.CURRENT);
        assertThat(KafkaExtension.containerImage()).matches("apache/kafka:\\d+\\.\\d+\\.\\d+");
        assertThat(OpenSearchExtension.containerImage()).matches("opensearchproject/opensearch:\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void brokerOverridesBecomeTheImagesEnvironmentAndTopicsAreNeverAutoCreated() {
        assertThat(KafkaExtension.containerEnvName("log.segment.bytes")).isEqualTo("KAFKA_LOG_SEGMENT_BYTES");
        assertThat(KafkaExtension.containerEnvName("listener.name.internal.ssl_x-y")).isEqualTo("KAFKA_LISTENER_NAME_INTERNAL_SSL__X___Y");

        Map<String, String> env = KafkaExtension.containerEnv(Map.of("log.segment.bytes", "1048576"));
        assertThat(env).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .containsEntry("KAFKA_LOG_SEGMENT_BYTES", "1048576")
                .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1");
        assertThat(KafkaExtension.containerEnv(Map.of("auto.create.topics.enable", "true")))
                .as("an override wins").containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");
    }
}
