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
            Map.entry("de", "german"),
            Map.entry("nl", "dutch"),
            Map.entry("en", "english"),
            Map.entry("fr", "french"),
            Map.entry("es", "spanish"),
            Map.entry("it", "italian"),
            Map.entry("pt", "portuguese"),
            Map.entry("sv", "swedish"),
            Map.entry("da", "danish"),
            Map.entry("nb", "norwegian"),
            Map.entry("fi", "finnish"),
            Map.entry("ru", "russian"));

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
