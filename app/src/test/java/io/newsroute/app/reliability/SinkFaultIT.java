package io.newsroute.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.classify.ArticlePipeline;
import io.newsroute.embedded.EmbeddedConnect;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.testsupport.Capability;
import io.newsroute.testsupport.KafkaExtension;
import io.newsroute.testsupport.OpenSearchExtension;
import io.newsroute.testsupport.Wait;

/**
 * Sink faults: OpenSearch stopped while enriched articles keep arriving, then started again on the
 * same data and port; then the whole enriched topic (with stale and newer versions of some articles
 * in it) replayed twice through new connectors. The index holds every article exactly once, each at
 * the newest version ever produced for it.
 */
class SinkFaultIT {
    private static final Logger LOG = LoggerFactory.getLogger(SinkFaultIT.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final int BEFORE = 1_000;
    private static final int DURING = 1_000;
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension
    static final OpenSearchExtension SEARCH = new OpenSearchExtension();

    @TempDir
    static Path dir;

    private static ArticlePipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = ArticlePipeline.create(ClassifyApp.config("unused", Map.of()));
    }

    @Test
    void searchOutageAndTwoFullReplaysLeaveEveryArticleOnceAtItsNewestVersion() throws Exception {
        SEARCH.assumeSupported(Capability.STOP_AND_START);
        NewsTopics topics = NewsTopics.of("sinkfault.", 6, (short) 1, NewsTopics.DEFAULT_RETENTION_MS);
        KAFKA.createTopics(topics);
        String url = SEARCH.httpUrl();
        String enrichedTopic = topics.enriched().name();
        Map<String, Long> newest = new HashMap<>();
        Ledger ledger = new Ledger(KAFKA.bootstrapServers());
        try (EmbeddedConnect connect = SinkChain.connect(KAFKA.bootstrapServers(), dir);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer())) {
            SinkChain.startConnector(connect, "sink-main", topics, url, Map.of());
            send(producer, enrichedTopic, 0, BEFORE, T0, newest);
            Wait.waitFor(() -> SinkChain.count(url), c -> c == BEFORE, TIMEOUT, BEFORE + " documents before the outage");

            // outage: stop the node, keep producing, check the task keeps retrying (never FAILED), start it again
            SEARCH.stop();
            long down = System.nanoTime();
            send(producer, enrichedTopic, BEFORE, DURING, T0, newest);
            List<String> statesDuringOutage = new ArrayList<>();
            Wait.waitForCondition(() -> {
                statesDuringOutage.addAll(connect.taskStates("sink-main"));
                assertThat(connect.taskStates("sink-main")).as("task during the outage").doesNotContain("FAILED");
                return System.nanoTime() - down > Duration.ofSeconds(8).toNanos();
            }, Duration.ofSeconds(30), "an 8 s outage");
            SEARCH.start();
            long outageMillis = (System.nanoTime() - down) / 1_000_000;
            LOG.info("OpenSearch back at {} after {} ms", SEARCH.httpUrl(), outageMillis);
            assertThat(SEARCH.httpUrl()).isEqualTo(url);
            Wait.waitFor(() -> SinkChain.count(url), c -> c == BEFORE + DURING, TIMEOUT, "every article indexed after the outage");
            assertThat(connect.taskStates("sink-main")).containsOnly("RUNNING");
            Map<String, Long> afterOutage = SinkChain.versions(url);
            assertThat(afterOutage).as("one document per article, each at its version").isEqualTo(newest);

            // a stale version of 100 articles (must be ignored) and a newer version of 100 others (must win)
            send(producer, enrichedTopic, 0, 100, T0.minus(Duration.ofDays(1)), newest);
            send(producer, enrichedTopic, 100, 100, T0.plus(Duration.ofDays(1)), newest);
            long end = BEFORE + DURING + 200;
            ledger.awaitCommitted("connect-sink-main", enrichedTopic, end, TIMEOUT);
            Wait.waitFor(() -> SinkChain.versions(url), newest::equals, TIMEOUT, "newest versions win, stale ones ignored");

            Map<String, Object> replays = new LinkedHashMap<>();
            for (String replay : List.of("sink-replay-1", "sink-replay-2")) {
                SinkChain.startConnector(connect, replay, topics, url, Map.of());
                ledger.awaitCommitted("connect-" + replay, enrichedTopic, end, TIMEOUT);
                assertThat(SinkChain.count(url)).as("count after %s", replay).isEqualTo(BEFORE + DURING);
                Map<String, Long> versions = SinkChain.versions(url);
                assertThat(versions).as("no document regresses after %s", replay).isEqualTo(newest);
                replays.put(replay, Map.of("recordsReplayed", end, "documents", versions.size()));
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("fault", "OpenSearch stopped for " + outageMillis + " ms while producing, restarted on the same data dir and port; "
                    + "then news.enriched replayed twice by new connectors");
            report.put("sent", Map.of("beforeOutage", BEFORE, "duringOutage", DURING, "staleVersions", 100, "newerVersions", 100,
                    "totalRecords", end));
            report.put("received", Map.of("documents", BEFORE + DURING, "distinctIds", newest.size()));
            report.put("taskStatesDuringOutage", new java.util.TreeSet<>(statesDuringOutage));
            report.put("replays", replays);
            report.put("deadLettered", ledger.read(topics.dlq().name(), TIMEOUT).size());
            Report.write("sink-faults", report);
        }
    }

    /** Sends enriched articles {@code from .. from+count-1}, version = base + n ms, and records the newest version per id. */
    private static void send(KafkaProducer<String, byte[]> producer, String topic, int from, int count, Instant base,
                             Map<String, Long> newest) {
        for (int n = from; n < from + count; n++) {
            EnrichedArticle article = pipeline.process(Articles.article("doc", n), base.plusMillis(n));
            producer.send(new ProducerRecord<>(topic, article.getId(), NewsSerdes.enrichedCodec().encode(article)));
            newest.merge(article.getId(), article.getVersion(), Math::max);
        }
        producer.flush();
    }
}
