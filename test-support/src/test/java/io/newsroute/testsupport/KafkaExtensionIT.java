package io.newsroute.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.schema.topic.TopicSpec;

class KafkaExtensionIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void createsNewsTopicsAndAdminSeesThem() throws Exception {
        NewsTopics topics = NewsTopics.of("ext-a.", 2, (short) 1, NewsTopics.DEFAULT_RETENTION_MS);
        KAFKA.createTopics(topics);
        KAFKA.createTopics(topics);
        assertThat(KAFKA.admin().listTopics().names().get())
                .containsAll(topics.all().stream().map(TopicSpec::name).toList());
        if (KAFKA.mode() == ServiceMode.EMBEDDED) {
            assertThat(KAFKA.bootstrapServers()).startsWith("127.0.0.1:");
        }
    }

    @Test
    void topicsAreNeverAutoCreated() throws Exception {
        String name = "never-created-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000), new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(name, "k", "v")).get())
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
        assertThat(KAFKA.admin().listTopics().names().get(30, java.util.concurrent.TimeUnit.SECONDS)).doesNotContain(name);
    }

    @Test
    void readAllSkipsAbortedTransactionsAndReturnsExactlyTheCommittedRecords() {
        String topic = topic();
        try (KafkaProducer<String, String> producer = transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "x", "aborted"));
            producer.flush();
            producer.abortTransaction();
        }

        List<ConsumerRecord<String, String>> records = TopicReader.readAll(KAFKA.bootstrapServers(), topic,
                new StringDeserializer(), new StringDeserializer(), 30, Duration.ofSeconds(30));
        assertThat(records).hasSize(30).extracting(ConsumerRecord::value).doesNotContain("aborted");
    }

    @Test
    void readAllReportsASurplusAndTimesOutWithWhatWasRead() {
        String topic = topic();
        try (KafkaProducer<String, String> producer = plainProducer()) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
        }
        assertThat(TopicReader.readAll(KAFKA.bootstrapServers(), topic, new StringDeserializer(), new StringDeserializer(),
                3, Duration.ofSeconds(30))).hasSize(5);
        assertThatThrownBy(() -> TopicReader.readAll(KAFKA.bootstrapServers(), topic, new StringDeserializer(),
                new StringDeserializer(), 6, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 6 records, read 5")
                .hasMessageContaining(topic);
    }

    @Test
    void readUntilQuietReadsEverythingPresent() {
        String topic = topic();
        assertThat(TopicReader.readUntilQuiet(KAFKA.bootstrapServers(), topic, new StringDeserializer(),
                new StringDeserializer(), Duration.ofSeconds(10))).isEmpty();
        try (KafkaProducer<String, String> producer = plainProducer()) {
            for (int i = 0; i < 12; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
        }
        List<ConsumerRecord<String, String>> records = TopicReader.readUntilQuiet(KAFKA.bootstrapServers(), topic,
                new StringDeserializer(), new StringDeserializer(), Duration.ofSeconds(30));
        assertThat(records).hasSize(12);
    }

    @Test
    void missingTopicFailsWithItsName() {
        assertThatThrownBy(() -> TopicReader.readUntilQuiet(KAFKA.bootstrapServers(), "no-such-topic",
                new StringDeserializer(), new StringDeserializer(), Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no-such-topic");
    }

    @Test
    void restartKeepsRecordsAndTheAddressSoARunningProducerCarriesOn() throws Exception {
        KAFKA.assumeSupported(Capability.RESTART);
        String topic = topic();
        String before = KAFKA.bootstrapServers();
        try (KafkaProducer<String, String> producer = plainProducer()) {
            producer.send(new ProducerRecord<>(topic, "k", "kept"));
            producer.flush();
            KAFKA.restart();
            producer.send(new ProducerRecord<>(topic, "k", "after"));
        }
        assertThat(KAFKA.bootstrapServers()).isEqualTo(before);
        assertThat(KAFKA.admin().listTopics().names().get(30, java.util.concurrent.TimeUnit.SECONDS)).contains(topic);
        assertThat(TopicReader.readAll(KAFKA.bootstrapServers(), topic, new StringDeserializer(), new StringDeserializer(),
                2, Duration.ofSeconds(30))).extracting(ConsumerRecord::value).containsExactly("kept", "after");
    }

    private static String topic() {
        String name = "t-" + UUID.randomUUID();
        KAFKA.createTopics(List.of(new TopicSpec(name, 3, (short) 1, Map.of())));
        return name;
    }

    private static KafkaProducer<String, String> plainProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaProducer<String, String> transactionalProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ext-" + UUID.randomUUID());
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
