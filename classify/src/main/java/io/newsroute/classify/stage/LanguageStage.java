package io.newsroute.classify.stage;

import java.util.EnumSet;
import java.util.Iterator;
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
 * Stage {@code detect-language}: detects the language of an article with Lingua. Reads the
 * normalised {@code title} and {@code body}; adds {@code language} (a {@link LanguageInfo}).
 *
 * <p>Detection runs on the first {@code classify.detect.prefix.chars} characters of the body (cut
 * at a word boundary) and separately on the title. The article's code is the body result when the
 * body is non-trivial (at least {@value #MIN_BODY_LETTERS} letters), else the title result; the
 * title result is always reported as {@code titleCode}. Confidences are Lingua's relative
 * confidence values (the best language has 1.0 unless it ties); {@code runnerUp} is the second
 * language. When Lingua finds no language (no letters, or a tie) the code is {@code und} with
 * confidence 0. {@code classificationSupported} tells whether the classifier has a lexicon for the
 * code.
 *
 * <p>Config: {@code classify.languages} (the detector's candidate languages),
 * {@code classify.detect.prefix.chars}. The detector and its models are built once, in the
 * constructor (6-9 s and ~600 MB for ~20 languages in high-accuracy mode); {@link #detect} is
 * thread-safe. Lingua computes through {@code ForkJoinPool.commonPool()}, whose parallelism is
 * the number of cores minus one: raise {@code java.util.concurrent.ForkJoinPool.common.parallelism}
 * when several stream threads detect at once on a small machine.
 */
public final class LanguageStage {
    public static final String UNDETERMINED = "und";
    /** Below this many letters a body says too little about its language; the title decides. */
    static final int MIN_BODY_LETTERS = 40;

    private static final Logger LOG = LoggerFactory.getLogger(LanguageStage.class);

    private final LanguageDetector detector;
    private final int prefixChars;
    private final Set<String> supported;

    /**
     * @param languages       ISO 639-1 codes (lower case), at least two
     * @param prefixChars     body characters to detect on
     * @param lowAccuracy     Lingua's low-accuracy mode (trigrams only: ~26 MB instead of ~600 MB)
     * @param classifiable    codes the classifier has a lexicon for
     */
    public LanguageStage(Iterable<String> languages, int prefixChars, boolean lowAccuracy, Set<String> classifiable) {
        EnumSet<IsoCode639_1> codes = EnumSet.noneOf(IsoCode639_1.class);
        for (String code : languages) {
            codes.add(IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT)));
        }
        long start = System.nanoTime();
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromIsoCodes639_1(codes.toArray(new IsoCode639_1[0]))
                .withPreloadedLanguageModels();
        if (lowAccuracy) {
            builder = builder.withLowAccuracyMode();
        }
        this.detector = builder.build();
        this.prefixChars = prefixChars;
        this.supported = Set.copyOf(classifiable);
        LOG.info("Lingua detector for {} languages ({} accuracy) ready in {} ms", codes.size(),
                lowAccuracy ? "low" : "high", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * @param title normalised title (may be empty)
     * @param body  normalised body (may be empty)
     * @return the language info, {@code und} when undetermined; never null
     */
    public LanguageInfo detect(String title, String body) {
        Detection onTitle = title.isBlank() ? Detection.NONE : detectOn(title);
        boolean bodyUsable = countLetters(body, MIN_BODY_LETTERS) >= MIN_BODY_LETTERS;
        Detection main = bodyUsable ? detectOn(prefix(body, prefixChars)) : onTitle;
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

    private Detection detectOn(String text) {
        SortedMap<Language, Double> values = detector.computeLanguageConfidenceValues(text);
        if (values.isEmpty()) {
            return Detection.NONE;
        }
        Iterator<Map.Entry<Language, Double>> it = values.entrySet().iterator();
        Map.Entry<Language, Double> best = it.next();
        Map.Entry<Language, Double> second = it.hasNext() ? it.next() : null;
        if (best.getKey() == Language.UNKNOWN
                || (second != null && best.getValue().doubleValue() == second.getValue().doubleValue())) {
            return Detection.NONE; // Lingua's own rule: a tie is UNKNOWN
        }
        return new Detection(code(best.getKey()), best.getValue(),
                second == null ? null : code(second.getKey()), second == null ? null : second.getValue());
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

    private static int countLetters(String text, int enough) {
        int letters = 0;
        for (int i = 0; i < text.length() && letters < enough; i++) {
            if (Character.isLetter(text.charAt(i))) {
                letters++;
            }
        }
        return letters;
    }

    private static final class Detection {
        static final Detection NONE = new Detection(UNDETERMINED, 0.0, null, null);

        final String code;
        final double confidence;
        final String runnerUp;
        final Double runnerUpConfidence;

        Detection(String code, double confidence, String runnerUp, Double runnerUpConfidence) {
            this.code = code;
            this.confidence = confidence;
            this.runnerUp = runnerUp;
            this.runnerUpConfidence = runnerUpConfidence;
        }
    }
}
