package io.newsroute.classify.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pl.PolishAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import io.newsroute.classify.lexicon.Concept;
import io.newsroute.classify.lexicon.ConceptMatch;
import io.newsroute.classify.lexicon.ConceptMatcher;
import io.newsroute.classify.model.ArticleFeatures.FeatureSpan;

/**
 * Turns a normalised title and body into the classifier's features. Built once (lexicons compiled,
 * analyzers created), thread-safe, no per-record regex compilation. Feature families, by name prefix:
 * <ul>
 *   <li>{@code c:<concept>} / {@code ct:<concept>}: lexicon concept counts in title+body / title
 *       only (language independent: "Ausfall", "storing" and "outage" are all {@code outage.event});
 *       {@code cq:<concept>}: attack/breach concepts under a speculation or negation cue, kept apart
 *       so "a cyberattack was ruled out" does not look like a breach;
 *       {@code cc:<a>+<b>}: sentences where two concepts co-occur (outage.event+cloud.provider,
 *       breach.event+breach.data, market.term+price.move, ...);</li>
 *   <li>{@code s:<stem>}, {@code b:<stem> <stem>}: stem unigrams and bigrams of title and body from
 *       the language's Lucene analyzer (stop words removed); {@code t:<stem>}: title stems;</li>
 *   <li>{@code h:<bucket>}: character 4- and 5-grams of lower-cased tokens (padded with a space at
 *       both ends), hashed (FNV-1a, stable across JVMs) into {@link #hashBuckets()} buckets, which
 *       bounds the model size and catches compounds and inflections the stemmers miss;</li>
 *   <li>{@code bias}: always 1 (LinearClassifier learns no intercept of its own).</li>
 * </ul>
 * Values are {@code log(1 + count)}; the stem, bigram, title-stem and n-gram families are each
 * scaled to unit L2 norm per article, so a 3,000-word article does not look more "outage" than a
 * 300-word one just because it has more tokens (without it, long seed articles scored far lower
 * than the shorter corpus articles they resemble). Concept features are not scaled.
 * Languages without an analyzer use the English one and the
 * English lexicon (best effort). {@link #configId()} names this recipe; a model records it and
 * refuses to load against a different one.
 */
public final class FeatureExtractor {
    /** Bumped whenever the feature recipe changes: models record it. */
    static final String RECIPE = "f1";
    public static final int DEFAULT_HASH_BUCKETS = 1 << 18;
    public static final String BIAS = "bias";
    static final String FALLBACK_LANGUAGE = "en";

    /** One stemming analyzer per ISO 639-1 code; adding a language is adding a line. */
    private static final Map<String, Supplier<Analyzer>> ANALYZERS = Map.of(
            "en", EnglishAnalyzer::new,
            "de", GermanAnalyzer::new,
            "fr", FrenchAnalyzer::new,
            "es", SpanishAnalyzer::new,
            "it", ItalianAnalyzer::new,
            "pt", PortugueseAnalyzer::new,
            "nl", DutchAnalyzer::new,
            "pl", PolishAnalyzer::new);

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private static final String[] NORMALISED_FAMILIES = {"s:", "b:", "t:", "h:"};
    private final ConceptMatcher matcher;
    private final Map<String, Analyzer> analyzers;
    private final Analyzer fallback;
    private final int buckets;
    /** "h:<bucket>" names, created on first use: saves a string concatenation per n-gram (racy but safe: Strings are immutable). */
    private final String[] bucketNames;

    private FeatureExtractor(ConceptMatcher matcher, Map<String, Analyzer> analyzers, int buckets) {
        this.matcher = matcher;
        this.analyzers = Map.copyOf(analyzers);
        this.fallback = analyzers.get(FALLBACK_LANGUAGE);
        this.buckets = buckets;
        this.bucketNames = new String[buckets];
        this.gramCounts = ThreadLocal.withInitial(() -> new GramCounts(buckets));
    }

    /** Lexicons and analyzers for {@code languages} (plus the English fallback), default buckets. */
    public static FeatureExtractor create(Collection<String> languages) {
        return create(languages, DEFAULT_HASH_BUCKETS);
    }

