package io.newsroute.classify;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;

import io.newsroute.schema.Labels;

/**
 * Configuration of the classify stage (namespace {@code classify.}). Every key has a documented
 * default and a validator; an invalid value fails construction with a {@link ConfigException} that
 * names the key and says what is valid.
 */
public final class ClassifyConfig extends AbstractConfig {

    public static final String LANGUAGES = "classify.languages";
    public static final String THRESHOLD_PREFIX = "classify.threshold.";
    public static final String THRESHOLD_CLOUD_OUTAGE = THRESHOLD_PREFIX + Labels.CLOUD_OUTAGE;
    public static final String THRESHOLD_SECURITY_BREACH = THRESHOLD_PREFIX + Labels.SECURITY_BREACH;
    public static final String THRESHOLD_STOCK_COMMENTARY = THRESHOLD_PREFIX + Labels.STOCK_COMMENTARY;
    public static final String DETECT_PREFIX_CHARS = "classify.detect.prefix.chars";
    public static final String MAX_BODY_CHARS = "classify.max.body.chars";
    public static final String APPLICATION_ID = "classify.application.id";
    public static final String NUM_STREAM_THREADS = "classify.num.stream.threads";
    public static final String DETECT_ACCURACY = "classify.detect.accuracy";
    public static final String MAX_TITLE_CHARS = "classify.max.title.chars";
    public static final String MAX_FIELD_CHARS = "classify.max.field.chars";
    public static final String MAX_RECORD_BYTES = "classify.max.record.bytes";

    /** ~20 European and major world languages; never all 75 by default (1.4 GB of models). */
    public static final String DEFAULT_LANGUAGES = "de,nl,en,fr,es,it,pt,pl,sv,da,nb,fi,cs,ro,hu,el,tr,ru,uk,ar,zh,ja";
    public static final double DEFAULT_THRESHOLD = 0.5;
    public static final int DEFAULT_DETECT_PREFIX_CHARS = 400;
    public static final int DEFAULT_MAX_BODY_CHARS = 1_000_000;
    public static final String DEFAULT_APPLICATION_ID = "newsroute-classify";
    public static final int DEFAULT_NUM_STREAM_THREADS = 2;
    public static final int DEFAULT_MAX_TITLE_CHARS = 2_000;
    public static final int DEFAULT_MAX_FIELD_CHARS = 8_192;
    public static final int DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;

    /** Lingua's accuracy mode. */
    public enum DetectAccuracy {
        /** All n-gram models, preloaded: best on headlines; ~600 MB and 6-9 s start-up for ~20 languages. */
        HIGH,
        /** Trigrams only: ~26 MB and ~1 s start-up; weaker on short texts such as headlines. */
        LOW
    }

    /** ISO 639-1 codes Lingua 1.2.2 can detect, lower case, sorted. */
    static final Set<String> SUPPORTED_LANGUAGES = supportedLanguages();

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(LANGUAGES, Type.LIST, DEFAULT_LANGUAGES, new LanguageListValidator(), Importance.HIGH,
                    "ISO 639-1 codes of the languages the language detector chooses from (at least two). "
                            + "Each costs detector memory (~30 MB with preloaded high-accuracy models); an article "
                            + "in a language not listed is detected as the closest listed one or 'und'. Labels "
                            + "are computed with the language's lexicon when one exists, else best effort.")
            .define(THRESHOLD_CLOUD_OUTAGE, Type.DOUBLE, null, new OptionalProbability(), Importance.MEDIUM,
                    "Minimum probability (0..1) for an article to carry the cloud-outage label. Unset (the default): "
                            + "the trained model's own threshold, tuned by cross-validation over TRAIN+DEV and stored in its "
                            + "model.properties; set it to override.")
            .define(THRESHOLD_SECURITY_BREACH, Type.DOUBLE, null, new OptionalProbability(), Importance.MEDIUM,
                    "Minimum probability (0..1) for an article to carry the security-breach label. Unset (the default): "
                            + "the trained model's own threshold, tuned by cross-validation over TRAIN+DEV and stored in its "
                            + "model.properties; set it to override.")
            .define(THRESHOLD_STOCK_COMMENTARY, Type.DOUBLE, null, new OptionalProbability(), Importance.MEDIUM,
                    "Minimum probability (0..1) for an article to carry the stock-commentary label. Unset (the default): "
                            + "the trained model's own threshold, tuned by cross-validation over TRAIN+DEV and stored in its "
                            + "model.properties; set it to override.")
            .define(DETECT_PREFIX_CHARS, Type.INT, DEFAULT_DETECT_PREFIX_CHARS, Range.between(20, 100_000), Importance.LOW,
                    "Language detection runs on the title and on this many characters of the body (cut at a word "
                            + "boundary): the first few hundred characters give the same answer as the whole text, "
                            + "at a fraction of the cost.")
            .define(MAX_BODY_CHARS, Type.INT, DEFAULT_MAX_BODY_CHARS, Range.atLeast(1), Importance.MEDIUM,
                    "Articles whose raw body is longer than this many characters are not classified but sent to "
                            + "the dead-letter topic (stage 'validate') with the reason.")
            .define(APPLICATION_ID, Type.STRING, DEFAULT_APPLICATION_ID, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH,
                    "Kafka Streams application.id: the consumer group and the prefix of internal topics. Instances "
                            + "with the same id share the work.")
            .define(NUM_STREAM_THREADS, Type.INT, DEFAULT_NUM_STREAM_THREADS, Range.between(1, 64), Importance.MEDIUM,
                    "Kafka Streams threads per instance. Parallelism is bounded by the partitions of the raw topic.")
            .define(DETECT_ACCURACY, Type.STRING, "high",
                    ConfigDef.CaseInsensitiveValidString.in(names(DetectAccuracy.values())), Importance.LOW,
                    "Lingua accuracy mode: 'high' (all n-gram models preloaded, ~600 MB heap and 6-9 s start-up "
                            + "for ~20 languages, best on headlines) or 'low' (trigrams only, ~26 MB, ~1 s; weaker "
                            + "on short texts).")
            .define(MAX_TITLE_CHARS, Type.INT, DEFAULT_MAX_TITLE_CHARS, Range.atLeast(1), Importance.LOW,
                    "Articles whose raw title is longer than this many characters are not classified but sent to "
                            + "the dead-letter topic (stage 'validate') with the reason.")
            .define(MAX_FIELD_CHARS, Type.INT, DEFAULT_MAX_FIELD_CHARS, Range.atLeast(1), Importance.LOW,
                    "Limit for each of the short fields of a raw article (id, url, source, languageHint, "
                            + "contentType): a longer one sends the article to the dead-letter topic (stage 'validate').")
            .define(MAX_RECORD_BYTES, Type.INT, DEFAULT_MAX_RECORD_BYTES, Range.atLeast(1024), Importance.LOW,
                    "Raw records with a value larger than this many bytes are not even decoded: they go to the "
                            + "dead-letter topic (stage 'validate', value truncated) so a huge record costs nothing. "
                            + "Topic and broker message size limits apply before this.");

