package io.newsroute.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.newsroute.classify.extract.ExtractConfig;
import io.newsroute.classify.extract.Extraction;
import io.newsroute.classify.extract.Extractor;

/**
 * Entity and fact extraction on seed 003 (German, 2.3 KB): unlabelled (gazetteers and patterns only,
 * the path most of a real stream takes) versus labelled cloud-outage + stock-commentary (adds the
 * German CoreNLP NER CRF and the fact rules).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExtractBenchmark {
    private Extractor extractor;
    private String body;

    @Setup
    public void setUp() throws IOException {
        extractor = Extractor.create(new ExtractConfig(Map.of(ExtractConfig.NER_LANGUAGES, "de")));
        Path seed = Path.of("samples/seeds/003_a64ae466073c5232.txt");
        if (!Files.exists(seed)) {
            seed = Path.of("../samples/seeds/003_a64ae466073c5232.txt");
        }
        body = Files.readString(seed);
    }

    @Benchmark
    public Extraction unlabelledNoNer() {
        return extractor.extract("", body, "de", Set.of());
    }

    @Benchmark
    public Extraction labelledWithNer() {
        return extractor.extract("", body, "de", Set.of("cloud-outage", "stock-commentary"));
    }
}
