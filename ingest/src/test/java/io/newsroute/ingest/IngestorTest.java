package io.newsroute.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;

class IngestorTest {
    @TempDir
    Path dir;

    @Test
    void ingestsFilesAndCollectsProblems() throws Exception {
        MockProducer<String, RawArticle> mock = new MockProducer<>(true, null, new StringSerializer(), NewsSerdes.rawArticle());
        Ingestor ingestor = new Ingestor(new ArticleReader(Clock.systemUTC()),
                new RawArticleProducer(mock, NewsTopics.defaults().raw()));
        Path jsonl = dir.resolve("a.jsonl");
        Files.writeString(jsonl, "{\"title\": \"One\"}\nbroken\n");

        IngestReport report = ingestor.ingest(List.of(SeedArticlesTest.SEEDS, jsonl, dir.resolve("missing.json")));

        assertThat(report.articles()).isEqualTo(6);
        assertThat(report.problems()).extracting(IngestProblem::toString).containsExactly(
                jsonl + ":2: not valid JSON: Unrecognized token 'broken': was expecting (JSON String, Number, Array,"
                        + " Object or token 'null', 'true' or 'false')",
                dir.resolve("missing.json") + ":0: no such file or directory");
        assertThat(mock.history()).hasSize(6).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getId()));
        assertThat(mock.flushed()).isTrue();
    }

    @Test
    void ingestsJsonLinesFromAStream() {
        MockProducer<String, RawArticle> mock = new MockProducer<>(true, null, new StringSerializer(), NewsSerdes.rawArticle());
        Ingestor ingestor = new Ingestor(new ArticleReader(Clock.systemUTC()),
                new RawArticleProducer(mock, NewsTopics.of("test.", 1, (short) 1, 1000).raw()));
        byte[] input = "{\"title\": \"A\"}\n{\"title\": \"B\"}\n{}\n".getBytes(StandardCharsets.UTF_8);

        IngestReport report = ingestor.ingestJsonLines(new ByteArrayInputStream(input), "stdin");

        assertThat(report.articles()).isEqualTo(2);
        assertThat(report.problems()).extracting(IngestProblem::toString)
                .containsExactly("stdin:3: article has neither title nor body");
        assertThat(mock.history()).extracting(r -> r.topic() + ":" + r.value().getTitle())
                .containsExactly("test.raw:A", "test.raw:B");
    }

    @Test
    void producerFailureAbortsTheIngest() {
        MockProducer<String, RawArticle> mock = new MockProducer<>(false, null, new StringSerializer(), NewsSerdes.rawArticle());
        Ingestor ingestor = new Ingestor(new ArticleReader(Clock.systemUTC()),
                new RawArticleProducer(mock, NewsTopics.defaults().raw()));
        mock.sendException = new TopicAuthorizationException("Not authorized to access topics: [news.raw]");

        assertThatThrownBy(() -> ingestor.ingestJsonLines(new ByteArrayInputStream(
                "{\"id\": \"first\", \"title\": \"A\"}\n{\"title\": \"B\"}\n".getBytes(StandardCharsets.UTF_8)), "stdin"))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("article first")
                .hasMessageContaining("Not authorized");
    }

    @Test
    void listenerSeesEveryByteAndArticle() throws Exception {
        MockProducer<String, RawArticle> mock = new MockProducer<>(true, null, new StringSerializer(), NewsSerdes.rawArticle());
        Ingestor ingestor = new Ingestor(new ArticleReader(Clock.systemUTC()), new RawArticleProducer(mock, NewsTopics.defaults().raw()));
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("a.jsonl"), "{\"title\": \"Eins\"}\r\n\n{\"title\": \"Zwei\"}");
        Files.writeString(corpus.resolve("b.txt"), "Drei Worte hier\nText");
        Files.writeString(corpus.resolve("c.md"), "not read");
        java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

        IngestReport report = ingestor.ingest(List.of(corpus), new Ingestor.Listener() {
            @Override
            public void read(long n) {
                bytes.addAndGet(n);
            }

            @Override
            public void sent() {
                sent.incrementAndGet();
            }
        });

        assertThat(report.articles()).isEqualTo(3);
        assertThat(sent.get()).isEqualTo(3);
        assertThat(ArticleReader.inputBytes(List.of(corpus))).isEqualTo(Files.size(corpus.resolve("a.jsonl")) + Files.size(corpus.resolve("b.txt")));
        assertThat(bytes.get()).isEqualTo(ArticleReader.inputBytes(List.of(corpus)));
    }
}
