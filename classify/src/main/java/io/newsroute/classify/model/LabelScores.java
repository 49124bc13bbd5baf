package io.newsroute.classify.model;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.newsroute.schema.Evidence;

/**
 * The output of a {@link LabelScorer}: the probability of every label and, per label, the evidence
 * spans that contributed most (strongest first; at most a handful).
 *
 * <p>Evidence is computed on first request per label and then kept: a pipeline asks only for the
 * labels an article gets, and most articles of a news stream get none, so they never pay for it.
 * Not meant to be shared across threads while evidence is still being requested (it is safe, but
 * may compute a label's evidence twice).
 */
public final class LabelScores {
    private final Map<String, Double> scores;
    private final Function<String, List<Evidence>> evidence;
    private final Map<String, List<Evidence>> computed = new ConcurrentHashMap<>();

    /**
     * @param scores   label to probability in [0, 1], one entry per label of {@code Labels.ALL}
     * @param evidence label to its evidence spans (called at most once per label); a label without
     *                 evidence maps to an empty list
     */
    public LabelScores(Map<String, Double> scores, Function<String, List<Evidence>> evidence) {
        this.scores = Map.copyOf(scores);
        this.evidence = evidence;
    }

    /** Scores with evidence already computed for every label. */
    public LabelScores(Map<String, Double> scores, Map<String, List<Evidence>> evidence) {
        this(scores, label -> evidence.getOrDefault(label, List.of()));
    }

    /** Label to probability. */
    public Map<String, Double> scores() {
        return scores;
    }

    /** The score of {@code label}, 0 when absent. */
    public double score(String label) {
        return scores.getOrDefault(label, 0.0);
    }

    /** The evidence of {@code label}, empty when none. */
    public List<Evidence> evidenceOf(String label) {
        if (!scores.containsKey(label)) {
            return List.of();
        }
        return computed.computeIfAbsent(label, l -> List.copyOf(evidence.apply(l)));
    }

    @Override
    public String toString() {
        return "LabelScores" + scores;
    }
}