    /**
     * @param buckets number of hash buckets for character n-grams, a power of two >= 1024
     * @throws IllegalArgumentException for a bad bucket count
     */
    public static FeatureExtractor create(Collection<String> languages, int buckets) {
        if (buckets < 1024 || Integer.bitCount(buckets) != 1) {
            throw new IllegalArgumentException("hash buckets must be a power of two >= 1024, got " + buckets);
        }
        Map<String, Analyzer> analyzers = new HashMap<>();
        analyzers.put(FALLBACK_LANGUAGE, ANALYZERS.get(FALLBACK_LANGUAGE).get());
        for (String language : languages) {
            Supplier<Analyzer> analyzer = ANALYZERS.get(language);
            if (analyzer != null) {
                analyzers.putIfAbsent(language, analyzer.get());
            }
        }
        return new FeatureExtractor(ConceptMatcher.load(languages), analyzers, buckets);
    }

    /** Languages with both a lexicon and a stemmer: classification support. */
    public boolean supports(String language) {
        return matcher.supports(language) && analyzers.containsKey(language);
    }

    /** Languages that have a stemming analyzer, whether loaded or not. */
    public static Set<String> stemmedLanguages() {
        return ANALYZERS.keySet();
    }

    public int hashBuckets() {
        return buckets;
    }

    /** {@link ConceptMatcher#digest()} of the lexicons this extractor matches. */
    public String lexiconDigest() {
        return matcher.digest();
    }

    /** Identifies the feature recipe, e.g. {@code f1:concepts,cues,pairs,stems,bigrams,title,char4-5,l2@262144}. */
    public String configId() {
        return RECIPE + ":concepts,cues,pairs,stems,bigrams,title,char4-5,l2@" + buckets;
    }

    /**
     * @param title    normalised title, possibly empty
     * @param body     normalised body, possibly empty
     * @param language ISO 639-1 code, or anything else for best effort
     * @return the features, never null
     */
    public ArticleFeatures extract(String title, String body, String language) {
        ArticleFeatures features = new ArticleFeatures();
        features.set(BIAS, "bias", 1.0);
        concepts(features, matcher.find(title, body, language));
        Analyzer analyzer = analyzers.getOrDefault(language, fallback);
        stems(features, analyzer, title, "title");
        stems(features, analyzer, body, "body");
        charGrams(features, title, "title");
        charGrams(features, body, "body");
        features.normalise(NORMALISED_FAMILIES);
        return features;
    }

    // ---- concepts ---------------------------------------------------------------------------

    private static void concepts(ArticleFeatures features, List<ConceptMatch> matches) {
        // sentence -> concept -> first match in that sentence (insertion order: left to right)
        Map<Long, EnumMap<Concept, ConceptMatch>> bySentence = new TreeMap<>();
        for (ConceptMatch match : matches) {
            String id = match.concept().id();
            FeatureSpan span = new FeatureSpan(match.field(), match.start(), match.end());
            if (match.cued()) {
                features.add("cq:" + id, id + " (under speculation/negation)", span);
                continue;
            }
            features.add("c:" + id, id, span);
            if ("title".equals(match.field())) {
                features.add("ct:" + id, id + " (title)", span);
            }
            bySentence.computeIfAbsent(ConceptMatcher.sentenceKey(match), k -> new EnumMap<>(Concept.class))
                    .putIfAbsent(match.concept(), match);
        }
        for (EnumMap<Concept, ConceptMatch> sentence : bySentence.values()) {
            List<ConceptMatch> firsts = new ArrayList<>(sentence.values()); // ordinal order
            for (int i = 0; i < firsts.size(); i++) {
                for (int j = i + 1; j < firsts.size(); j++) {
                    ConceptMatch a = firsts.get(i);
                    ConceptMatch b = firsts.get(j);
                    String pair = a.concept().id() + "+" + b.concept().id();
                    features.add("cc:" + pair, pair, new FeatureSpan(a.field(), a.start(), a.end()),
                            new FeatureSpan(b.field(), b.start(), b.end()));
                }
            }
        }
    }

    // ---- fast path: logits without spans or descriptions ------------------------------------

    /**
     * The model's weights split by feature family, so the scoring path needs no feature names for
     * character n-grams ({@code h:}: a flat array indexed by bucket). Built once per model by
     * {@link ModelScorer}.
     */
    static final class Weights {
        final int labels;
        /** bias, concept, cue and pair features. */
        final Map<String, double[]> named = new HashMap<>();
        /** {@code s:}, {@code t:} and {@code b:} features by their full name. */
        final Map<String, double[]> stems = new HashMap<>();
        final double[] grams;

