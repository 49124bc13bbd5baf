package io.newsroute.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.AvroTrust;

/**
 * Test fixtures: one pipeline with the default configuration per test JVM (Lingua takes seconds
 * and hundreds of MB to load, so it is loaded once, lazily), and the seed articles.
 */
final class TestPipelines {
    static final Path SEEDS = Path.of("../samples/seeds");
    static final Instant FETCHED = Instant.parse("2024-01-01T00:00:00Z");

    private TestPipelines() {
    }

    /** The default-config pipeline, built on first use and shared by every test class. */
    static ArticlePipeline shared() {
        return Holder.PIPELINE;
    }

    static RawArticle article(String id, String title, String body) {
        return article(id, title, body, "text/plain");
    }

    static RawArticle article(String id, String title, String body, String contentType) {
        AvroTrust.install();
        return RawArticle.newBuilder()
                .setId(id)
                .setSource("test")
                .setTitle(title)
                .setBody(body)
                .setFetchedAt(FETCHED)
                .setContentType(contentType)
                .build();
    }

    /** A seed from {@code ../samples/seeds} as a plain-text article: empty title, the file as body. */
    static RawArticle seed(String file) {
        try {
            return article(file, "", Files.readString(SEEDS.resolve(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of {@code expected.tsv}: file, language, labels ("-" for none). */
    static List<String[]> expectedSeeds() {
        try {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(SEEDS.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Holder {
        static final ArticlePipeline PIPELINE = ArticlePipeline.create(ClassifyConfig.defaults());
    }
}
