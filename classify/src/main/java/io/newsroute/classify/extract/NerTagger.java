package io.newsroute.classify.extract;

import java.util.List;
import java.util.Set;

/**
 * The expensive named-entity recogniser behind a seam, so the cascade (NER only for labelled
 * articles) can be observed in tests and the model swapped. Implementations are thread-safe.
 */
interface NerTagger {
    /** A recognised span: type is PERSON, ORG or PLACE; offsets into the text given. */
    record Span(int start, int end, String type) {
    }

    /** Languages this tagger has a model for. */
    Set<String> languages();

    /** Tags one text in a supported language; an empty list for any other language. */
    List<Span> tag(String text, String language);

    /** No NER at all. */
    NerTagger NONE = new NerTagger() {
        @Override
        public Set<String> languages() {
            return Set.of();
        }

        @Override
        public List<Span> tag(String text, String language) {
            return List.of();
        }
    };
}
