package io.newsroute.classify.extract;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of entity and fact extraction (namespace {@code extract.}). Every key has a documented
 * default and a validator; an invalid value fails construction with a {@link ConfigException} naming the key.
 */
public final class ExtractConfig extends AbstractConfig {
    public static final String NER_LANGUAGES = "extract.ner.languages";
    public static final String NER_MAX_CHARS = "extract.ner.max.chars";

    /** Languages with a single CoreNLP NER CRF model on the classpath (no Dutch model exists). */
    public static final Set<String> NER_SUPPORTED = Set.of("de", "en", "fr", "es");
    public static final String DEFAULT_NER_LANGUAGES = "de,en,fr,es";
    public static final int DEFAULT_NER_MAX_CHARS = 20_000;

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(NER_LANGUAGES, Type.LIST, DEFAULT_NER_LANGUAGES, new NerLanguages(), Importance.MEDIUM,
                    "ISO 639-1 codes of the languages whose CoreNLP NER CRF model is loaded at start-up (any of de, en, "
                            + "fr, es; empty disables NER). Each model costs heap (measured by io.newsroute.bench.NerHeap: German "
                            + "~190 MB, English ~120 MB, French ~160 MB, Spanish ~100 MB; ~565 MB for all four) and 2-8 s "
                            + "of start-up. NER runs only on articles that "
                            + "carry at least one label; other languages get gazetteer and pattern entities only.")
            .define(NER_MAX_CHARS, Type.INT, DEFAULT_NER_MAX_CHARS, Range.between(100, 1_000_000), Importance.LOW,
                    "Characters of title plus body given to NER per article (the CRF costs ~11 ms per 3 KB); "
                            + "gazetteers and patterns always see the whole text.");

    public ExtractConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
    }

    public static ExtractConfig defaults() {
        return new ExtractConfig(Map.of());
    }

    /** Configured NER languages, lower case, in order. */
    public Set<String> nerLanguages() {
        Set<String> codes = new LinkedHashSet<>();
        for (String code : getList(NER_LANGUAGES)) {
            codes.add(code.strip().toLowerCase(Locale.ROOT));
        }
        codes.remove("");
        return Set.copyOf(codes);
    }

    public int nerMaxChars() {
        return getInt(NER_MAX_CHARS);
    }

    private static final class NerLanguages implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> codes = (List<String>) value;
            for (String code : codes) {
                String c = code.strip().toLowerCase(Locale.ROOT);
                if (!c.isEmpty() && !NER_SUPPORTED.contains(c)) {
                    throw new ConfigException(name, value, "no CoreNLP NER model for '" + code
                            + "'; valid: any of de, en, fr, es (comma-separated), or empty to disable NER");
                }
            }
        }

        @Override
        public String toString() {
            return "any of [de, en, fr, es]";
        }
    }
}
