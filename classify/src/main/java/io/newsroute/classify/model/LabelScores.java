package io.newsroute.classify.model;

import java.util.List;
import java.util.Map;

import io.newsroute.schema.Evidence;

/**
 * The output of a {@link LabelScorer}: the probability of every label and, per label, the evidence
 * spans that contributed most (strongest first; at most a handful).
 *
 * @param scores   label to probability in [0, 1], one entry per label of {@code Labels.ALL}
 * @param evidence label to evidence spans; a label without evidence maps to an empty list
 */
public record LabelScores(Map<String, Double> scores, Map<String, List<Evidence>> evidence) {
    public LabelScores {
        scores = Map.copyOf(scores);
        evidence = Map.copyOf(evidence);
    }

    /** The score of {@code label}, 0 when absent. */
    public double score(String label) {
        return scores.getOrDefault(label, 0.0);
    }

    /** The evidence of {@code label}, empty when none. */
    public List<Evidence> evidenceOf(String label) {
        return evidence.getOrDefault(label, List.of());
    }
}
