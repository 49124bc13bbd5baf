package io.newsroute.classify.lexicon;

import java.util.Arrays;

/**
 * A deliberately simple sentence splitter for co-occurrence and cue scope: a sentence ends at a
 * line break, or at {@code . ! ?} followed by white space unless a digit precedes the period
 * (German ordinals and dates: "am 21. April"). Good enough to scope "same sentence" rules; not
 * a linguistic segmenter.
 */
final class Sentences {
    private final int[] starts;

    private Sentences(int[] starts) {
        this.starts = starts;
    }

    static Sentences of(String text) {
        int[] starts = new int[16];
        int count = 1; // starts[0] = 0
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean boundary = c == '\n'
                    || ((c == '!' || c == '?' || (c == '.' && (i == 0 || !Character.isDigit(text.charAt(i - 1)))))
                        && i + 1 < n && Character.isWhitespace(text.charAt(i + 1)));
            if (boundary) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return new Sentences(Arrays.copyOf(starts, count));
    }

    /** Index of the sentence containing {@code offset}. */
    int indexOf(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }
}
