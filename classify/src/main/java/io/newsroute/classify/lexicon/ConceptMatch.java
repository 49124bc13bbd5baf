package io.newsroute.classify.lexicon;

/**
 * One lexicon hit in a normalised field.
 *
 * @param field    {@code title} or {@code body}
 * @param start    start offset (UTF-16 chars) into the normalised field
 * @param end      end offset, exclusive
 * @param text     the matched text
 * @param concept  the concept of the lexicon line that matched
 * @param sentence sentence index within the field
 * @param cued     whether a speculation or negation cue governs this (attack or breach side) match,
 *                 as in "a suspected cyberattack" or "keine Cyberhacker"
 */
public record ConceptMatch(String field, int start, int end, String text, Concept concept, int sentence, boolean cued) {

    /** A copy with {@link #cued} set. */
    ConceptMatch asCued() {
        return new ConceptMatch(field, start, end, text, concept, sentence, true);
    }

    /** Whether both matches are in the same sentence of the same field. */
    public boolean sameSentence(ConceptMatch other) {
        return sentence == other.sentence && field.equals(other.field);
    }
}
