package io.newsroute.classify.lexicon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The concept lexicon of one language, compiled once into an Aho–Corasick automaton over the
 * literal terms plus one small regular expression for the {@code re:} terms.
 *
 * <p>Resource layout: {@code io/newsroute/classify/lexicon/<iso>/concepts.tsv} per language plus
 * {@code lexicon/common/concepts.tsv} (provider names, services, regions, exchanges: language
 * independent) merged into every language. A line is {@code concept<TAB>term}; {@code #} starts a
 * comment. A term is matched case-insensitively on word boundaries (letters, marks and digits form
 * words; hyphens and punctuation separate them). White space and hyphens inside a term match any run
 * of white space or hyphens ({@code data leak} matches {@code data-leak}, {@code Cyber-Angriff}
 * matches {@code Cyber Angriff}). A leading or trailing {@code *} matches the rest of a compound
 * ({@code *ausfall*} matches {@code Serverausfall}, but not {@code Serverausfälle}: no stemming).
 * A term starting with {@code re:} is a raw Java regex without capturing groups, for percentages,
 * regions and tickers.
 *
 * <p>Where several terms match at one position, regex terms go first, then the longest literal
 * (by term length; a plain term before a wildcard of the same length), so {@code Stromausfall}
 * (power.cut) beats {@code *ausfall*} (outage.event). Matches do not overlap; the leftmost wins.
 *
 * <p>Why an automaton: the first version compiled every term into one case-insensitive Unicode
 * alternation, which tried each of ~2,000 alternatives at every word start and cost a fifth of the
 * classify stage's CPU. The automaton reads each character of the lower-cased text once.
 * Thread-safe: the automaton and the pattern are immutable, each call uses its own matcher.
 */
final class Lexicon {
    static final String ROOT = "/io/newsroute/classify/lexicon/";
    static final String COMMON = "common";
    static final String WORD = "[\\p{L}\\p{M}\\p{N}]";
    /** Offsets are packed into 24 bits; the validator bounds bodies far below this. */
    static final int MAX_TEXT = (1 << 24) - 1;

    private final String language;
    private final String digest;
    private final Automaton automaton;
    /** Literal terms by id: rank (lower wins at one start), wildcards, concept. */
    private final Term[] terms;
    /** The {@code re:} terms as one alternation, or null when there are none. */
    private final Pattern regexTerms;
    private final Concept[] conceptOfGroup;
    private final int size;

    private Lexicon(String language, List<Entry> entries) {
        this.language = language;
        this.digest = digest(entries);
        List<Entry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparing((Entry e) -> !e.isRegex())
                .thenComparing(Comparator.comparingInt(Entry::length).reversed())
                .thenComparingInt(Entry::priority));
        List<Entry> regexes = ordered.stream().filter(Entry::isRegex).toList();
        List<Entry> literals = ordered.stream().filter(e -> !e.isRegex()).toList();
        conceptOfGroup = new Concept[regexes.size() + 1];
        if (regexes.isEmpty()) {
            regexTerms = null;
        } else {
            StringBuilder regex = new StringBuilder("(?<!" + WORD + ")(?:");
            for (int i = 0; i < regexes.size(); i++) {
                regex.append(i > 0 ? "|" : "").append('(').append(regexes.get(i).text).append(')');
                conceptOfGroup[i + 1] = regexes.get(i).concept;
            }
            regex.append(")(?!" + WORD + ")");
            regexTerms = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
        terms = new Term[literals.size()];
        String[] keys = new String[literals.size()];
        for (int i = 0; i < literals.size(); i++) {
            Entry e = literals.get(i);
            terms[i] = new Term(i, e.prefix, e.suffix, e.concept);
            keys[i] = e.text;
        }
        automaton = Automaton.build(keys);
        size = ordered.size();
    }

    /** The common lexicon merged with the one of {@code language}, if that language has a folder. */
    static Optional<Lexicon> load(String language) {
        return entries(language).map(all -> new Lexicon(language, all));
    }

    /** The parsed lines of the common lexicon and {@code language}'s own, if that language has a folder. */
    static Optional<List<Entry>> entries(String language) {
        Optional<List<Entry>> own = read(language);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        List<Entry> all = new ArrayList<>(read(COMMON).orElseThrow(
                () -> new IllegalStateException("missing resource " + ROOT + COMMON + "/concepts.tsv")));
        all.addAll(own.get());
        return Optional.of(all);
    }

    String language() {
        return language;
    }

    /** SHA-256 (hex) of the concept and term of every entry, in file order: changes whenever the lexicon does. */
    String digest() {
        return digest;
    }

    private static String digest(List<Entry> entries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Entry entry : entries) {
                sha.update((entry.concept().id() + "\t" + entry.text() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
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
        long[] candidates = literalCandidates(text);
        Sentences sentences = null;
        Matcher regex = regexTerms == null ? null : regexTerms.matcher(text);
        boolean regexFound = regex != null && regex.find();
        int position = 0;
        int next = 0;
        while (true) {
            while (next < candidates.length && start(candidates[next]) < position) {
                next++;
            }
            while (regexFound && regex.start() < position) {
                regexFound = regex.find(position);
            }
            boolean literal = next < candidates.length;
            if (!literal && !regexFound) {
                break;
            }
            if (sentences == null) {
                sentences = Sentences.of(text);
            }
            int start;
            int end;
            Concept concept;
            // at one start, regex terms win over literals (see the class comment)
            if (regexFound && (!literal || regex.start() <= start(candidates[next]))) {
                start = regex.start();
                end = regex.end();
                concept = regexConcept(regex);
                if (end == start) { // a regex term matching the empty string: step over it
                    position = start + 1;
                    regexFound = position <= text.length() && regex.find(position);
                    continue;
                }
            } else {
                long candidate = candidates[next];
                start = start(candidate);
                end = end(candidate);
                concept = terms[rank(candidate)].concept;
            }
            matches.add(new ConceptMatch(field, start, end, text.substring(start, end), concept, sentences.indexOf(start), false));
            position = end;
        }
        return matches;
    }

    private Concept regexConcept(Matcher m) {
        for (int g = 1; g < conceptOfGroup.length; g++) {
            if (m.start(g) >= 0) {
                return conceptOfGroup[g];
            }
        }
        throw new IllegalStateException("regex term matched without a group");
    }

    /**
     * Literal matches, one per start offset (the best-ranked term there), sorted by start, each
     * {@link #pack packed} into a long.
     */
    private long[] literalCandidates(String text) {
        int n = text.length();
        if (n > MAX_TEXT) {
            throw new IllegalArgumentException("text of " + n + " chars exceeds the matcher's limit of " + MAX_TEXT);
        }
        // fold: lower case, every run of white space or hyphens becomes one space; map folded -> original
        char[] folded = new char[n];
        int[] origin = new int[n];
        int f = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (isSeparator(c)) {
                if (f > 0 && folded[f - 1] == ' ') {
                    continue;
                }
                c = ' ';
            } else {
                c = foldCase(c);
            }
            folded[f] = c;
            origin[f++] = i;
        }
        long[] found = new long[16];
        int count = 0;
        int state = 0;
        for (int j = 0; j < f; j++) {
            state = automaton.step(state, folded[j]);
            int[] outputs = automaton.outputs[state];
            for (int term : outputs) {
                int foldedStart = j - automaton.lengths[term] + 1;
                int start = origin[foldedStart];
                int end = origin[j] + 1;
                Term t = terms[term];
                if (t.prefix) {
                    while (start > 0 && isWord(text, start - 1)) {
                        start--;
                    }
                } else if (start > 0 && isWord(text, start - 1)) {
                    continue;
                }
                if (t.suffix) {
                    while (end < n && isWord(text, end)) {
                        end++;
                    }
                } else if (end < n && isWord(text, end)) {
                    continue;
                }
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = pack(start, term, end);
            }
        }
        if (count == 0) {
            return new long[0];
        }
        Arrays.sort(found, 0, count); // by start, then rank
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (kept == 0 || start(found[kept - 1]) != start(found[i])) {
                found[kept++] = found[i];
            }
        }
        return Arrays.copyOf(found, kept);
    }

    // start: 24 bits, rank: 16 bits, end: 24 bits; texts are bounded by the validator far below 16 M chars
    private static long pack(int start, int rank, int end) {
        return ((long) start << 40) | ((long) rank << 24) | end;
    }

    private static int start(long packed) {
        return (int) (packed >>> 40);
    }

    private static int rank(long packed) {
        return (int) ((packed >>> 24) & 0xFFFF);
    }

    private static int end(long packed) {
        return (int) (packed & 0xFFFFFF);
    }

    /** Case folding as the regex engine's Unicode case-insensitivity sees it: {@code ς}, {@code σ}, {@code Σ} are one. */
    static char foldCase(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    static boolean isSeparator(char c) {
        return c == '-' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** {@code [\p{L}\p{M}\p{N}]} at {@code index}, by code point (a surrogate pair is one letter). */
    static boolean isWord(String text, int index) {
        char c = text.charAt(index);
        int cp = c;
        if (Character.isHighSurrogate(c) && index + 1 < text.length()) {
            cp = Character.codePointAt(text, index);
        } else if (Character.isLowSurrogate(c) && index > 0) {
            cp = Character.codePointBefore(text, index + 1);
        }
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                 Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                 Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER:
                return true;
            default:
                return false;
        }
    }

    /** Lower case, separators folded to one space: the form terms and text are compared in. */
    static String fold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSeparator(c)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.append(foldCase(c));
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        return out.substring(0, end);
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

    private record Term(int rank, boolean prefix, boolean suffix, Concept concept) {
    }

    /**
     * One lexicon line: for a literal, the folded core and its wildcards; for a {@code re:} term, the
     * regex (no capturing groups).
     */
    record Entry(Concept concept, String text, int priority, int length, boolean prefix, boolean suffix) {

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
                return new Entry(concept, regex, 0, regex.length(), false, false);
            }
            String literal = Normalizer.normalize(term, Normalizer.Form.NFC);
            boolean prefix = literal.startsWith("*");
            boolean suffix = literal.endsWith("*") && literal.length() > 1;
            String core = literal.substring(prefix ? 1 : 0, literal.length() - (suffix ? 1 : 0)).strip();
            if (core.isEmpty() || core.contains("*")) {
                throw new IllegalArgumentException("'*' is only allowed at the start or end of a term: " + term);
            }
            String folded = fold(core);
            if (folded.isEmpty() || folded.charAt(0) == ' ') {
                throw new IllegalArgumentException("a term must not start with a hyphen: " + term);
            }
            return new Entry(concept, folded, prefix || suffix ? 2 : 1, core.length(), prefix, suffix);
        }
    }

    /**
     * Aho–Corasick automaton over chars: a trie of the folded terms with failure links, each state
     * listing the terms that end there (its own and those of its failure chain). The root's
     * transitions are a direct table; other states keep sorted child arrays.
     */
    static final class Automaton {
        private final int[] rootNext;        // char -> state, 0 = stay at root
        private final char[][] keys;         // per state: sorted child chars
        private final int[][] children;      // per state: child states, parallel to keys
        private final int[] fail;
        final int[][] outputs;               // per state: term ids, ascending (= best rank first)
        final int[] lengths;                 // per term: folded length

        private Automaton(int[] rootNext, char[][] keys, int[][] children, int[] fail, int[][] outputs, int[] lengths) {
            this.rootNext = rootNext;
            this.keys = keys;
            this.children = children;
            this.fail = fail;
            this.outputs = outputs;
            this.lengths = lengths;
        }

        static Automaton build(String[] terms) {
            List<StringBuilder> childKeys = new ArrayList<>();
            List<List<Integer>> childStates = new ArrayList<>();
            List<List<Integer>> own = new ArrayList<>();
            childKeys.add(new StringBuilder());
            childStates.add(new ArrayList<>());
            own.add(new ArrayList<>());
            int[] lengths = new int[terms.length];
            for (int t = 0; t < terms.length; t++) {
                String term = terms[t];
                lengths[t] = term.length();
                int state = 0;
                for (int k = 0; k < term.length(); k++) {
                    char c = term.charAt(k);
                    int at = childKeys.get(state).indexOf(String.valueOf(c));
                    if (at >= 0) {
                        state = childStates.get(state).get(at);
                    } else {
                        int created = childKeys.size();
                        childKeys.add(new StringBuilder());
                        childStates.add(new ArrayList<>());
                        own.add(new ArrayList<>());
                        childKeys.get(state).append(c);
                        childStates.get(state).add(created);
                        state = created;
                    }
                }
                own.get(state).add(t);
            }
            int states = childKeys.size();
            char[][] keys = new char[states][];
            int[][] children = new int[states][];
            for (int s = 0; s < states; s++) {
                // sort children by char for binary search
                int m = childKeys.get(s).length();
                Integer[] order = new Integer[m];
                for (int i = 0; i < m; i++) {
                    order[i] = i;
                }
                StringBuilder ks = childKeys.get(s);
                Arrays.sort(order, Comparator.comparingInt(ks::charAt));
                keys[s] = new char[m];
                children[s] = new int[m];
                for (int i = 0; i < m; i++) {
                    keys[s][i] = ks.charAt(order[i]);
                    children[s][i] = childStates.get(s).get(order[i]);
                }
            }
            int[] rootNext = new int[Character.MAX_VALUE + 1];
            for (int i = 0; i < keys[0].length; i++) {
                rootNext[keys[0][i]] = children[0][i];
            }
            int[] fail = new int[states];
            int[][] outputs = new int[states][];
            outputs[0] = new int[0];
            // breadth first: a state's failure target is shallower, so its outputs are final
            int[] queue = new int[states];
            int head = 0;
            int tail = 0;
            for (int child : children[0]) {
                fail[child] = 0;
                queue[tail++] = child;
            }
            Automaton partial = new Automaton(rootNext, keys, children, fail, outputs, lengths);
            while (head < tail) {
                int s = queue[head++];
                int[] mine = own.get(s).stream().mapToInt(Integer::intValue).toArray();
                int[] inherited = outputs[fail[s]];
                int[] merged = Arrays.copyOf(mine, mine.length + inherited.length);
                System.arraycopy(inherited, 0, merged, mine.length, inherited.length);
                Arrays.sort(merged);
                outputs[s] = merged;
                for (int i = 0; i < keys[s].length; i++) {
                    int child = children[s][i];
                    char c = keys[s][i];
                    fail[child] = partial.step(fail[s], c);
                    queue[tail++] = child;
                }
            }
            return partial;
        }

        int step(int state, char c) {
            while (true) {
                if (state == 0) {
                    return rootNext[c];
                }
                char[] k = keys[state];
                int i = Arrays.binarySearch(k, c);
                if (i >= 0) {
                    return children[state][i];
                }
                state = fail[state];
            }
        }
    }
}
