package io.newsroute.classify.lexicon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds concept matches (outage terms, cloud providers, breach terms, share-price terms...) in a
 * normalised title and body with the per-language lexicons: the language-independent source of
 * the classifier's concept features ({@code io.newsroute.classify.model.FeatureExtractor}).
 *
 * <p>Cues: attack and breach side matches (attack, breach, data, theft terms) in a sentence with a
 * speculation cue ("a suspected cyberattack", "vermutet"), or up to
 * {@value #NEGATION_WINDOW_WORDS} words after a negation cue in the same clause ("keine ...
 * Cyberhacker"), are returned with {@link ConceptMatch#cued()} set; the cue words themselves are
 * not returned. The model learns what a cued match is worth.
 *
 * <p>A language without a lexicon folder is matched with the English and common lexicons (best
 * effort; {@link #supports} is false). Lexicons are compiled once; matching is thread-safe.
 */
public final class ConceptMatcher {
    /** The lexicon used for languages without their own folder. */
    public static final String FALLBACK_LANGUAGE = "en";
    static final int NEGATION_WINDOW_WORDS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(ConceptMatcher.class);

    private final Map<String, Lexicon> lexicons;
    private final Lexicon fallback;

    private ConceptMatcher(Map<String, Lexicon> lexicons, Lexicon fallback) {
        this.lexicons = Map.copyOf(lexicons);
        this.fallback = fallback;
    }

    /**
     * Loads and compiles the lexicons of {@code languages} that have a folder, plus the fallback.
     *
     * @throws IllegalStateException if a lexicon is malformed or the fallback is missing
     */
    public static ConceptMatcher load(Collection<String> languages) {
        Map<String, Lexicon> lexicons = new LinkedHashMap<>();
        Set<String> wanted = new HashSet<>(languages);
        wanted.add(FALLBACK_LANGUAGE);
        for (String language : wanted) {
            Optional<Lexicon> lexicon = Lexicon.load(language);
            lexicon.ifPresent(l -> lexicons.put(language, l));
        }
        Lexicon fallback = lexicons.get(FALLBACK_LANGUAGE);
        if (fallback == null) {
            throw new IllegalStateException("missing fallback lexicon " + Lexicon.ROOT + FALLBACK_LANGUAGE);
        }
        if (!languages.contains(FALLBACK_LANGUAGE)) {
            lexicons.remove(FALLBACK_LANGUAGE);
        }
        LOG.info("lexicons loaded for {} (fallback {})", lexicons.keySet(), FALLBACK_LANGUAGE);
        return new ConceptMatcher(lexicons, fallback);
    }

    /**
     * SHA-256 (hex) over the loaded lexicons (language and content, in language order) and the fallback: a
     * model records it, so a lexicon edit without retraining is noticed instead of shifting scores silently.
     */
    public String digest() {
        StringBuilder all = new StringBuilder();
        new TreeMap<>(lexicons).forEach((language, lexicon) -> all.append(language).append('=').append(lexicon.digest()).append('\n'));
        all.append("fallback=").append(fallback.digest());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Languages with their own lexicon among those loaded. */
    public Set<String> languages() {
        return lexicons.keySet();
    }

    /** Whether {@code language} has its own lexicon (else the fallback is used). */
    public boolean supports(String language) {
        return lexicons.containsKey(language);
    }

    /**
     * Concept matches in title then body, left to right per field; cue words are consumed and mark
     * the breach-side matches they govern as {@link ConceptMatch#cued() cued}.
     */
    public List<ConceptMatch> find(String title, String body, String language) {
        Lexicon lexicon = lexicons.getOrDefault(language, fallback);
        List<ConceptMatch> all = new ArrayList<>(lexicon.find(title, "title"));
        all.addAll(lexicon.find(body, "body"));
        return applyCues(all, title, body);
    }

    /** Sentence key unique across title and body. */
    public static long sentenceKey(ConceptMatch match) {
        return ("title".equals(match.field()) ? 1L << 32 : 0L) | match.sentence();
    }

    static List<ConceptMatch> applyCues(List<ConceptMatch> matches, String title, String body) {
        Set<Long> speculative = new HashSet<>();
        Map<Long, List<ConceptMatch>> negations = new HashMap<>();
        for (ConceptMatch match : matches) {
            if (match.concept() == Concept.CUE_SPECULATION) {
                speculative.add(sentenceKey(match));
            } else if (match.concept() == Concept.CUE_NEGATION) {
                negations.computeIfAbsent(sentenceKey(match), k -> new ArrayList<>()).add(match);
            }
        }
        List<ConceptMatch> kept = new ArrayList<>(matches.size());
        for (ConceptMatch match : matches) {
            if (match.concept().isCue()) {
                continue;
            }
            if (match.concept().isBreachSide()
                    && (speculative.contains(sentenceKey(match))
                        || negated(match, negations.getOrDefault(sentenceKey(match), List.of()),
                                "title".equals(match.field()) ? title : body))) {
                kept.add(match.asCued());
            } else {
                kept.add(match);
            }
        }
        return kept;
    }

    private static boolean negated(ConceptMatch match, List<ConceptMatch> negations, String text) {
        for (ConceptMatch cue : negations) {
            if (cue.end() <= match.start() && inScope(text, cue.end(), match.start())) {
                return true;
            }
        }
        return false;
    }

    private static boolean inScope(String text, int from, int to) {
        int words = 0;
        boolean inWord = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (",;:()\"“”„«»".indexOf(c) >= 0) {
                return false;
            }
            boolean letter = Character.isLetterOrDigit(c);
            if (letter && !inWord && ++words > NEGATION_WINDOW_WORDS) {
                return false;
            }
            inWord = letter;
        }
        return true;
    }
}
