package io.newsroute.classify.stage;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import io.newsroute.schema.LanguageInfo;

/**
 * Stage {@code detect-language}: detects the language of an article with Lingua 1.2.2. Reads the
 * normalised {@code title} and {@code body}; adds {@code language} (a {@link LanguageInfo}). Config
 * namespace {@code classify.}: {@code classify.languages}, {@code classify.detect.prefix.chars},
 * {@code classify.detect.accuracy}.
 *
 * <h2>Per text</h2>
 * The title and the first {@code classify.detect.prefix.chars} characters of the body (cut at a
 * word boundary) are detected separately, each in four steps:
 * <ol>
 *   <li><b>Script check.</b> When fewer than half of the letters are in a script that a configured
 *       language uses (a Thai or Hindi body with the default set), the text is {@code und}.</li>
 *   <li><b>Brand masking</b> ({@link BrandMask}): English brand and product names, inner-capital
 *       words and acronyms are blanked, unless that leaves fewer than {@value #MIN_MASKED_LETTERS}
 *       letters or under a third of them (then the text is detected unmasked).</li>
 *   <li><b>Lingua</b> ranks the configured languages.</li>
 *   <li><b>Function-word arbitration</b> ({@link FunctionWords}): if Lingua's winner has a word
 *       list but not one of its function words occurs, while other candidates' do (a Spanish
 *       headline about "Microsoft Teams" called English), the candidate with most function words
 *       wins. If the winner and runner-up are close relatives ({@link #CLOSE_RELATIVES}: da/nb/sv,
 *       nl/af, es/pt/it, ...) the words only one of them uses decide; when they cannot, the winner
 *       is kept with a confidence of at most {@value #UNDECIDED_RELATIVES_CONFIDENCE}.</li>
 * </ol>
 *
 * <h2>Confidence</h2>
 * Lingua's values are relative (the winner always has 1.0), so the reported {@code confidence} is a
 * certainty derived from the winner's lead: {@code 0.5 + 0.5 * min(1, lead / }{@value #CLEAR_LEAD}{@code )},
 * where {@code lead} is the winner's value minus the runner-up's. A clear detection is 1.0, a
 * near tie 0.5, an undetermined text 0. {@code runnerUpConfidence} is {@code 1 - confidence}. A
 * function-word override reports {@value #OVERRIDE_CONFIDENCE} and Lingua's original winner as
 * runner-up.
 *
 * <h2>Article language</h2>
 * The body prefix decides when it has at least {@value #MIN_BODY_LETTERS} letters (including
 * {@code und} for a body in an uncovered script); a shorter or empty body falls back to the title,
 * then to whatever the short body gave. When title and a usable body disagree, the one with more
 * evidence (letters times confidence) wins, which in practice is the body unless it is barely
 * longer than the title. The title's own result is always kept in {@code titleCode} /
 * {@code titleConfidence}; {@code classificationSupported} tells whether the scorer has a model for
 * the code. {@code und} is a normal outcome: it routes like any other language.
 *
 * <h2>Accuracy mode, memory, start-up (measured here, 22 default languages)</h2>
 * High accuracy: ~620 MB of heap, 5-9 s to preload. Low accuracy: ~23 MB, ~0.6-1.1 s. Lingua uses
 * the 1- to 5-gram models only for texts shorter than 120 characters, so the two modes agree on a
 * body prefix; the difference is titles, which are exactly the hard case. High accuracy stays the
 * default ({@code classify.detect.accuracy=high}); {@code low} is for memory-starved deployments
 * that accept weaker headline detection. Models are preloaded in the constructor.
 *
 * <h2>Threads</h2>
 * {@code computeLanguageConfidenceValues} submits one task per n-gram length to
 * {@code ForkJoinPool.commonPool()} and waits: 5 tasks for a title (&lt; 120 chars), 1 for a body
 * prefix. On 2 cores the common pool has one worker, but the calling thread is not idle: a waiting
 * external thread runs its own queued tasks, so two stream threads detecting at once measured the
 * same per-call latency (about 1 ms per title or 400-char prefix on a busy machine) with common
 * parallelism 1, 2 or 4. Raising {@code java.util.concurrent.ForkJoinPool.common.parallelism} is
 * therefore harmless but not needed; detection itself cannot avoid the pool (Lingua hard-codes it).
 * {@link #detect} is thread-safe.
 */
