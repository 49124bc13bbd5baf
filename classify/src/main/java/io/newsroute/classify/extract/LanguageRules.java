package io.newsroute.classify.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The language-specific part of extraction, read from {@code extract/<iso>/rules.tsv}: number notation,
 * scale words ({@code Millionen}, {@code miljard}), duration units, and the term lists for causes,
 * attack types, data types, price moves and analyst ratings. Adding a language is adding a folder;
 * a language without one gets the union of all folders ({@link #union}). Immutable, thread-safe.
 */
final class LanguageRules {
    static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "nl", "it", "pt", "pl");
    private static final String BASE = "/io/newsroute/classify/extract/";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
    private static final Pattern NOTHING = Pattern.compile("(?!)");

    private final String language;
    private final boolean decimalComma;
    private final Map<String, List<String>> alternatives;
    private final Map<String, Pattern> compiled = new java.util.concurrent.ConcurrentHashMap<>();

    private LanguageRules(String language, boolean decimalComma, Map<String, List<String>> alternatives) {
        this.language = language;
        this.decimalComma = decimalComma;
        this.alternatives = alternatives;
    }

    static Map<String, LanguageRules> loadAll() {
        Map<String, LanguageRules> all = new LinkedHashMap<>();
        for (String code : LANGUAGES) {
            all.put(code, load(code));
        }
        return Map.copyOf(all);
    }

    static LanguageRules load(String code) {
        String resource = BASE + code + "/rules.tsv";
        try (InputStream in = LanguageRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing extraction rules " + resource);
            }
            Map<String, List<String>> alternatives = new LinkedHashMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    throw new IllegalStateException(resource + ": expected key<TAB>regex: " + line);
                }
                String key = line.substring(0, tab).strip();
                String regex = line.substring(tab + 1).strip();
                alternatives.computeIfAbsent(key, k -> new ArrayList<>()).add(regex);
            }
            List<String> decimal = alternatives.getOrDefault("decimal", List.of("comma"));
            LanguageRules rules = new LanguageRules(code, "comma".equals(decimal.get(0)), alternatives);
            for (String key : alternatives.keySet()) {
                rules.term(key); // fail at start-up on a bad regex, not on the first article
            }
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Every alternative of every language, for articles in a language without a rules folder. */
    static LanguageRules union(Map<String, LanguageRules> all) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        for (LanguageRules rules : all.values()) {
            rules.alternatives.forEach((key, list) -> merged.computeIfAbsent(key, k -> new ArrayList<>()).addAll(list));
        }
        return new LanguageRules("und", true, merged);
    }

    String language() {
        return language;
    }

    boolean decimalComma() {
        return decimalComma;
    }

    /** Keys starting with a prefix, e.g. {@code cause.}, in file order. */
    List<String> keys(String prefix) {
        return alternatives.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    /** The raw alternation of a key (no boundaries), for building larger patterns; never matches when absent. */
    String alternation(String key) {
        List<String> list = alternatives.get(key);
        if (list == null) {
            return "(?!)";
        }
        return "(?:" + String.join("|", list.stream().map(r -> r.startsWith("~") ? r.substring(1) : r).toList()) + ")";
    }

    /** A key's terms, each matching at a word start (unless written with a leading {@code ~}). */
    Pattern term(String key) {
        return compiled.computeIfAbsent(key, k -> {
            List<String> list = alternatives.get(k);
            if (list == null) {
                return NOTHING;
            }
            List<String> parts = new ArrayList<>();
            for (String regex : list) {
                parts.add(regex.startsWith("~") ? "(?:" + regex.substring(1) + ")" : "(?<![\\p{L}\\p{N}])(?:" + regex + ")");
            }
            return Pattern.compile(String.join("|", parts), FLAGS);
        });
    }

    /** Like {@link #term} but the match must also end at a word end (ratings: "buy" but not "buyback"). */
    Pattern word(String key) {
        return compiled.computeIfAbsent("\u0000word:" + key, k -> {
            if (!alternatives.containsKey(key)) {
                return NOTHING;
            }
            return Pattern.compile("(?<![\\p{L}\\p{N}])" + alternation(key) + "(?![\\p{L}\\p{N}])", FLAGS);
        });
    }

    /** A pattern built from this language's terms, compiled once per language and name. */
    Pattern derived(String name, java.util.function.Supplier<String> regex, int flags) {
        return compiled.computeIfAbsent("\u0000derived:" + name, k -> Pattern.compile(regex.get(), flags));
    }

    static int flags() {
        return FLAGS;
    }
}
