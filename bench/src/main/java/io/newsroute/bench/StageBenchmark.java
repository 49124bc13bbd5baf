package io.newsroute.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.newsroute.classify.ArticlePipeline;
import io.newsroute.classify.ClassifyConfig;
import io.newsroute.ingest.ArticleReader;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;

/**
 * Per-article cost of the whole classify pipeline (normalise, detect language, classify, extract
 * entities and facts — with NER, since every sample carries a label) and of the Avro codec, over
 * the five sample articles (2-3.4 KB each, German and Dutch), round-robin. The cheaper parts alone:
 * {@link ClassifyBenchmark}, {@link ExtractBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StageBenchmark {
    private static final String[] SEEDS = {
        "000_f5622467ff08ba2c.txt", "001_f206bbed3fab92e7.txt", "002_273278b2b206579b.txt",
        "003_a64ae466073c5232.txt", "004_3ca9bc80b7bcc4df.txt"};

    private ArticlePipeline pipeline;
    private List<RawArticle> articles;
    private List<byte[]> encoded;
    private EnrichedArticle enriched;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        pipeline = ArticlePipeline.create(ClassifyConfig.defaults());
        ArticleReader reader = new ArticleReader(Clock.systemUTC());
        articles = new ArrayList<>();
        encoded = new ArrayList<>();
        for (String seed : SEEDS) {
            RawArticle article = reader.fromPlainText(read("/samples/seeds/" + seed), seed);
            articles.add(article);
            encoded.add(NewsSerdes.rawCodec().encode(article));
        }
        enriched = pipeline.process(articles.get(3), Instant.now());
    }

    private RawArticle nextArticle() {
        next = (next + 1) % articles.size();
        return articles.get(next);
    }

    /** Every stage for one labelled article: the per-record cost of the topology for labelled news. */
    @Benchmark
    public EnrichedArticle pipeline() {
        return pipeline.process(nextArticle(), Instant.EPOCH);
    }

    @Benchmark
    public RawArticle decodeRaw() {
        next = (next + 1) % encoded.size();
        return NewsSerdes.rawCodec().decode(encoded.get(next));
    }

    @Benchmark
    public byte[] encodeEnriched() {
        return NewsSerdes.enrichedCodec().encode(enriched);
    }

    private static String read(String resource) {
        try (InputStream in = StageBenchmark.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the bench jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
