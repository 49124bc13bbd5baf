package io.newsroute.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.newsroute.schema.topic.NewsTopics;

/** The default run starts broker, Connect worker and OpenSearch in one process: they must coexist on one classpath. */
class AllServicesInOneJvmIT {

    @TempDir
    Path dir;

    @Test
    void brokerConnectAndOpenSearchRunTogether() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             EmbeddedOpenSearch search = EmbeddedOpenSearch.start(dir.resolve("opensearch"));
             EmbeddedConnect connect = EmbeddedConnect.start(kafka.bootstrapServers(), dir.resolve("connect/offsets"), Map.of())) {
            NewsTopics topics = NewsTopics.defaults();
            kafka.createTopics(topics.all());

            Path out = dir.resolve("raw.txt");
            connect.putConnector("raw-to-file", EmbeddedConnectIT.fileSink(topics.raw().name(), out));
            connect.awaitRunning("raw-to-file", Duration.ofSeconds(30));
            try (KafkaProducer<String, String> producer = EmbeddedKafkaIT.transactionalProducer(kafka.bootstrapServers())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topics.raw().name(), "a1", "Störung bei Azure"));
                producer.send(new ProducerRecord<>(topics.raw().name(), "a2", "Storing bij AWS"));
                producer.commitTransaction();
            }
            Polling.await(() -> EmbeddedConnectIT.lines(out).size() == 2, Duration.ofSeconds(30), "2 lines in " + out);
            assertThat(EmbeddedConnectIT.lines(out)).containsExactlyInAnyOrder("Störung bei Azure", "Storing bij AWS");

            OpenSearchHttp http = new OpenSearchHttp(search.httpUrl());
            HttpResponse<String> analyzed = http.send("POST", "/_analyze", "{\"analyzer\": \"german\", \"text\": \"Ausfälle\"}");
            assertThat(analyzed.statusCode()).as(analyzed.body()).isEqualTo(200);
            assertThat(analyzed.body()).contains("\"token\":\"ausfall\"");

            assertThat(List.of(kafka.bootstrapServers(), search.httpUrl(), connect.restUrl())).doesNotHaveDuplicates();
        }
    }
}