        Weights(Map<String, double[]> deltas, int labels, int buckets) {
            this.labels = labels;
            this.grams = new double[buckets * labels];
            for (Map.Entry<String, double[]> e : deltas.entrySet()) {
                String name = e.getKey();
                if (name.startsWith("s:") || name.startsWith("t:") || name.startsWith("b:")) {
                    stems.put(name, e.getValue());
                } else if (name.startsWith("h:")) {
                    int bucket = Integer.parseInt(name.substring(2));
                    if (bucket < 0 || bucket >= buckets) {
                        throw new IllegalStateException("n-gram feature " + name + " outside " + buckets + " buckets");
                    }
                    System.arraycopy(e.getValue(), 0, grams, bucket * labels, labels);
                } else {
                    named.put(name, e.getValue());
                }
            }
        }
    }

    /**
     * Per-thread counting scratch for n-gram buckets: counts by bucket, the buckets touched in order of
     * first occurrence, and where each first occurred (field, token offsets, position in the padded token).
     */
    private static final class GramCounts {
        final int[] counts;
        int[] touched = new int[1024];
        int[] first = new int[1024 * 4]; // field, start, end, from << 8 | size
        int size;

        GramCounts(int buckets) {
            counts = new int[buckets];
        }

        void add(int bucket, int field, int start, int end, int from, int gramSize) {
            if (counts[bucket]++ == 0) {
                if (size == touched.length) {
                    touched = Arrays.copyOf(touched, size * 2);
                    first = Arrays.copyOf(first, size * 8);
                }
                touched[size] = bucket;
                first[size * 4] = field;
                first[size * 4 + 1] = start;
                first[size * 4 + 2] = end;
                first[size * 4 + 3] = from << 8 | gramSize;
                size++;
            }
        }
    }

    private final ThreadLocal<GramCounts> gramCounts;

    /**
     * What the scoring pass counted, kept so that evidence needs no second pass over the text: the
     * bias and concept features (with spans), every stem, title-stem and bigram feature in order of
     * first occurrence with its count and first span, and every n-gram bucket likewise. The feature
     * values are those of {@link #extract}: {@code log(1 + count)}, stem, title, bigram and n-gram
     * families scaled to unit L2 norm.
     */
    final class Tally {
        private final ArticleFeatures named;
        private final List<Map.Entry<String, int[]>> stems; // name -> {count, field (0 title, 1 body), start, end}
        private final double[] stemScales;                   // s:, t:, b: (1 / L2 norm, as ArticleFeatures.normalise)
        private final int[] gramBuckets;
        private final int[] gramCounts;
        private final int[] gramFirst;
        private final double gramScale;
        private final String title;
        private final String body;

        private Tally(ArticleFeatures named, Map<String, int[]> stems, GramCounts grams, String title, String body) {
            this.named = named;
            this.stems = new ArrayList<>(stems.entrySet());
            double[] sums = new double[3];
            for (Map.Entry<String, int[]> e : this.stems) {
                double v = log1p(e.getValue()[0]);
                sums[stemFamily(e.getKey())] += v * v;
            }
            this.stemScales = new double[3];
            for (int i = 0; i < 3; i++) {
                stemScales[i] = scale(sums[i]);
            }
            int n = grams.size;
            this.gramBuckets = Arrays.copyOf(grams.touched, n);
            this.gramCounts = new int[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                gramCounts[k] = grams.counts[gramBuckets[k]];
                double v = log1p(gramCounts[k]);
                sum += v * v;
            }
            this.gramFirst = Arrays.copyOf(grams.first, n * 4);
            this.gramScale = scale(sum);
            this.title = title;
            this.body = body;
        }

        private int namedSize() {
            return named.size();
        }

        /** Number of features, in the order {@link #extract} creates them. */
        int size() {
            return named.size() + stems.size() + gramBuckets.length;
        }

        String name(int k) {
            if (k < namedSize()) {
                return namedNames().get(k);
            }
            k -= namedSize();
            if (k < stems.size()) {
                return stems.get(k).getKey();
            }
            return bucketName(gramBuckets[k - stems.size()]);
        }

        double value(int k) {
            if (k < namedSize()) {
                return named.value(namedNames().get(k));
            }
            k -= namedSize();
            if (k < stems.size()) {
                Map.Entry<String, int[]> e = stems.get(k);
                return log1p(e.getValue()[0]) * stemScales[stemFamily(e.getKey())];
            }
            k -= stems.size();
            return log1p(gramCounts[k]) * gramScale;
        }

