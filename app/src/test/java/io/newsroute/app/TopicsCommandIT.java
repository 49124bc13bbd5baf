package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;


import io.newsroute.testsupport.KafkaExtension;
import io.newsroute.testsupport.Wait;

/** {@code ./newsroute topics create|describe} against a real embedded broker; each test uses its own topic prefix. */
class TopicsCommandIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static final List<String> SUFFIXES = List.of("raw", "enriched", "cloud-outage", "security-breach",
            "stock-commentary", "unclassified", "dlq");

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** A topic just created may take a moment to reach the broker's metadata: retry until it answers. */
    private static TopicDescription describe(String topic) {
        return Wait.waitFor(() -> {
            try {
                return KAFKA.admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            } catch (Exception e) {
                return null;
            }
        }, d -> d != null, Duration.ofSeconds(30), "topic " + topic + " visible");
    }

    private static Config config(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return Wait.waitFor(() -> {
            try {
                return KAFKA.admin().describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            } catch (Exception e) {
                return null;
            }
        }, c -> c != null, Duration.ofSeconds(30), "configs of " + topic);
    }

    @Test
    void createMakesEveryTopicWithItsSettingsAndIsIdempotent() throws Exception {
        CliRun first = run("topics", "create", "--bootstrap-servers", KAFKA.bootstrapServers(), "--prefix", "t1.");

        assertThat(first.exit()).as(first.err()).isZero();
        for (String suffix : SUFFIXES) {
            assertThat(first.out()).containsPattern("created +t1\\." + suffix + " ");
        }
        assertThat(first.out()).contains("created  t1.raw ", "6 partitions, replication 1, cleanup.policy=delete, retention 7d")
                .contains("cleanup.policy=compact")
                .contains("7 topics at " + KAFKA.bootstrapServers() + " (1 broker): 7 created, 0 already as requested, 0 differ");
        assertThat(describe("t1.raw").partitions()).hasSize(6);
        assertThat(describe("t1.raw").partitions().get(0).replicas()).hasSize(1);
        assertThat(config("t1.enriched").get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config("t1.dlq").get("retention.ms").value()).isEqualTo("604800000");

        CliRun second = run("topics", "create", "--bootstrap-servers", KAFKA.bootstrapServers(), "--prefix", "t1.");

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).contains("exists   t1.raw ", "already exists as requested")
                .contains("7 topics at " + KAFKA.bootstrapServers() + " (1 broker): 0 created, 7 already as requested, 0 differ");
    }

    @Test
    void existingTopicsThatDifferAreReportedAndLeftAlone() throws Exception {
        Admin admin = KAFKA.admin();
        admin.createTopics(List.of(new NewTopic("t2.raw", 2, (short) 1),
                new NewTopic("t2.enriched", 6, (short) 1).configs(Map.of("cleanup.policy", "delete")),
                new NewTopic("t2.dlq", 6, (short) 1).configs(Map.of("retention.ms", "3600000")))).all().get(30, TimeUnit.SECONDS);

        CliRun run = run("topics", "create", "--bootstrap-servers", KAFKA.bootstrapServers(), "--prefix", "t2.");

        assertThat(run.exit()).as(run.err()).isEqualTo(TopicsCommand.EXIT_NOT_AS_REQUESTED);
        assertThat(run.out())
                .containsPattern("DIFFERS +t2\\.raw +has 2 partitions, wanted 6")
                .containsPattern("DIFFERS +t2\\.enriched +has cleanup.policy=delete, wanted compact")
                .containsPattern("DIFFERS +t2\\.dlq +has retention.ms=3600000, wanted 604800000")
                .containsPattern("created +t2\\.cloud-outage")
                .contains("4 created, 0 already as requested, 3 differ. Newsroute never changes existing topics");
        assertThat(describe("t2.raw").partitions()).as("left alone").hasSize(2);
        assertThat(config("t2.enriched").get("cleanup.policy").value()).isEqualTo("delete");
    }

    @Test
    void settingsComeFromFlagsAndAConfigFileAndBadValuesNameTheKey() throws Exception {
        Path topicsConfig = Files.writeString(dir.resolve("topics.properties"),
                "topics.prefix=t3.\ntopics.partitions=3\ntopics.retention.ms=86400000\n");
        Path clientConfig = Files.writeString(dir.resolve("client.properties"),
                "client.id=topics-it\nrequest.timeout.ms=${env:NEWSROUTE_TOPICS_IT_UNSET_VARIABLE_FALLBACK_NOT_USED}\n");

        CliRun unresolved = run("topics", "create", "--bootstrap-servers", KAFKA.bootstrapServers(), "--config",
                topicsConfig.toString(), "--kafka-config", clientConfig.toString());
        assertThat(unresolved.exit()).as("--kafka-config is read").isEqualTo(2);
        assertThat(unresolved.err()).contains("request.timeout.ms").contains("NEWSROUTE_TOPICS_IT_UNSET_VARIABLE_FALLBACK_NOT_USED");

        Files.writeString(clientConfig, "client.id=topics-it\nrequest.timeout.ms=20000\n");
        CliRun created = run("topics", "create", "--bootstrap-servers", KAFKA.bootstrapServers(), "--config",
                topicsConfig.toString(), "--kafka-config", clientConfig.toString(), "--retention", "12h", "--replication-factor", "1");

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("3 partitions, replication 1, cleanup.policy=delete, retention 12h");
        assertThat(describe("t3.raw").partitions()).hasSize(3);
        assertThat(config("t3.raw").get("retention.ms").value()).isEqualTo("43200000");

        CliRun zero = run("topics", "create", "--bootstrap-servers", KAFKA.bootstrapServers(), "--prefix", "t4.", "--partitions", "0");
        assertThat(zero.exit()).as("a configuration error, like in every command").isEqualTo(2);
        assertThat(zero.err()).contains("topics.partitions").contains("0");

        CliRun tooMany = run("topics", "create", "--bootstrap-servers", KAFKA.bootstrapServers(), "--prefix", "t4.", "--replication-factor", "3");
        assertThat(tooMany.exit()).isEqualTo(1);
        assertThat(tooMany.err()).contains("topics.replication.factor").contains("only 1 broker");

        CliRun badRetention = run("topics", "create", "--bootstrap-servers", KAFKA.bootstrapServers(), "--prefix", "t4.", "--retention", "a week");
        assertThat(badRetention.exit()).isEqualTo(1);
        assertThat(badRetention.err()).contains("--retention (topics.retention.ms)").contains("a week");

        CliRun badPrefix = run("topics", "create", "--bootstrap-servers", KAFKA.bootstrapServers(), "--prefix", "news/");
        assertThat(badPrefix.exit()).isEqualTo(2);
        assertThat(badPrefix.err()).contains("topics.prefix").contains("news/");

        Path unknownKey = Files.writeString(dir.resolve("typo.properties"), "topics.partition=3\n");
        CliRun typo = run("topics", "create", "--bootstrap-servers", KAFKA.bootstrapServers(), "--config", unknownKey.toString());
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("unknown setting topics.partition").contains("did you mean topics.partitions?");

        assertThat(KAFKA.admin().listTopics().names().get(30, TimeUnit.SECONDS)).noneMatch(name -> name.startsWith("t4."));
    }

    @Test
    void describeShowsSettingsAndEndOffsetsAndMissingTopics() throws Exception {
        CliRun missing = run("topics", "describe", "--bootstrap-servers", KAFKA.bootstrapServers(), "--prefix", "t5.");
        assertThat(missing.exit()).isEqualTo(TopicsCommand.EXIT_NOT_AS_REQUESTED);
        assertThat(missing.out()).containsPattern("t5\\.raw +- +- +- +- +missing").contains("7 of 7 topics missing");

        assertThat(run("topics", "create", "--bootstrap-servers", KAFKA.bootstrapServers(), "--prefix", "t5.", "--partitions", "2").exit()).isZero();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("t5.raw", 0, "k" + i, "v")).get(30, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("t5.raw", 1, "k" + i, "v")).get(30, TimeUnit.SECONDS);
            }
            producer.send(new ProducerRecord<>("t5.enriched", 1, "k", "v")).get(30, TimeUnit.SECONDS);
        }

        CliRun run = run("topics", "describe", "--bootstrap-servers", KAFKA.bootstrapServers(), "--prefix", "t5.");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("topic +partitions +replication +cleanup.policy +retention +end offsets")
                .containsPattern("t5\\.raw +2 +1 +delete +7d +0:5 1:3  \\(8 in total\\)")
                .containsPattern("t5\\.enriched +2 +1 +compact +- +0:0 1:1  \\(1 in total\\)")
                .containsPattern("t5\\.dlq +2 +1 +delete +7d +0:0 1:0  \\(0 in total\\)")
                .doesNotContain("missing");
    }

    @Test
    void withoutAKafkaToTalkToTheCommandSaysWhatToDo() {
        String previous = System.getProperty("newsroute.home");
        System.setProperty("newsroute.home", dir.toString());
        try {
            CliRun run = run("topics", "describe");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("--bootstrap-servers");
        } finally {
            if (previous == null) {
                System.clearProperty("newsroute.home");
            } else {
                System.setProperty("newsroute.home", previous);
            }
        }
    }
}
