package io.newsroute.sink;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The languages that get their own analysed text fields: for each ISO 639-1 code, the built-in
 * OpenSearch language analyzer (module {@code analysis-common}) used for {@code title_<code>} and
 * {@code body_<code>}. An article in another language is searchable through the
 * {@code standard}-analysed {@code title} and {@code body} only. Adding a language is adding a line
 * here and bumping {@link NewsIndex#MAPPING_VERSION}.
 */
final class LanguageFields {
    static final Map<String, String> ANALYZERS = Map.ofEntries(
            Map.entry("ar", "arabic"),
            Map.entry("bg", "bulgarian"),
            Map.entry("bn", "bengali"),
            Map.entry("ca", "catalan"),
            Map.entry("ckb", "sorani"),
            Map.entry("cs", "czech"),
            Map.entry("da", "danish"),
            Map.entry("de", "german"),
            Map.entry("el", "greek"),
            Map.entry("en", "english"),
            Map.entry("es", "spanish"),
            Map.entry("et", "estonian"),
            Map.entry("eu", "basque"),
            Map.entry("fa", "persian"),
            Map.entry("fi", "finnish"),
            Map.entry("fr", "french"),
            Map.entry("ga", "irish"),
            Map.entry("gl", "galician"),
            Map.entry("hi", "hindi"),
            Map.entry("hu", "hungarian"),
            Map.entry("hy", "armenian"),
            Map.entry("id", "indonesian"),
            Map.entry("it", "italian"),
            Map.entry("ja", "cjk"),
            Map.entry("ko", "cjk"),
            Map.entry("lt", "lithuanian"),
            Map.entry("lv", "latvian"),
            Map.entry("nb", "norwegian"),
            Map.entry("nl", "dutch"),
            Map.entry("nn", "norwegian"),
            Map.entry("no", "norwegian"),
            // Polish has no analyzer in analysis-common (it needs the stempel plugin): its own field, standard analysis
            Map.entry("pl", "standard"),
            Map.entry("pt", "portuguese"),
            Map.entry("ro", "romanian"),
            Map.entry("ru", "russian"),
            Map.entry("sv", "swedish"),
            Map.entry("th", "thai"),
            Map.entry("tr", "turkish"),
            Map.entry("zh", "cjk"));

    static final String TITLE_PREFIX = "title_";
    static final String BODY_PREFIX = "body_";

    private LanguageFields() {
    }

    /** The language code whose fields exist for {@code code} (lower-cased), if any. */
    static Optional<String> supported(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String normalized = code.trim().toLowerCase(Locale.ROOT);
        return ANALYZERS.containsKey(normalized) ? Optional.of(normalized) : Optional.empty();
    }
}
