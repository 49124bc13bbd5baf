package io.newsroute.classify.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsroute.classify.model.ArticleFeatures.FeatureSpan;

class FeatureExtractorTest {
    private static FeatureExtractor extractor;

    @BeforeAll
    static void create() {
        extractor = FeatureExtractor.create(List.of("de", "nl", "en", "fr", "es", "it", "pt", "pl"));
    }

    @Test
    void conceptsPairsAndCuesWithSpans() {
        String title = "AWS-Ausfall legt Dienste lahm";
        String body = "Ein Ausfall bei AWS in us-east-1 traf viele Kunden. Ein Cyberangriff wurde ausgeschlossen, es gab keine Hacker.";
        ArticleFeatures f = extractor.extract(title, body, "de");

        assertThat(f.value(FeatureExtractor.BIAS)).isEqualTo(1.0);
        assertThat(f.count("c:cloud.provider")).isEqualTo(2); // AWS in the title compound and in the body
        assertThat(f.has("ct:cloud.provider")).isTrue();
        assertThat(f.value("c:cloud.provider")).isEqualTo(Math.log1p(2));
        assertThat(f.count("cc:outage.event+cloud.provider")).isEqualTo(2); // the title and the first body sentence
        assertThat(f.has("cq:attack.term")).isTrue(); // "keine Hacker": negated
        assertThat(f.has("c:attack.term")).isFalse();
        for (String feature : List.of("c:cloud.provider", "cc:outage.event+cloud.provider", "cq:attack.term")) {
            assertThat(f.spansOf(feature)).isNotEmpty();
            for (FeatureSpan span : f.spansOf(feature)) {
                String text = span.field().equals("title") ? title : body;
                assertThat(span.end()).isGreaterThan(span.start()).isLessThanOrEqualTo(text.length());
            }
        }
        FeatureSpan region = f.spansOf("c:cloud.region").get(0);
        assertThat(body.substring(region.start(), region.end())).isEqualTo("us-east-1");
    }

    @Test
    void genreCuesGiveTitleAndPairFeaturesNextToTheBreachTerms() {
        String title = "Phishing: So schützen Sie sich";
        String body = "Die Polizei rät: Ändern Sie Ihr Passwort, wenn Hacker Zugangsdaten erbeutet haben.";
        ArticleFeatures f = extractor.extract(title, body, "de");

        assertThat(f.has("ct:genre.advice")).isTrue();
        assertThat(f.count("c:genre.advice")).isEqualTo(2); // "So schützen Sie", "Ändern Sie"
        assertThat(f.has("cc:attack.term+genre.advice")).isTrue(); // in the title and in the body sentence
        assertThat(f.count("cc:attack.term+genre.advice")).isEqualTo(2);
        assertThat(f.has("cc:breach.data+genre.advice")).isTrue();
        FeatureSpan advice = f.spansOf("ct:genre.advice").get(0);
        assertThat(title.substring(advice.start(), advice.end())).isEqualTo("So schützen Sie");
        assertThat(extractor.extract("", "Hacker haben Zugangsdaten erbeutet.", "de").values().keySet())
                .noneMatch(k -> k.contains("genre."));
    }

    @Test
    void stemsBigramsAndTitleStemsPointAtTheirTokens() {
        String title = "Outages hit Azure";
        String body = "The outages lasted hours.";
        ArticleFeatures f = extractor.extract(title, body, "en");

        assertThat(f.count("s:outag")).isEqualTo(2); // English stemmer: outages -> outag, in title and body
        assertThat(f.has("t:outag")).isTrue();
        assertThat(f.has("b:outag hit")).isTrue();
        FeatureSpan titleSpan = f.spansOf("t:outag").get(0);
        assertThat(title.substring(titleSpan.start(), titleSpan.end())).isEqualTo("Outages");
        FeatureSpan bigram = f.spansOf("b:outag hit").get(0);
        assertThat(title.substring(bigram.start(), bigram.end())).isEqualTo("Outages hit");
        assertThat(f.describe("s:outag")).isEqualTo("stem:outag");
    }

    @Test
    void germanAndPolishStemmersAreUsed() {
        assertThat(extractor.extract("", "Die Ausfälle der Server", "de").has("s:ausfall")).isTrue();
        ArticleFeatures pl = extractor.extract("", "Awaria chmury", "pl");
        assertThat(pl.values().keySet()).anyMatch(k -> k.startsWith("s:awari"));
    }

    @Test
    void charGramHashingIsStableAndBounded() {
        ArticleFeatures a = extractor.extract("", "Rechenzentrum", "de");
        ArticleFeatures b = extractor.extract("", "Rechenzentrum", "de");
        List<String> grams = a.values().keySet().stream().filter(k -> k.startsWith("h:")).toList();
        assertThat(grams).isNotEmpty().isEqualTo(b.values().keySet().stream().filter(k -> k.startsWith("h:")).toList());
        // " rechenzentrum " (15 chars) has 12 4-grams and 11 5-grams; collisions may merge a few
        assertThat(grams.size()).isBetween(20, 23);
        for (String gram : grams) {
            assertThat(Integer.parseInt(gram.substring(2))).isBetween(0, extractor.hashBuckets() - 1);
        }
        // pinned FNV-1a value: a changed hash would silently invalidate every trained model
        assertThat(extractor.bucket(" rech", 0, 5)).isEqualTo(166661); // FNV-1a(" rech") mod 2^18
        assertThat(a.describe(grams.get(0))).isEqualTo("chars:_rec");
        FeatureSpan span = a.spansOf(grams.get(0)).get(0);
        assertThat("Rechenzentrum".substring(span.start(), span.end())).isEqualTo("Rechenzentrum");
    }

    @Test
    void unsupportedLanguageStillGetsFeaturesButNoSupport() {
        ArticleFeatures f = extractor.extract("", "AWS outage: us-east-1 was down for hours.", "sv");
        assertThat(f.has("c:cloud.provider")).isTrue();
        assertThat(f.has("s:outag")).isTrue(); // English stems as fallback
        assertThat(extractor.supports("sv")).isFalse();
        assertThat(extractor.supports("pl")).isTrue();
    }

    @Test
    void emptyTextHasOnlyTheBias() {
        assertThat(extractor.extract("", "", "en").values()).containsOnlyKeys(FeatureExtractor.BIAS);
    }
}
