package io.newsroute.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.classify.ArticlePipeline;
import io.newsroute.classify.ClassifyConfig;
import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.testsupport.Capability;
import io.newsroute.testsupport.KafkaExtension;
import io.newsroute.testsupport.Wait;

/**
 * Exactly once, Kafka to Kafka, under three faults injected while articles flow: the classify
 * application killed with SIGKILL, the broker restarted, and the application scaled from one
 * instance to two and back. After each, a read_committed consumer finds every raw article exactly
 * once in the enriched topic and in exactly the label topics (or unclassified) it belongs to.
 */
class ExactlyOnceIT {
    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceIT.class);
    private static final int ARTICLES = 3_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @TempDir
    static Path dir;

    private static ArticlePipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = ArticlePipeline.create(ClassifyApp.config("unused", Map.of()));
    }

    private static NewsTopics topics(String prefix) {
        NewsTopics topics = NewsTopics.of(prefix, 6, (short) 1, NewsTopics.DEFAULT_RETENTION_MS);
        KAFKA.createTopics(topics);
        return topics;
    }

    @Test
    void killedAbruptlyMidStreamAndRestartedLosesAndDoublesNothing() throws Exception {
        String prefix = "kill.";
        String appId = "reliability-kill";
        NewsTopics topics = topics(prefix);
        Ledger ledger = new Ledger(KAFKA.bootstrapServers());
        Process first = fork(prefix, appId, "worker-1");
        long committedAtKill;
        Process second = null;
        try (Feeder feeder = new Feeder(KAFKA.bootstrapServers(), topics.raw().name(), "kill", ARTICLES, 250)) {
            feeder.trickleFrom(ARTICLES - 300);
            ledger.awaitCommitted(appId, topics.raw().name(), 600, TIMEOUT);
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("worker killed").isTrue();
            try (Admin admin = admin()) {
                committedAtKill = Ledger.committed(admin, appId, topics.raw().name());
            }
            LOG.info("killed worker 1 at {} committed raw offsets, {} sent", committedAtKill, feeder.sent());
            assertThat(committedAtKill).as("killed mid-stream").isLessThan(ARTICLES);
            second = fork(prefix, appId, "worker-2");
            feeder.release();
            feeder.awaitDone(TIMEOUT.toMillis());
            ledger.awaitCommitted(appId, topics.raw().name(), ARTICLES, TIMEOUT);
            Map<String, Integer> counts = ledger.assertExactlyOnce(topics, Articles.ids("kill", ARTICLES), TIMEOUT);
            int uncommitted = ledger.read(topics.enriched().name(), "read_uncommitted", TIMEOUT).size();
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("fault", "classify JVM killed with SIGKILL mid-stream, new instance with the same application id");
            report.put("sent", ARTICLES);
            report.put("committedRawOffsetsAtKill", committedAtKill);
            report.put("received", counts);
            report.put("enrichedIncludingAbortedReadUncommitted", uncommitted);
            report.put("deadLettered", ledger.deadLetters(topics, TIMEOUT).size());
            Report.write("exactly-once-kill", report);
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void brokerRestartedMidStreamLosesAndDoublesNothing() throws Exception {
        KAFKA.assumeSupported(Capability.RESTART);
        String prefix = "bounce.";
        String appId = "reliability-bounce";
        NewsTopics topics = topics(prefix);
        Ledger ledger = new Ledger(KAFKA.bootstrapServers());
        ClassifyConfig config = ClassifyApp.config(appId, Map.of());
        try (ClassifyApp app = ClassifyApp.start(pipeline, config, topics, KAFKA.bootstrapServers(), dir.resolve("bounce-state"), Map.of());
             Feeder feeder = new Feeder(KAFKA.bootstrapServers(), topics.raw().name(), "bounce", ARTICLES, 250)) {
            feeder.trickleFrom(ARTICLES - 300);
            ledger.awaitCommitted(appId, topics.raw().name(), 600, TIMEOUT);
            long before = System.nanoTime();
            KAFKA.restart();
            long restartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            int sentAtRestart = feeder.sent();
            LOG.info("broker restarted on {} in {} ms; {} sent so far", KAFKA.bootstrapServers(), restartMillis, sentAtRestart);
            assertThat(sentAtRestart).as("restarted mid-stream").isLessThan(ARTICLES);
            feeder.release();
            feeder.awaitDone(TIMEOUT.toMillis());
            ledger.awaitCommitted(appId, topics.raw().name(), ARTICLES, TIMEOUT);
            Map<String, Integer> counts = ledger.assertExactlyOnce(topics, Articles.ids("bounce", ARTICLES), TIMEOUT);
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("fault", "broker stopped and started on the same data dir and ports mid-stream");
            report.put("sent", ARTICLES);
            report.put("sentBeforeRestart", sentAtRestart);
            report.put("brokerRestartMillis", restartMillis);
            report.put("received", counts);
            report.put("deadLettered", ledger.deadLetters(topics, TIMEOUT).size());
            Report.write("exactly-once-broker-restart", report);
        }
    }

    @Test
    void scaledFromOneInstanceToTwoAndBackLosesAndDoublesNothing() throws Exception {
        String prefix = "scale.";
        String appId = "reliability-scale";
        NewsTopics topics = topics(prefix);
        Ledger ledger = new Ledger(KAFKA.bootstrapServers());
        ClassifyConfig config = ClassifyApp.config(appId, Map.of(ClassifyConfig.NUM_STREAM_THREADS, 1));
        List<Integer> tasksOfSecond = new ArrayList<>();
        try (ClassifyApp first = ClassifyApp.start(pipeline, config, topics, KAFKA.bootstrapServers(), dir.resolve("scale-1"), Map.of());
             Feeder feeder = new Feeder(KAFKA.bootstrapServers(), topics.raw().name(), "scale", ARTICLES, 200)) {
            feeder.trickleFrom(ARTICLES - 300);
            ledger.awaitCommitted(appId, topics.raw().name(), 500, TIMEOUT);
            try (ClassifyApp second = ClassifyApp.start(pipeline, config, topics, KAFKA.bootstrapServers(), dir.resolve("scale-2"), Map.of())) {
                Wait.waitForCondition(() -> activeTasks(second) > 0 && activeTasks(first) > 0, TIMEOUT,
                        "both instances own tasks");
                tasksOfSecond.add(activeTasks(second));
                long committed = committed(appId, topics);
                // both instances process for a while (the feeder trickles from ARTICLES - 300 on, so stop short of that)
                ledger.awaitCommitted(appId, topics.raw().name(), Math.min(committed + 500, ARTICLES - 300), TIMEOUT);
                LOG.info("scaling back to one instance; second instance had {} tasks, {} sent", tasksOfSecond, feeder.sent());
            }
            int sentAtScaleDown = feeder.sent();
            assertThat(sentAtScaleDown).as("scaled back mid-stream").isLessThan(ARTICLES);
            Wait.waitForCondition(() -> activeTasks(first) == 6, TIMEOUT, "the first instance owns all 6 tasks again");
            feeder.release();
            feeder.awaitDone(TIMEOUT.toMillis());
            ledger.awaitCommitted(appId, topics.raw().name(), ARTICLES, TIMEOUT);
            Map<String, Integer> counts = ledger.assertExactlyOnce(topics, Articles.ids("scale", ARTICLES), TIMEOUT);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("fault", "second instance (same application id) started, then closed, while articles flow; 6 partitions");
            report.put("sent", ARTICLES);
            report.put("tasksOfSecondInstance", tasksOfSecond.get(0));
            report.put("sentAtScaleDown", sentAtScaleDown);
            report.put("received", counts);
            report.put("deadLettered", ledger.deadLetters(topics, TIMEOUT).size());
            Report.write("exactly-once-scale", report);
        }
    }

    private static int activeTasks(ClassifyApp app) {
        return app.streams().metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
    }

    private static long committed(String appId, NewsTopics topics) {
        try (Admin admin = admin()) {
            return Ledger.committed(admin, appId, topics.raw().name());
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
    }

    /** Starts {@link ClassifyWorker} in a new JVM with this test's classpath; waits until it is RUNNING. */
    private static Process fork(String prefix, String appId, String name) throws IOException {
        Path log = Path.of("target", "reliability", name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
                "-cp", System.getProperty("java.class.path"),
                ClassifyWorker.class.getName(),
                KAFKA.bootstrapServers(), prefix, appId, dir.resolve("state-" + name).toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Wait.waitForCondition(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("worker " + name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return Files.readString(log, StandardCharsets.UTF_8).contains(ClassifyWorker.READY);
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofMinutes(2), "worker " + name + " RUNNING (log " + log + ")");
        return process;
    }
}
