package io.newsroute.classify.model;

/**
 * Scores an article for every label of {@link io.newsroute.schema.Labels#ALL}. The default
 * implementation is {@link ModelScorer}: trained logistic-regression models (CoreNLP
 * {@code LinearClassifier}) over concept, stem and character n-gram features. Implementations are built once, hold their models, and are thread-safe
 * and stateless per call.
 */
public interface LabelScorer {

    /**
     * @param title    normalised title (evidence offsets point into it), possibly empty
     * @param body     normalised body, possibly empty
     * @param language ISO 639-1 code of the article, or {@code und}
     * @return a probability in [0, 1] for every label, and evidence spans per label; never null
     */
    LabelScores score(String title, String body, String language);

    /** Whether the scorer has language-specific knowledge for {@code language} (else: best effort). */
    boolean supports(String language);

    /** Version of the model, carried by every enriched record, e.g. {@code lr-20250101-1a2b3c4d}. */
    String modelVersion();

    /**
     * The model's own decision threshold for {@code label} (a trained model tunes it on held-out
     * data); {@code classify.threshold.<label>} overrides it when set. Default 0.5.
     */
    default double threshold(String label) {
        return 0.5;
    }
}
