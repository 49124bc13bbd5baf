package io.newsroute.app.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" for a misspelt key: the closest candidate within a small edit distance. */
final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate closest to {@code given} by edit distance (at most 2, or 3 for names longer than 20
     * characters), else one that ends with {@code "." + given} (a key written without its namespace).
     */
    static Optional<String> closest(String given, Collection<String> candidates) {
        int limit = given.length() > 20 ? 3 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(given, candidate, limit);
            if (distance <= limit && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        return candidates.stream().filter(c -> c.endsWith("." + given)).sorted().findFirst();
    }

    /** Levenshtein distance, or {@code limit + 1} as soon as it must exceed {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
