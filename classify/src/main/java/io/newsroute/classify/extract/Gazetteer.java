package io.newsroute.classify.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The curated, language-independent name list ({@code extract/common/entities.tsv}): cloud providers,
 * their services, platforms, listed companies with tickers, exchanges and their indices, threat
 * actors, news outlets. Matching runs on the raw normalised text (CoreNLP tokenizers split
 * {@code us-east-1} and {@code Disney+}), at word starts, longest alias first.
 *
 * <p>Case: an alias written in upper case ({@code AWS}, {@code SIX}) matches exactly; an alias starting
 * with an upper-case letter must start with that letter in the text ({@code Signal} the app, not
 * "signal" the noun), the rest is case-insensitive; lower-case aliases match in any case. A trailing
 * genitive ({@code Amazons}, {@code Amazon's}) is accepted. Immutable and thread-safe.
 */
final class Gazetteer {
    static final String RESOURCE = "/io/newsroute/classify/extract/common/entities.tsv";

    /** One curated entity. */
    record Entry(String id, String type, String name, Map<String, String> attributes) {
        Optional<String> attribute(String key) {
            return Optional.ofNullable(attributes.get(key));
        }
    }

    /** One alias occurrence in a text; {@code entries} holds every entity sharing the alias. */
    record Hit(int start, int end, String text, List<Entry> entries) {
        Optional<Entry> ofType(String type) {
            return entries.stream().filter(e -> e.type().equals(type)).findFirst();
        }
    }

    private enum CaseMode { EXACT, FIRST_LETTER, ANY }

    private record Alias(String text, CaseMode mode, List<Entry> entries) {
    }

    private final Map<String, Entry> byId;
    /** Aliases by the lower-case run of letters and digits they start with, longest first. */
    private final Map<String, List<Alias>> byPrefix;
    /** Companies whose display name no alias lists (a common word: "Continental", "Puma"), by entry id. */
    private final Map<String, Alias> contextNames;

    private Gazetteer(Map<String, Entry> byId, Map<String, List<Alias>> byPrefix, Map<String, Alias> contextNames) {
        this.byId = byId;
        this.byPrefix = byPrefix;
        this.contextNames = contextNames;
    }

    static Gazetteer loadDefault() {
        try (InputStream in = Gazetteer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("gazetteer missing from the classpath: " + RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static Gazetteer parse(InputStream in) throws IOException {
        Map<String, Entry> byId = new LinkedHashMap<>();
        Map<String, List<Entry>> byAlias = new LinkedHashMap<>();
        Map<String, CaseMode> modes = new HashMap<>();
        Map<String, Alias> contextNames = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 4) {
                throw new IllegalStateException(RESOURCE + ":" + number + ": expected id, type, name, aliases");
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            if (f.length > 4 && !f[4].isBlank()) {
                for (String pair : f[4].split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        attributes.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                    }
                }
            }
            Entry entry = new Entry(f[0].strip(), f[1].strip(), f[2].strip(), Map.copyOf(attributes));
            byId.putIfAbsent(entry.id(), entry);
            boolean nameListed = false;
            for (String alias : f[3].split("\\|")) {
                String a = alias.strip();
                if (a.isEmpty()) {
                    continue;
                }
                CaseMode mode = modeOf(a);
                // "PUMA" (upper case, exact) does not list the plain name "Puma"
                nameListed |= mode == CaseMode.EXACT ? a.equals(entry.name()) : a.equalsIgnoreCase(entry.name());
                String key = mode == CaseMode.EXACT ? a : a.toLowerCase(Locale.ROOT);
                String mapKey = mode + "\u0000" + key + "\u0000" + (mode == CaseMode.ANY ? "" : a.substring(0, 1));
                byAlias.computeIfAbsent(mapKey, k -> new ArrayList<>()).add(entry);
                modes.put(mapKey, mode);
            }
            if (!nameListed && entry.type().equals("company") && !entry.name().isEmpty()
                    && Character.isUpperCase(entry.name().charAt(0))) {
                contextNames.putIfAbsent(entry.id(), new Alias(entry.name(), CaseMode.FIRST_LETTER, List.of(entry)));
            }
        }
        Map<String, List<Alias>> byPrefix = new HashMap<>();
        for (Map.Entry<String, List<Entry>> e : byAlias.entrySet()) {
            String[] parts = e.getKey().split("\u0000", -1);
            CaseMode mode = modes.get(e.getKey());
            String text = mode == CaseMode.FIRST_LETTER ? parts[2] + parts[1].substring(1) : parts[1];
            Alias alias = new Alias(text, mode, List.copyOf(e.getValue()));
            byPrefix.computeIfAbsent(firstRun(text, 0), k -> new ArrayList<>()).add(alias);
        }
        for (List<Alias> list : byPrefix.values()) {
            list.sort((a, b) -> Integer.compare(b.text().length(), a.text().length()));
        }
        return new Gazetteer(Collections.unmodifiableMap(byId), byPrefix, Map.copyOf(contextNames));
    }

    private static CaseMode modeOf(String alias) {
        boolean hasLetter = alias.chars().anyMatch(Character::isLetter);
        boolean allUpper = hasLetter && alias.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
        if (allUpper) {
            return CaseMode.EXACT;
        }
        return Character.isUpperCase(alias.charAt(0)) ? CaseMode.FIRST_LETTER : CaseMode.ANY;
    }

    /**
     * The run of letters and digits starting at {@code at}, in lower case: the key an alias is filed under ("k" for
     * "K+S", "amazon" for "Amazon Web Services"). An alias starts at a word start and ends at a word end, so only the
     * aliases filed under the text's run there can match, or, for a genitive ("Amazons"), under the run without its s.
     */
    private static String firstRun(String text, int at) {
        int end = at;
        while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
            end++;
        }
        return text.substring(at, end).toLowerCase(Locale.ROOT);
    }

    Optional<Entry> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * {@link #find} for each text of one article (title, body), and then a listed company's plain name that no alias
     * lists because it is also a common word or a name ("Continental", "Puma", "Next": the file lists only "Continental
     * AG", "Puma-Aktie", "Next plc") wherever it stands in a text of an article that names the company by an alias: an
     * animal, a fruit or "continental breakfast" alone never names a company.
     */
    List<List<Hit>> findAll(List<String> texts) {
        List<List<Hit>> all = new ArrayList<>();
        Map<String, Alias> named = new LinkedHashMap<>();
        for (String text : texts) {
            List<Hit> hits = find(text);
            for (Hit h : hits) {
                for (Entry e : h.entries()) {
                    Alias name = contextNames.get(e.id());
                    if (name != null) {
                        named.putIfAbsent(e.id(), name);
                    }
                }
            }
            all.add(hits);
        }
        if (named.isEmpty()) {
            return all;
        }
        for (int t = 0; t < texts.size(); t++) {
            String text = texts.get(t);
            List<Hit> hits = new ArrayList<>(all.get(t));
            for (Alias name : named.values()) {
                int from = 0;
                int at;
                while ((at = indexOfWord(text, name.text(), from)) >= 0) {
                    Hit hit = matchAmong(text, at, List.of(name));
                    int start = at;
                    if (hit != null && hits.stream().noneMatch(h -> h.start() < hit.end() && start < h.end())) {
                        hits.add(hit);
                    }
                    from = at + 1;
                }
            }
            hits.sort((x, y) -> Integer.compare(x.start(), y.start()));
            all.set(t, List.copyOf(hits));
        }
        return all;
    }

    /** The next start of a word that begins like {@code name} (first letter exact, the rest in any case), or -1. */
    private static int indexOfWord(String text, String name, int from) {
        for (int i = from; i + name.length() <= text.length(); i++) {
            if (text.charAt(i) == name.charAt(0) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))
                    && text.regionMatches(true, i + 1, name, 1, name.length() - 1)) {
                return i;
            }
        }
        return -1;
    }

    /** Every alias occurrence, left to right, longest match at each position, non-overlapping. */
    List<Hit> find(String text) {
        List<Hit> hits = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!Character.isLetterOrDigit(text.charAt(i)) || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            Hit hit = matchAt(text, i);
            if (hit != null) {
                hits.add(hit);
                i = hit.end();
            } else {
                i++;
            }
        }
        return hits;
    }

    private Hit matchAt(String text, int i) {
        if (i + 1 > text.length()) {
            return null;
        }
        String run = firstRun(text, i);
        Hit hit = matchAmong(text, i, byPrefix.get(run));
        return hit != null || run.length() < 2 || run.charAt(run.length() - 1) != 's' ? hit
                : matchAmong(text, i, byPrefix.get(run.substring(0, run.length() - 1)));
    }

    private static Hit matchAmong(String text, int i, List<Alias> candidates) {
        if (candidates == null) {
            return null;
        }
        for (Alias alias : candidates) {
            int len = alias.text().length();
            if (i + len > text.length()) {
                continue;
            }
            boolean ok = switch (alias.mode()) {
                case EXACT -> text.startsWith(alias.text(), i);
                case FIRST_LETTER -> text.charAt(i) == alias.text().charAt(0)
                        && text.regionMatches(true, i + 1, alias.text(), 1, len - 1);
                case ANY -> text.regionMatches(true, i, alias.text(), 0, len);
            };
            if (!ok) {
                continue;
            }
            int end = i + len;
            if (len == 1 && end < text.length() && text.charAt(end) == '-') {
                continue; // the platform X, not "X-ray" or "X-Achse"
            }
            int withSuffix = genitiveEnd(text, end);
            if (isBoundary(text, withSuffix)) {
                return new Hit(i, end, text.substring(i, end), alias.entries());
            }
            if (isBoundary(text, end)) {
                return new Hit(i, end, text.substring(i, end), alias.entries());
            }
        }
        return null;
    }

    private static int genitiveEnd(String text, int end) {
        if (end < text.length() && text.charAt(end) == 's') {
            return end + 1;
        }
        if (end + 1 < text.length() && (text.charAt(end) == '\'' || text.charAt(end) == '’') && text.charAt(end + 1) == 's') {
            return end + 2;
        }
        return end;
    }

    private static boolean isBoundary(String text, int at) {
        return at >= text.length() || !Character.isLetterOrDigit(text.charAt(at));
    }
}
