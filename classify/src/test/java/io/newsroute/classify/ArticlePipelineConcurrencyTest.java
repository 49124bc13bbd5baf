package io.newsroute.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.RawArticle;

/**
 * One pipeline is shared by every stream thread of an instance: articles scored at the same time on several
 * threads must get exactly the language, scores and labels they get one at a time.
 */
class ArticlePipelineConcurrencyTest {
    private static final List<String> SEEDS = List.of("000_f5622467ff08ba2c.txt", "001_f206bbed3fab92e7.txt",
            "002_273278b2b206579b.txt", "003_a64ae466073c5232.txt", "004_3ca9bc80b7bcc4df.txt");
    private static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");

    @Test
    void concurrentArticlesGetTheResultsTheyGetAlone() throws Exception {
        ArticlePipeline pipeline = TestPipelines.shared();
        Map<String, String> alone = new ConcurrentHashMap<>();
        List<RawArticle> seeds = new ArrayList<>();
        for (String file : SEEDS) {
            RawArticle seed = TestPipelines.seed(file);
            seeds.add(seed);
            alone.put(seed.getId(), summary(pipeline.process(seed, NOW)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(threads.submit(() -> {
                    List<String> differences = new ArrayList<>();
                    for (int round = 0; round < 15; round++) {
                        RawArticle seed = seeds.get((round + offset) % seeds.size());
                        String together = summary(pipeline.process(seed, NOW));
                        if (!together.equals(alone.get(seed.getId()))) {
                            differences.add(seed.getId() + ": " + together + " instead of " + alone.get(seed.getId()));
                        }
                    }
                    return differences;
                }));
            }
            List<String> differences = new ArrayList<>();
            for (Future<List<String>> result : results) {
                differences.addAll(result.get());
            }
            assertThat(differences).isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }

    private static String summary(EnrichedArticle article) {
        return article.getLanguage().getCode() + " " + article.getScores() + " "
                + article.getLabels().stream().map(label -> label.getName()).toList() + " " + article.getFacts();
    }
}