        List<FeatureSpan> spans(int k) {
            if (k < namedSize()) {
                return named.spansOf(namedNames().get(k));
            }
            k -= namedSize();
            if (k < stems.size()) {
                int[] o = stems.get(k).getValue();
                return List.of(new FeatureSpan(o[1] == 0 ? "title" : "body", o[2], o[3]));
            }
            k -= stems.size();
            return List.of(new FeatureSpan(gramFirst[k * 4] == 0 ? "title" : "body", gramFirst[k * 4 + 1], gramFirst[k * 4 + 2]));
        }

        String describe(int k) {
            if (k < namedSize()) {
                return named.describe(namedNames().get(k));
            }
            k -= namedSize();
            if (k < stems.size()) {
                String name = stems.get(k).getKey();
                String detail = name.substring(2);
                return switch (name.charAt(0)) {
                    case 's' -> "stem:" + detail;
                    case 't' -> "title-stem:" + detail;
                    default -> "stems:" + detail;
                };
            }
            k -= stems.size();
            String text = gramFirst[k * 4] == 0 ? title : body;
            int start = gramFirst[k * 4 + 1];
            int end = gramFirst[k * 4 + 2];
            StringBuilder token = new StringBuilder(end - start + 2).append(' ');
            for (int i = start; i < end; i++) {
                token.append(Character.toLowerCase(text.charAt(i)));
            }
            token.append(' ');
            int from = gramFirst[k * 4 + 3] >>> 8;
            int size = gramFirst[k * 4 + 3] & 0xFF;
            return "chars:" + token.substring(from, from + size).replace(' ', '_');
        }

        private List<String> namedNamesCache;

        private List<String> namedNames() {
            if (namedNamesCache == null) {
                namedNamesCache = new ArrayList<>(named.values().keySet());
            }
            return namedNamesCache;
        }
    }

    private static final double[] LOG1P = new double[256];

    static {
        for (int i = 0; i < LOG1P.length; i++) {
            LOG1P[i] = Math.log1p(i);
        }
    }

    /** {@code Math.log1p(count)}, from a table for the small counts nearly every feature has (log1p is slow). */
    static double log1p(int count) {
        return count >= 0 && count < LOG1P.length ? LOG1P[count] : Math.log1p(count);
    }

    /** The factor {@link ArticleFeatures#normalise} applies to a family with this sum of squares. */
    private static double scale(double sumOfSquares) {
        return sumOfSquares > 0 ? 1.0 / Math.sqrt(sumOfSquares) : 1.0;
    }

    private static int stemFamily(String name) {
        return switch (name.charAt(0)) {
            case 's' -> 0;
            case 't' -> 1;
            default -> 2;
        };
    }

    private String bucketName(int bucket) {
        String name = bucketNames[bucket];
        if (name == null) {
            name = "h:" + bucket;
            bucketNames[bucket] = name;
        }
        return name;
    }

    /**
     * Counts every feature of {@link #extract} without building names for n-grams, spans or
     * descriptions: the scoring hot path ({@link #logits}); a test holds both paths to the same logits.
     */
    Tally tally(String title, String body, String language) {
        ArticleFeatures named = new ArticleFeatures();
        named.set(BIAS, "bias", 1.0);
        concepts(named, matcher.find(title, body, language));
        Analyzer analyzer = analyzers.getOrDefault(language, fallback);
        Map<String, int[]> stems = new LinkedHashMap<>();
        StemVisitor count = (field, stem, start, end, previous, previousStart) -> {
            int f = "title".equals(field) ? 0 : 1;
            occur(stems, "s:" + stem, f, start, end);
            if (f == 0) {
                occur(stems, "t:" + stem, f, start, end);
            }
            if (previous != null) {
                occur(stems, "b:" + previous + " " + stem, f, previousStart, end);
            }
        };
        walkStems(analyzer, title, "title", count);
        walkStems(analyzer, body, "body", count);
        GramCounts grams = gramCounts.get();
        try {
            walkGrams(title, "title", (field, bucket, token, from, size, start, end) -> grams.add(bucket, 0, start, end, from, size));
            walkGrams(body, "body", (field, bucket, token, from, size, start, end) -> grams.add(bucket, 1, start, end, from, size));
            return new Tally(named, stems, grams, title, body);
        } finally {
            for (int k = 0; k < grams.size; k++) {
                grams.counts[grams.touched[k]] = 0;
            }
            grams.size = 0;
        }
    }

    private static void occur(Map<String, int[]> counts, String name, int field, int start, int end) {
        int[] o = counts.get(name);
        if (o == null) {
            counts.put(name, new int[] {1, field, start, end});
        } else {
            o[0]++;
        }
    }

