package io.newsroute.classify.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The automaton must find exactly what the straightforward definition finds: every term compiled
 * into one case-insensitive alternation (regex terms first, then longest literal), leftmost match
 * wins. The reference is that alternation, built here from the same lexicon lines; both run over
 * every title and body of the labelled corpus and over random text, and must agree on every match.
 */
class LexiconReferenceTest {
    private static final String SEPARATOR = "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F\\p{Z}\\-]+";

    @ParameterizedTest
    @ValueSource(strings = {"de", "nl", "en", "fr", "es", "it", "pt", "pl"})
    void automatonAgreesWithTheAlternationOnTheCorpus(String language) throws IOException {
        Lexicon lexicon = Lexicon.load(language).orElseThrow();
        Reference reference = new Reference(Lexicon.entries(language).orElseThrow());
        List<String> texts = corpusTexts(language);
        assertThat(texts).hasSizeGreaterThan(100);
        int matches = 0;
        for (String text : texts) {
            List<String> expected = reference.find(text);
            assertThat(describe(lexicon.find(text, "body"))).as(text).isEqualTo(expected);
            matches += expected.size();
        }
        assertThat(matches).as("the corpus exercises the lexicon").isGreaterThan(texts.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "en", "pl"})
    void automatonAgreesWithTheAlternationOnRandomText(String language) {
        Lexicon lexicon = Lexicon.load(language).orElseThrow();
        Reference reference = new Reference(Lexicon.entries(language).orElseThrow());
        Random random = new Random(42);
        String[] pieces = {"AWS", "Ausfall", "aus", "fall", "-", " ", "  ", "\n", "Strom", "störung", "ß", "İ", "ς",
                "Σ", "5,2", "%", "(NASDAQ: AMZN)", "us-east-1", "data", "leak", "Cyber", "Angriff", "é", "\u0301",
                "😀", "x", "Kurs", ".", ",", "awaria", "chmury", "hack", "Hacker", "-1", "9"};
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(30);
            for (int k = 0; k < n; k++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = text.toString();
            assertThat(describe(lexicon.find(s, "body"))).as(s).isEqualTo(reference.find(s));
        }
    }

    private static List<String> describe(List<ConceptMatch> matches) {
        return matches.stream().map(m -> m.start() + "-" + m.end() + ":" + m.concept().id()).toList();
    }

    private static List<String> corpusTexts(String language) throws IOException {
        Path dir = Path.of("..", "corpus", language);
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = json.readTree(line);
                    texts.add(node.path("title").asText(""));
                    texts.add(node.path("body").asText(""));
                }
            }
        }
        return texts;
    }

    /** The definition: one alternation, regex terms first, then by term length, plain before wildcard. */
    private static final class Reference {
        private final Pattern pattern;
        private final List<Lexicon.Entry> ordered;

        Reference(List<Lexicon.Entry> entries) {
            ordered = new ArrayList<>(entries);
            ordered.sort(Comparator.comparing((Lexicon.Entry e) -> !e.isRegex())
                    .thenComparing(Comparator.comparingInt(Lexicon.Entry::length).reversed())
                    .thenComparingInt(Lexicon.Entry::priority));
            StringBuilder regex = new StringBuilder("(?<!" + Lexicon.WORD + ")(?:");
            for (int i = 0; i < ordered.size(); i++) {
                regex.append(i > 0 ? "|" : "").append('(').append(fragment(ordered.get(i))).append(')');
            }
            regex.append(")(?!" + Lexicon.WORD + ")");
            pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }

        private static String fragment(Lexicon.Entry e) {
            if (e.isRegex()) {
                return e.text();
            }
            StringBuilder out = new StringBuilder();
            if (e.prefix()) {
                out.append(Lexicon.WORD).append('*');
            }
            String[] words = e.text().split(" ");
            for (int i = 0; i < words.length; i++) {
                out.append(i > 0 ? SEPARATOR : "").append(Pattern.quote(words[i]));
            }
            if (e.suffix()) {
                out.append(Lexicon.WORD).append('*');
            }
            return out.toString();
        }

        List<String> find(String text) {
            List<String> found = new ArrayList<>();
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                if (m.end() == m.start()) {
                    continue;
                }
                for (int g = 1; g <= ordered.size(); g++) {
                    if (m.start(g) >= 0) {
                        found.add(m.start() + "-" + m.end() + ":" + ordered.get(g - 1).concept().id());
                        break;
                    }
                }
            }
            return found;
        }
    }
}
