package io.newsroute.sink.converter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.newsroute.embedded.EmbeddedConnect;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.schema.topic.TopicSpec;
import io.newsroute.testsupport.KafkaExtension;
import io.newsroute.testsupport.TopicReader;
import io.newsroute.testsupport.Wait;

/**
 * Kafka's stock {@code FileStreamSinkConnector}, which knows nothing about Newsroute, reads
 * {@code news.enriched} through {@link NewsAvroConverter} in a real Connect worker and writes one
 * {@code Struct{...}} line per record. Records come from the real serde (plus one written with the
 * released v1 schema and one tombstone); a record that is not our format goes to the connector's
 * dead-letter topic with the converter's reason, and the rest keep flowing.
 */
class NewsAvroConverterIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String CONNECTOR = "enriched-to-file";
    private static final String DLQ = "enriched-to-file-dlq";
    private static final int ARTICLES = 40;

    @TempDir
    static Path dir;

    static EmbeddedConnect connect;

    @BeforeAll
    static void startWorker() {
        connect = EmbeddedConnect.start(KAFKA.bootstrapServers(), dir.resolve("connect.offsets"), Map.of());
    }

    @AfterAll
    static void stopWorker() {
        if (connect != null) {
            connect.close();
        }
    }

    @Test
    void fileStreamSinkWritesEveryEnrichedArticleAsAStruct() throws Exception {
        NewsTopics topics = NewsTopics.defaults();
        String topic = topics.enriched().name();
        KAFKA.createTopics(List.of(topics.enriched(), new TopicSpec(DLQ, 1, (short) 1, Map.of())));
        Path out = dir.resolve("enriched.txt");

        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("file", out.toString());
        config.put("key.converter", StringConverter.class.getName());
        config.put("value.converter", NewsAvroConverter.class.getName());
        config.put("value.converter.record.type", "EnrichedArticle");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", DLQ);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.put("consumer.override.auto.offset.reset", "earliest");
        connect.putConnector(CONNECTOR, config);
        connect.awaitRunning(CONNECTOR, TIMEOUT);

        List<EnrichedArticle> articles = new ArrayList<>();
        for (int i = 0; i < ARTICLES; i++) {
            articles.add(i % 4 == 3 ? Articles.breach("breach-" + i) : Articles.outage("outage-" + i, i));
        }
        byte[] v1Record = V1Records.enrichedArticle("old-v1", List.of());
        byte[] garbage = "{\"id\":\"not-avro\"}".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, EnrichedArticle> producer = new KafkaProducer<>(producerProps(),
                new StringSerializer(), NewsSerdes.enrichedArticle().serializer());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(producerProps(), new StringSerializer(), new ByteArraySerializer())) {
            for (EnrichedArticle article : articles) {
                producer.send(new ProducerRecord<>(topic, article.getId(), article));
            }
            producer.send(new ProducerRecord<>(topic, "deleted-article", null));
            raw.send(new ProducerRecord<>(topic, "old-v1", v1Record));
            raw.send(new ProducerRecord<>(topic, "not-avro", garbage));
        }

        int expectedLines = ARTICLES + 2; // the articles, the v1 record and the tombstone ("null")
        Wait.waitForCondition(() -> complete(out) && lines(out).size() >= expectedLines, TIMEOUT, expectedLines + " lines in " + out);
        List<String> lines = lines(out);

        // every record is there, exactly once, as the converter maps it
        NewsAvroConverter expected = new NewsAvroConverter();
        expected.configure(Map.of(), false);
        List<String> expectedLinesList = new ArrayList<>();
        for (EnrichedArticle article : articles) {
            expectedLinesList.add(expected.toConnectData(topic, NewsSerdes.enrichedCodec().encode(article)).value().toString());
        }
        expectedLinesList.add(expected.toConnectData(topic, v1Record).value().toString());
        expectedLinesList.add("null");
        assertThat(lines).containsExactlyInAnyOrderElementsOf(expectedLinesList);

        // field names and values of the Struct, spelled out
        EnrichedArticle first = articles.get(1);
        String line = lines.stream().filter(l -> l.startsWith("Struct{id=outage-1,")).findFirst().orElseThrow();
        assertThat(line)
                .startsWith("Struct{id=outage-1,url=https://news.example/de/aws-stoerung-1,source=https://news.example/feed.xml,"
                        + "title=AWS-Störung in us-east-1 legt Signal und Duolingo lahm (1),body=Ein DNS-Fehler bei DynamoDB")
                .contains(",publishedAt=" + Date.from(first.getPublishedAt()) + ",fetchedAt=" + Date.from(first.getFetchedAt()) + ",")
                .contains(",language=Struct{code=de,confidence=0.98,runnerUp=nl,runnerUpConfidence=0.01,titleCode=de,"
                        + "titleConfidence=0.91,classificationSupported=true},")
                .contains(",labels=[Struct{name=cloud-outage,score=0.97,evidence=[Struct{field=title,start=0,end=11,text=AWS-Störung,"
                        + "concept=outage.event,weight=2.4}, Struct{field=body,start=4,end=14,text=DNS-Fehler,concept=outage.cause,weight=1.1}]}, "
                        + "Struct{name=stock-commentary,score=0.81,")
                .contains(",scores={cloud-outage=0.97, security-breach=0.02, stock-commentary=0.81},")
                .contains(",entities=[Struct{text=AWS,type=ORG,normalized=aws,field=title,start=0,end=3}, ")
                .contains(",facts=Struct{outage=Struct{provider=aws,regions=[us-east-1],services=[dynamodb],"
                        + "affectedCustomers=[Signal, Duolingo],cause=dns,start=" + Date.from(Articles.PUBLISHED.minusSeconds(3600))
                        + ",durationMinutes=95,")
                .contains("stock=Struct{company=Amazon,ticker=AMZN,exchange=NASDAQ,price=213.04,currency=USD,changePercent=1.7,direction=up,evidence=[]}}")
                .endsWith(",modelVersion=lr-2025.10.1,pipelineVersion=0.1.0,processedAt=" + Date.from(first.getProcessedAt())
                        + ",version=" + first.getVersion() + "}");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Struct{id=breach-3,source=samples/seeds/002.txt,")
                .contains("facts=Struct{breach=Struct{victim=Sony,attackType=hack,recordsAffected=77000000,dataTypes=[personal-data, payment-card],evidence=[]}}"));
        assertThat(lines).as("the v1 record, resolved to the current schema (fact evidence defaulted)")
                .anySatisfy(l -> assertThat(l).startsWith("Struct{id=old-v1,").contains("outage=Struct{provider=gcp,regions=[europe-west3],")
                        .contains("evidence=[]}"));

        // the record that is not our format went to the dead-letter topic with the converter's reason
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readAll(KAFKA.bootstrapServers(), DLQ, new StringDeserializer(),
                new ByteArrayDeserializer(), 1, TIMEOUT);
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("not-avro");
            assertThat(r.value()).isEqualTo(garbage);
            assertThat(header(r, "__connect.errors.stage")).isEqualTo("VALUE_CONVERTER");
            assertThat(header(r, "__connect.errors.exception.class.name")).isEqualTo("org.apache.kafka.connect.errors.DataException");
            assertThat(header(r, "__connect.errors.exception.message"))
                    .isEqualTo(topic + ": not an Avro single-object encoded Newsroute record (17 bytes, expected the marker C3 01 and "
                            + "an 8-byte schema fingerprint)");
        });
        assertThat(connect.taskStates(CONNECTOR)).containsExactly("RUNNING");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> producerProps() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
    }

    /** The file ends with a line break, so no line is half written. */
    private static boolean complete(Path file) {
        try {
            return Files.exists(file) && Files.size(file) > 0 && Files.readString(file, StandardCharsets.UTF_8).endsWith("\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