public final class LanguageStage {
    public static final String UNDETERMINED = "und";
    /** Below this many letters a body says too little about its language; the title decides. */
    static final int MIN_BODY_LETTERS = 40;
    /** Masking is undone when it leaves fewer letters than this. */
    static final int MIN_MASKED_LETTERS = 8;
    /** Lead over the runner-up (on Lingua's relative scale) that counts as a clear detection. */
    static final double CLEAR_LEAD = 0.1;
    /** Confidence reported when function words overrule Lingua's winner. */
    static final double OVERRIDE_CONFIDENCE = 0.6;
    /** Upper bound of the confidence when close relatives cannot be told apart by function words. */
    static final double UNDECIDED_RELATIVES_CONFIDENCE = 0.6;
    /** Groups of languages that character n-grams confuse; function words arbitrate within a group. */
    static final List<Set<String>> CLOSE_RELATIVES = List.of(
            Set.of("da", "nb", "nn", "sv"), Set.of("nl", "af"), Set.of("es", "pt", "it", "gl", "ca"),
            Set.of("cs", "sk"), Set.of("ru", "uk", "be"), Set.of("bs", "hr", "sr"), Set.of("id", "ms"));

    private static final Logger LOG = LoggerFactory.getLogger(LanguageStage.class);

    private final LanguageDetector detector;
    /** Trigram-only detector for titles whose result cannot change the decision (shares the loaded models). */
    private final LanguageDetector titleOnlyDetector;
    private final int prefixChars;
    private final Set<String> supported;
    private final FunctionWords functionWords;
    private final BrandMask brandMask;
    private final Scripts scripts;

