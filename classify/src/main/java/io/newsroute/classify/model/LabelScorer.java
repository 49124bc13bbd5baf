package io.newsroute.classify.model;

/**
 * Scores an article for every label of {@link io.newsroute.schema.Labels#ALL}. The first
 * implementation is the lexicon scorer ({@code io.newsroute.classify.lexicon.LexiconClassifier});
 * a trained model (CoreNLP {@code LinearClassifier} over the same concept features) replaces it
 * behind this interface. Implementations are built once, hold their models, and are thread-safe
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

    /** Version of the model, carried by every enriched record, e.g. {@code lexicon-1}. */
    String modelVersion();
}
