package io.newsroute.classify;

import java.util.Objects;

import io.newsroute.schema.DeadLetter;
import io.newsroute.schema.EnrichedArticle;

/** The result of the enrich step for one record: an enriched article or a dead letter. Internal. */
final class EnrichOutcome {
    private final EnrichedArticle article;
    private final DeadLetter deadLetter;

    private EnrichOutcome(EnrichedArticle article, DeadLetter deadLetter) {
        this.article = article;
        this.deadLetter = deadLetter;
    }

    static EnrichOutcome ok(EnrichedArticle article) {
        return new EnrichOutcome(Objects.requireNonNull(article, "article"), null);
    }

    static EnrichOutcome failed(DeadLetter deadLetter) {
        return new EnrichOutcome(null, Objects.requireNonNull(deadLetter, "deadLetter"));
    }

    boolean isOk() {
        return article != null;
    }

    /** @throws IllegalStateException on a failed outcome */
    EnrichedArticle article() {
        if (article == null) {
            throw new IllegalStateException("failed outcome has no article");
        }
        return article;
    }

    /** @throws IllegalStateException on a successful outcome */
    DeadLetter deadLetter() {
        if (deadLetter == null) {
            throw new IllegalStateException("successful outcome has no dead letter");
        }
        return deadLetter;
    }
}
