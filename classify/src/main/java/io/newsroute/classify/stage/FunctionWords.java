package io.newsroute.classify.stage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Short lists of function words (articles, prepositions, auxiliaries) per language, loaded from
 * {@code io/newsroute/classify/language/<iso>/function-words.txt}; a language without a file has
 * no list. They arbitrate where character n-grams are weak: a headline whose only long words are
 * English brand names, and close relatives (da/nb/sv, nl/af, es/pt). Between two relatives only
 * the words of one list that are missing from the other count ({@link #exclusiveHits}), so a list
 * may keep the words it shares with a relative.
 */
final class FunctionWords {
    static final String RESOURCE_DIR = "/io/newsroute/classify/language/";

    private final Map<String, Set<String>> words;

    private FunctionWords(Map<String, Set<String>> words) {
        this.words = Map.copyOf(words);
    }

    /** Loads the lists of the given ISO 639-1 codes that have one. */
    static FunctionWords load(Collection<String> codes) {
        Map<String, Set<String>> words = new HashMap<>();
        for (String code : codes) {
            String path = RESOURCE_DIR + code + "/function-words.txt";
            try (InputStream in = FunctionWords.class.getResourceAsStream(path)) {
                if (in == null) {
                    continue;
                }
                Set<String> set = new HashSet<>();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith("#")) {
                        continue;
                    }
                    for (String word : line.trim().split("\\s+")) {
                        if (!word.isEmpty()) {
                            set.add(word.toLowerCase(Locale.ROOT));
                        }
                    }
                }
                words.put(code, Set.copyOf(set));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return new FunctionWords(words);
    }

    boolean covers(String code) {
        return words.containsKey(code);
    }

    /** Number of tokens that are function words of {@code code}; 0 when it has no list. */
    int hits(String code, List<String> tokens) {
        Set<String> list = words.getOrDefault(code, Set.of());
        int hits = 0;
        for (String token : tokens) {
            if (list.contains(token)) {
                hits++;
            }
        }
        return hits;
    }

    /** Number of tokens that are function words of {@code code} but not of {@code other}. */
    int exclusiveHits(String code, String other, List<String> tokens) {
        Set<String> list = words.getOrDefault(code, Set.of());
        Set<String> exclude = words.getOrDefault(other, Set.of());
        int hits = 0;
        for (String token : tokens) {
            if (list.contains(token) && !exclude.contains(token)) {
                hits++;
            }
        }
        return hits;
    }

    /** Lower-case word tokens: maximal runs of letters and combining marks (apostrophes split). */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean letter = i < text.length() && isWordChar(text.charAt(i));
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                tokens.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
        }
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }
}
