package io.newsroute.classify.lexicon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The concept lexicon of one language, compiled once into a single regular expression.
 *
 * <p>Resource layout: {@code io/newsroute/classify/lexicon/<iso>/concepts.tsv} per language plus
 * {@code lexicon/common/concepts.tsv} (provider names, services, regions, exchanges: language
 * independent) merged into every language. A line is {@code concept<TAB>term}; {@code #} starts a
 * comment. A term is matched case-insensitively on word boundaries (letters, marks and digits form
 * words; hyphens and punctuation separate them). A space in a term matches any run of white space
 * or hyphens ({@code data leak} matches {@code data-leak}). A leading or trailing {@code *} matches
 * the rest of a compound ({@code *ausfall*} matches {@code Serverausfälle} only if written
 * {@code *ausfäll*} too: no stemming). A term starting with {@code re:} is a raw Java regex without
 * capturing groups, for percentages, regions and tickers.
 *
 * <p>Where several terms match at one position, regex terms go first, then the longest literal
 * (alternatives are ordered by length, a plain term before a wildcard of the same length), so {@code Stromausfall} (power.cut) beats {@code *ausfall*} (outage.event).
 * Thread-safe: the pattern is immutable, each call uses its own matcher.
 */
final class Lexicon {
    static final String ROOT = "/io/newsroute/classify/lexicon/";
    static final String COMMON = "common";
    private static final String WORD = "[\\p{L}\\p{M}\\p{N}]";

    private final String language;
    private final Pattern pattern;
    private final Concept[] conceptOfGroup;
    private final int size;

    private Lexicon(String language, List<Entry> entries) {
        this.language = language;
        List<Entry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparing((Entry e) -> !e.isRegex())
                .thenComparing(Comparator.comparingInt(Entry::length).reversed())
                .thenComparingInt(Entry::priority));
        StringBuilder regex = new StringBuilder("(?<!" + WORD + ")(?:");
        conceptOfGroup = new Concept[ordered.size() + 1];
        for (int i = 0; i < ordered.size(); i++) {
            if (i > 0) {
                regex.append('|');
            }
            regex.append('(').append(ordered.get(i).regex).append(')');
            conceptOfGroup[i + 1] = ordered.get(i).concept;
        }
        regex.append(")(?!" + WORD + ")");
        this.pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.size = ordered.size();
    }

    /** The common lexicon merged with the one of {@code language}, if that language has a folder. */
    static Optional<Lexicon> load(String language) {
        Optional<List<Entry>> own = read(language);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        List<Entry> all = new ArrayList<>(read(COMMON).orElseThrow(
                () -> new IllegalStateException("missing resource " + ROOT + COMMON + "/concepts.tsv")));
        all.addAll(own.get());
        return Optional.of(new Lexicon(language, all));
    }

    String language() {
        return language;
    }

    int size() {
        return size;
    }

    /** Every match in {@code text}, left to right, non-overlapping. */
    List<ConceptMatch> find(String text, String field) {
        List<ConceptMatch> matches = new ArrayList<>();
        if (text.isEmpty()) {
            return matches;
        }
        Sentences sentences = Sentences.of(text);
        Matcher m = pattern.matcher(text);
        int groups = conceptOfGroup.length;
        while (m.find()) {
            for (int g = 1; g < groups; g++) {
                if (m.start(g) >= 0) {
                    matches.add(new ConceptMatch(field, m.start(), m.end(), m.group(), conceptOfGroup[g],
                            sentences.indexOf(m.start()), false));
                    break;
                }
            }
        }
        return matches;
    }

    private static Optional<List<Entry>> read(String folder) {
        String resource = ROOT + folder + "/concepts.tsv";
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            List<Entry> entries = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new IllegalStateException(resource + ":" + number + ": expected concept<TAB>term, got '" + line + "'");
                }
                try {
                    Concept concept = Concept.of(line.substring(0, tab).strip());
                    entries.add(Entry.parse(concept, line.substring(tab + 1).strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(resource + ":" + number + ": " + e.getMessage(), e);
                }
            }
            return Optional.of(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** One lexicon line, as a regex fragment without capturing groups. */
    private record Entry(Concept concept, String regex, int priority, int length) {

        boolean isRegex() {
            return priority == 0;
        }

        static Entry parse(Concept concept, String term) {
            if (term.isEmpty()) {
                throw new IllegalArgumentException("empty term");
            }
            if (term.startsWith("re:")) {
                String regex = term.substring(3);
                try {
                    if (Pattern.compile(regex).matcher("").groupCount() != 0) {
                        throw new IllegalArgumentException("regex term must not have capturing groups, use (?:...): " + regex);
                    }
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("bad regex term: " + e.getMessage(), e);
                }
                return new Entry(concept, regex, 0, regex.length());
            }
            String literal = Normalizer.normalize(term, Normalizer.Form.NFC);
            boolean prefix = literal.startsWith("*");
            boolean suffix = literal.endsWith("*") && literal.length() > 1;
            String core = literal.substring(prefix ? 1 : 0, literal.length() - (suffix ? 1 : 0)).strip();
            if (core.isEmpty() || core.contains("*")) {
                throw new IllegalArgumentException("'*' is only allowed at the start or end of a term: " + term);
            }
            StringBuilder regex = new StringBuilder();
            if (prefix) {
                regex.append(WORD).append('*');
            }
            String[] words = core.split("\\s+");
            for (int i = 0; i < words.length; i++) {
                if (i > 0) {
                    regex.append("[\\s\\-]+");
                }
                regex.append(Pattern.quote(words[i]));
            }
            if (suffix) {
                regex.append(WORD).append('*');
            }
            return new Entry(concept, regex.toString(), prefix || suffix ? 2 : 1, core.length());
        }
    }
}