    /** The logit (sum of weight times feature value) of every label, from a {@link #tally}. */
    static double[] logits(Tally tally, Weights weights) {
        int labels = weights.labels;
        double[] logits = new double[labels];
        for (Map.Entry<String, Double> e : tally.named.values().entrySet()) {
            addScaled(logits, weights.named.get(e.getKey()), e.getValue());
        }
        for (Map.Entry<String, int[]> e : tally.stems) {
            double[] delta = weights.stems.get(e.getKey());
            if (delta != null) {
                addScaled(logits, delta, log1p(e.getValue()[0]) * tally.stemScales[stemFamily(e.getKey())]);
            }
        }
        for (int k = 0; k < tally.gramBuckets.length; k++) {
            double v = log1p(tally.gramCounts[k]) * tally.gramScale;
            int base = tally.gramBuckets[k] * labels;
            for (int i = 0; i < labels; i++) {
                logits[i] += weights.grams[base + i] * v;
            }
        }
        return logits;
    }

    private static void addScaled(double[] logits, double[] delta, double value) {
        if (delta != null) {
            for (int i = 0; i < logits.length; i++) {
                logits[i] += delta[i] * value;
            }
        }
    }

    // ---- stems ------------------------------------------------------------------------------

    @FunctionalInterface
    private interface StemVisitor {
        void stem(String field, String stem, int start, int end, String previous, int previousStart);
    }

    private static void stems(ArticleFeatures features, Analyzer analyzer, String text, String field) {
        boolean title = "title".equals(field);
        walkStems(analyzer, text, field, (f, stem, start, end, previous, previousStart) -> {
            features.add("s:" + stem, "stem:", stem, f, start, end);
            if (title) {
                features.add("t:" + stem, "title-stem:", stem, f, start, end);
            }
            if (previous != null) {
                String bigram = previous + " " + stem;
                features.add("b:" + bigram, "stems:", bigram, f, previousStart, end);
            }
        });
    }

    /** Each stem of {@code text} (stop words removed) with its offsets and the stem before it. */
    private static void walkStems(Analyzer analyzer, String text, String field, StemVisitor visitor) {
        if (text.isEmpty()) {
            return;
        }
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            String previous = null;
            int previousStart = 0;
            while (stream.incrementToken()) {
                String stem = term.toString();
                int start = offset.startOffset();
                visitor.stem(field, stem, start, offset.endOffset(), previous, previousStart);
                previous = stem;
                previousStart = start;
            }
            stream.end();
        } catch (IOException e) {
            // analyzers read from a String: an IOException here is a bug, not an input problem
            throw new UncheckedIOException("analyzer failed on " + field, e);
        }
    }

    // ---- character n-grams ------------------------------------------------------------------

    @FunctionalInterface
    private interface GramVisitor {
        /** One n-gram {@code token[from, from + size)} of the padded token at {@code [start, end)} of the field. */
        void gram(String field, int bucket, CharSequence token, int from, int size, int start, int end);
    }

    private void charGrams(ArticleFeatures features, String text, String field) {
        walkGrams(text, field, (f, bucket, token, from, size, start, end) -> {
            String name = bucketName(bucket);
            if (!features.increment(name)) {
                String gram = token.subSequence(from, from + size).toString().replace(' ', '_');
                features.add(name, "chars:" + gram, new FeatureSpan(f, start, end));
            }
        });
    }

    /** Character 4- and 5-grams of every lower-cased token, padded with a space at both ends. */
    private void walkGrams(String text, String field, GramVisitor visitor) {
        int n = text.length();
        StringBuilder token = new StringBuilder(32);
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int start = i;
            token.setLength(0);
            token.append(' ');
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                token.append(Character.toLowerCase(text.charAt(i)));
                i++;
            }
            if (i == start) {
                break;
            }
            token.append(' ');
            int len = token.length();
            for (int size = 4; size <= 5; size++) {
                for (int from = 0; from + size <= len; from++) {
                    visitor.gram(field, bucket(token, from, from + size), token, from, size, start, i);
                }
            }
        }
    }

    /** FNV-1a over the UTF-16 chars of {@code s[from, to)}, masked to the bucket count: stable across JVMs. */
    int bucket(CharSequence s, int from, int to) {
        int hash = FNV_OFFSET;
        for (int k = from; k < to; k++) {
            hash = (hash ^ s.charAt(k)) * FNV_PRIME;
        }
        return hash & (buckets - 1);
    }
}