    /** @throws ConfigException naming the key when a value is invalid */
    public ClassifyConfig(Map<?, ?> props) {
        super(CONFIG, props, false);
    }

    /** The defaults of every key. */
    public static ClassifyConfig defaults() {
        return new ClassifyConfig(Map.of());
    }

    /** Lower-case ISO 639-1 codes, in configured order, without duplicates. */
    public List<String> languages() {
        return getList(LANGUAGES).stream()
                .map(code -> code.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.collectingAndThen(Collectors.toCollection(LinkedHashSet::new), List::copyOf));
    }

    /**
     * The configured threshold of {@code label}, or {@value #DEFAULT_THRESHOLD} when unset. Kept for
     * compatibility: the pipeline uses {@link #thresholdOverride} and falls back to the model's own.
     *
     * @param label a label of {@link Labels#ALL}
     * @throws IllegalArgumentException for an unknown label
     */
    public double threshold(String label) {
        return thresholdOverride(label).orElse(DEFAULT_THRESHOLD);
    }

    /**
     * The explicitly configured threshold of {@code label}; empty when unset, which means the model's
     * own threshold ({@code LabelScorer.threshold}) applies.
     *
     * @throws IllegalArgumentException for an unknown label
     */
    public OptionalDouble thresholdOverride(String label) {
        Double value = getDouble(THRESHOLD_PREFIX + Labels.requireKnown(label));
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    public int detectPrefixChars() {
        return getInt(DETECT_PREFIX_CHARS);
    }

    public int maxBodyChars() {
        return getInt(MAX_BODY_CHARS);
    }

    public String applicationId() {
        return getString(APPLICATION_ID);
    }

    public int numStreamThreads() {
        return getInt(NUM_STREAM_THREADS);
    }

    public int maxTitleChars() {
        return getInt(MAX_TITLE_CHARS);
    }

    public int maxFieldChars() {
        return getInt(MAX_FIELD_CHARS);
    }

    public int maxRecordBytes() {
        return getInt(MAX_RECORD_BYTES);
    }

    public DetectAccuracy detectAccuracy() {
        return DetectAccuracy.valueOf(getString(DETECT_ACCURACY).toUpperCase(Locale.ROOT));
    }

    private static String[] names(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = values[i].name().toLowerCase(Locale.ROOT);
        }
        return names;
    }

    private static Set<String> supportedLanguages() {
        Set<String> codes = new TreeSet<>();
        for (Language language : Language.all()) {
            IsoCode639_1 iso = language.getIsoCode639_1();
            if (iso != IsoCode639_1.NONE) {
                codes.add(iso.name().toLowerCase(Locale.ROOT));
            }
        }
        return Collections.unmodifiableSet(codes);
    }

    /** Accepts no value (use the model's threshold) or a probability in [0, 1]. */
    private static final class OptionalProbability implements ConfigDef.Validator {
        private final Range range = Range.between(0.0, 1.0);

        @Override
        public void ensureValid(String name, Object value) {
            if (value != null) {
                range.ensureValid(name, value);
            }
        }

        @Override
        public String toString() {
            return "unset (model threshold) or " + range;
        }
    }

    /** Accepts a list of at least two distinct ISO 639-1 codes that Lingua supports. */
    private static final class LanguageListValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (!(value instanceof List<?> list)) {
                throw new ConfigException(name, value, "expected a comma-separated list of ISO 639-1 codes");
            }
            Set<String> distinct = new LinkedHashSet<>();
            for (Object item : list) {
                String code = String.valueOf(item).trim().toLowerCase(Locale.ROOT);
                if (!SUPPORTED_LANGUAGES.contains(code)) {
                    throw new ConfigException(name, value, "unknown language code '" + item
                            + "'; valid ISO 639-1 codes: " + String.join(",", SUPPORTED_LANGUAGES));
                }
                distinct.add(code);
            }
            if (distinct.size() < 2) {
                throw new ConfigException(name, value, "the language detector needs at least two distinct languages, "
                        + "e.g. " + DEFAULT_LANGUAGES);
            }
        }

        @Override
        public String toString() {
            return "at least two of " + String.join(",", SUPPORTED_LANGUAGES);
        }
    }
}