    /**
     * Builds the detector and preloads its models (seconds; see the class comment).
     *
     * @param languages       ISO 639-1 codes (lower case), at least two
     * @param prefixChars     body characters to detect on
     * @param lowAccuracy     Lingua's low-accuracy mode (trigrams only: ~23 MB instead of ~620 MB)
     * @param classifiable    codes the classifier has a model for
     */
    public LanguageStage(Iterable<String> languages, int prefixChars, boolean lowAccuracy, Set<String> classifiable) {
        EnumSet<IsoCode639_1> codes = EnumSet.noneOf(IsoCode639_1.class);
        List<String> lower = new ArrayList<>();
        for (String code : languages) {
            codes.add(IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT)));
            lower.add(code.toLowerCase(Locale.ROOT));
        }
        long start = System.nanoTime();
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromIsoCodes639_1(codes.toArray(new IsoCode639_1[0]))
                .withPreloadedLanguageModels();
        if (lowAccuracy) {
            builder = builder.withLowAccuracyMode();
        }
        this.detector = builder.build();
        this.titleOnlyDetector = lowAccuracy ? detector
                : LanguageDetectorBuilder.fromIsoCodes639_1(codes.toArray(new IsoCode639_1[0])).withLowAccuracyMode().build();
        this.prefixChars = prefixChars;
        this.supported = Set.copyOf(classifiable);
        this.functionWords = FunctionWords.load(lower);
        this.brandMask = BrandMask.load();
        List<Language> configured = new ArrayList<>();
        for (IsoCode639_1 code : codes) {
            configured.add(Language.getByIsoCode639_1(code));
        }
        this.scripts = Scripts.of(configured);
        LOG.info("Lingua detector for {} languages ({} accuracy) ready in {} ms", codes.size(),
                lowAccuracy ? "low" : "high", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * @param title normalised title (may be empty)
     * @param body  normalised body (may be empty)
     * @return the language info, {@code und} with confidence 0 when undetermined; never null
     */
    public LanguageInfo detect(String title, String body) {
        return detect(title, body, true);
    }

    /**
     * The body prefix is detected first. When it is so clear that the title cannot overrule it in
     * {@link #decide} (its evidence exceeds the title's letter count, the most a title can have),
     * the title is detected with trigrams only: the article's language is the same as with the full
     * title detection, and a headline costs a fifth. Headline-only articles and undetermined bodies get
     * the full (high accuracy) title detection.
     */
    LanguageInfo detect(String title, String body, boolean cheapTitleWhenDecided) {
        String bodyPrefix = prefix(body, prefixChars);
        Detection onBody = bodyPrefix.isBlank() ? Detection.NONE : detectText(bodyPrefix, detector);
        Detection onTitle;
        if (title.isBlank()) {
            onTitle = Detection.NONE;
        } else if (cheapTitleWhenDecided && onBody.letters >= MIN_BODY_LETTERS
                && !onBody.isUndetermined() && onBody.evidence() > scripts.letters(title)[1]) {
            onTitle = detectText(title, titleOnlyDetector);
        } else {
            onTitle = detectText(title, detector);
        }
        Detection main = decide(onTitle, onBody);
        return LanguageInfo.newBuilder()
                .setCode(main.code)
                .setConfidence(main.confidence)
                .setRunnerUp(main.runnerUp)
                .setRunnerUpConfidence(main.runnerUpConfidence)
                .setTitleCode(title.isBlank() ? null : onTitle.code)
                .setTitleConfidence(title.isBlank() ? null : onTitle.confidence)
                .setClassificationSupported(supported.contains(main.code))
                .build();
    }

    /** Chooses the article's language from the title and body-prefix results. */
    static Detection decide(Detection onTitle, Detection onBody) {
        if (onBody.letters >= MIN_BODY_LETTERS) {
            if (onBody.isUndetermined() || onTitle.isUndetermined() || onTitle.code.equals(onBody.code)) {
                return onBody;
            }
            return onTitle.evidence() > onBody.evidence() ? onTitle : onBody;
        }
        if (!onTitle.isUndetermined()) {
            return onTitle;
        }
        return onBody.isUndetermined() ? Detection.NONE : onBody;
    }

    /** Detects one text: script check, brand masking, Lingua, function-word arbitration. */
    Detection detectText(String text) {
        return detectText(text, detector);
    }

    private Detection detectText(String text, LanguageDetector detector) {
        int[] letters = scripts.letters(text);
        if (letters[1] == 0) {
            return Detection.NONE;
        }
        if (letters[0] * 2 < letters[1]) {
            return Detection.undetermined(letters[1]);
        }
        String masked = brandMask.mask(text);
        int maskedLetters = scripts.letters(masked)[1];
        String input = maskedLetters >= MIN_MASKED_LETTERS && maskedLetters * 3 >= letters[1] ? masked : text;
        SortedMap<Language, Double> values = detector.computeLanguageConfidenceValues(input);
        List<String> codes = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (Map.Entry<Language, Double> entry : values.entrySet()) {
            if (entry.getKey() != Language.UNKNOWN) {
                codes.add(code(entry.getKey()));
                scores.add(entry.getValue());
            }
        }
        if (codes.isEmpty()) {
            return Detection.undetermined(letters[1]);
        }
        return arbitrate(codes, scores, FunctionWords.tokens(input), letters[1]);
    }

    private Detection arbitrate(List<String> codes, List<Double> scores, List<String> tokens, int letters) {
        String best = codes.get(0);
        double bestScore = scores.get(0);
        String second = codes.size() > 1 ? codes.get(1) : null;
        double secondScore = codes.size() > 1 ? scores.get(1) : 0.0;

        // A winner without a single one of its function words, against candidates that have theirs.
        if (functionWords.covers(best) && functionWords.hits(best, tokens) == 0) {
            String chosen = null;
            int most = 0;
            for (String candidate : codes) {
                int hits = functionWords.hits(candidate, tokens);
                if (hits > most) {
                    most = hits;
                    chosen = candidate;
                }
            }
            if (chosen != null) {
                return new Detection(chosen, OVERRIDE_CONFIDENCE, best, 1 - OVERRIDE_CONFIDENCE, letters);
            }
        }
        if (second == null) {
            return new Detection(best, 1.0, null, null, letters);
        }
        double confidence = 0.5 + 0.5 * Math.min(1.0, (bestScore - secondScore) / CLEAR_LEAD);
        if (closeRelatives(best, second) && functionWords.covers(best) && functionWords.covers(second)) {
            int forBest = functionWords.exclusiveHits(best, second, tokens);
            int forSecond = functionWords.exclusiveHits(second, best, tokens);
            if (forSecond > forBest) {
                return new Detection(second, OVERRIDE_CONFIDENCE, best, 1 - OVERRIDE_CONFIDENCE, letters);
            }
            if (forSecond == forBest) {
                confidence = Math.min(confidence, UNDECIDED_RELATIVES_CONFIDENCE);
            } else {
                confidence = Math.max(confidence, OVERRIDE_CONFIDENCE); // the words confirm the winner
            }
        }
        if (bestScore == secondScore && confidence <= 0.5) {
            return Detection.undetermined(letters); // Lingua's own rule: a tie is UNKNOWN
        }
        return new Detection(best, confidence, second, 1 - confidence, letters);
    }

    static boolean closeRelatives(String a, String b) {
        for (Set<String> group : CLOSE_RELATIVES) {
            if (group.contains(a) && group.contains(b)) {
                return true;
            }
        }
        return false;
    }

    private static String code(Language language) {
        return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    /** The first {@code max} chars, cut back to the last white space when that loses little. */
    static String prefix(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        for (int i = cut; i > max / 2; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return text.substring(0, i);
            }
        }
        return text.substring(0, cut);
    }

    /** The result on one text; {@code letters} counts every letter of the text, masked or not. */
    static final class Detection {
        static final Detection NONE = undetermined(0);

        final String code;
        final double confidence;
        final String runnerUp;
        final Double runnerUpConfidence;
        final int letters;

        Detection(String code, double confidence, String runnerUp, Double runnerUpConfidence, int letters) {
            this.code = code;
            this.confidence = confidence;
            this.runnerUp = runnerUp;
            this.runnerUpConfidence = runnerUpConfidence;
            this.letters = letters;
        }

        static Detection undetermined(int letters) {
            return new Detection(UNDETERMINED, 0.0, null, null, letters);
        }

        boolean isUndetermined() {
            return UNDETERMINED.equals(code);
        }

        double evidence() {
            return letters * confidence;
        }

        @Override
        public String toString() {
            return code + "(" + confidence + ", runner-up " + runnerUp + ", " + letters + " letters)";
        }
    }
}
