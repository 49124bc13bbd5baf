package io.newsroute.classify.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsroute.schema.Labels;

class EvaluatorTest {
    private static final Map<String, Double> HALF = Map.of(Labels.CLOUD_OUTAGE, 0.5, Labels.SECURITY_BREACH, 0.5,
            Labels.STOCK_COMMENTARY, 0.5);

    @Test
    void countsPerLabelLanguageHardNegativesAndConfusions() throws Exception {
        List<LabelledArticle> items = List.of(
                item("a", "en", Set.of(Labels.CLOUD_OUTAGE), "positive"),
                item("b", "en", Set.of(), "hard-negative"),
                item("c", "de", Set.of(Labels.CLOUD_OUTAGE, Labels.STOCK_COMMENTARY), "multi"),
                item("d", "de", Set.of(), "negative"));
        Map<String, Map<String, Double>> scores = Map.of(
                "a", Map.of(Labels.CLOUD_OUTAGE, 0.9),                 // TP
                "b", Map.of(Labels.CLOUD_OUTAGE, 0.7),                 // FP on a hard negative
                "c", Map.of(Labels.CLOUD_OUTAGE, 0.8),                 // TP outage, FN stock
                "d", Map.of());                                        // TN
        Evaluation e = Evaluator.evaluate(items, item -> scores.get(item.id()), HALF, "test");

        Evaluation.Counts outage = e.byLabel().get(Labels.CLOUD_OUTAGE);
        assertThat(outage).isEqualTo(new Evaluation.Counts(2, 1, 0, 1));
        assertThat(outage.f1()).isEqualTo(0.8);
        assertThat(e.byLabel().get(Labels.STOCK_COMMENTARY)).isEqualTo(new Evaluation.Counts(0, 0, 1, 3));
        assertThat(e.byLabel().get(Labels.SECURITY_BREACH).f1()).isNaN();
        assertThat(e.macroF1()).isEqualTo(0.4); // mean of 0.8 and 0.0; breach undefined
        assertThat(e.byLabelLang().get(Labels.CLOUD_OUTAGE).get("en")).isEqualTo(new Evaluation.Counts(1, 1, 0, 0));
        assertThat(e.hardNegatives().get(Labels.CLOUD_OUTAGE).falsePositiveRate()).isEqualTo(1.0);
        assertThat(e.confusions()).extracting(Evaluation.Confusion::gold, Evaluation.Confusion::predicted)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("[]", "[cloud-outage]"),
                        org.assertj.core.groups.Tuple.tuple("[cloud-outage, stock-commentary]", "[cloud-outage]"));
        assertThat(e.errors()).extracting(Evaluation.Error::id).containsExactly("b", "c");

        JsonNode json = new ObjectMapper().readTree(e.toJson());
        assertThat(json.path("labels").path(Labels.CLOUD_OUTAGE).path("f1").asDouble()).isEqualTo(0.8);
        assertThat(json.path("labels").path(Labels.CLOUD_OUTAGE).path("hardNegatives").path("falsePositiveRate").asDouble())
                .isEqualTo(1.0);
        assertThat(json.path("macroF1").asDouble()).isEqualTo(0.4);
        assertThat(e.toText()).contains("macro-F1: 0.400", "cloud-outage", "hard negatives");
    }

    @Test
    void bestThresholdMaximisesF1AndPrefersTheHigherOnTies() {
        double[] scores = {0.9, 0.8, 0.3, 0.2};
        boolean[] gold = {true, true, false, false};
        double[] best = Evaluator.bestThreshold(scores, gold);
        assertThat(best[1]).isEqualTo(1.0);
        assertThat(best[0]).isEqualTo(0.8); // every threshold in (0.3, 0.8] is perfect: the highest wins
    }

    private static LabelledArticle item(String id, String lang, Set<String> labels, String kind) {
        return new LabelledArticle(id, lang, "title " + id, "", labels, kind);
    }
}
