package io.newsroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.schema.topic.TopicSpec;

class EmbeddedKafkaIT {

    @TempDir
    Path dataDir;

    @Test
    void transactionalProducerAndReadCommittedConsumerSeeOnlyCommittedRecords() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
            assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            TopicSpec topic = new TopicSpec("tx-test", 3, (short) 1, Map.of());
            kafka.createTopics(List.of(topic));

            try (KafkaProducer<String, String> producer = transactionalProducer(kafka.bootstrapServers())) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>(topic.name(), "k" + i, "committed-" + i));
                }
                producer.commitTransaction();
                producer.beginTransaction();
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic.name(), "a" + i, "aborted-" + i));
                }
                producer.flush();
                producer.abortTransaction();
            }

            List<ConsumerRecord<String, String>> records = readCommitted(kafka.bootstrapServers(), topic.name(), 100);
            assertThat(records).hasSize(100);
            assertThat(records).extracting(ConsumerRecord::value).allMatch(v -> v.startsWith("committed-"));
        }
    }

    @Test
    void createTopicsIsIdempotentAndRejectsImpossibleReplication() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            NewsTopics topics = NewsTopics.defaults();
            kafka.createTopics(topics.all());
            kafka.createTopics(topics.all());

            assertThat(admin.listTopics().names().get())
                    .containsAll(topics.all().stream().map(TopicSpec::name).toList());
            assertThatThrownBy(() -> kafka.createTopics(List.of(new TopicSpec("rf3", 1, (short) 3, Map.of()))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("rf3");
        }
    }

    @Test
    void restartOnTheSameDataDirKeepsTopicsAndRecords() throws Exception {
        TopicSpec topic = new TopicSpec("survives-restart", 1, (short) 1, Map.of());
        String firstBootstrap;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
            firstBootstrap = kafka.bootstrapServers();
            kafka.createTopics(List.of(topic));
            try (KafkaProducer<String, String> producer = transactionalProducer(kafka.bootstrapServers())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic.name(), "key", "before-restart"));
                producer.commitTransaction();
            }
        }
        assertThat(dataDir.resolve("meta.properties")).exists();

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
            assertThat(kafka.bootstrapServers()).isNotEqualTo(firstBootstrap);
            kafka.createTopics(List.of(topic));
            List<ConsumerRecord<String, String>> records = readCommitted(kafka.bootstrapServers(), topic.name(), 1);
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("before-restart");
        }
    }

    @Test
    void brokerOverridesAreApplied() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, Map.of("auto.create.topics.enable", "true", "num.partitions", "4"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(kafka.bootstrapServers()))) {
                producer.send(new ProducerRecord<>("auto-created", "k", "v")).get();
            }
            assertThat(admin.describeTopics(List.of("auto-created")).allTopicNames().get()
                    .get("auto-created").partitions()).hasSize(4);
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("auto-created-"));
        }
    }

    static KafkaProducer<String, String> transactionalProducer(String bootstrap) {
        Properties props = producerProps(bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID());
        return new KafkaProducer<>(props);
    }

    static Properties producerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    static List<ConsumerRecord<String, String>> readCommitted(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // one more short poll: nothing beyond the expected records (e.g. aborted ones) may show up
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
