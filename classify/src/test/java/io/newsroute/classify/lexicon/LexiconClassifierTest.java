package io.newsroute.classify.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsroute.classify.model.LabelScores;
import io.newsroute.schema.Evidence;
import io.newsroute.schema.Labels;

/** The lexicon scorer without language detection: matching rules, cues and label definitions. */
class LexiconClassifierTest {
    private static LexiconClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = LexiconClassifier.load(List.of("de", "nl", "en", "fr", "es", "it"));
    }

    @Test
    void lexiconFoldersDecideSupport() {
        assertThat(classifier.languages()).containsExactlyInAnyOrder("de", "nl", "en", "fr", "es");
        assertThat(classifier.supports("de")).isTrue();
        assertThat(classifier.supports("it")).isFalse();
        assertThat(classifier.modelVersion()).isEqualTo("lexicon-1");
    }

    @Test
    void compoundsMatchWithWildcardsAndTheLongestTermWins() {
        Lexicon de = Lexicon.load("de").orElseThrow();
        assertThat(de.find("Serverausfälle und ein Stromausfall, dazu Netzstörungen.", "body"))
                .extracting(m -> m.text() + "=" + m.concept().id())
                .containsExactly("Serverausfälle=outage.event", "Stromausfall=power.cut", "Netzstörungen=outage.event");
        assertThat(de.find("Die Amazon Web Services in us-east-1 (NASDAQ: AMZN) fielen um 5,2 % zurück.", "body"))
                .extracting(m -> m.text() + "=" + m.concept().id())
                .contains("Amazon Web Services=cloud.provider", "us-east-1=cloud.region",
                        "(NASDAQ: AMZN)=market.exchange", "5,2 %=price.move");
        // word boundaries: no match inside other words
        assertThat(de.find("Aktienhandelsdienst Hackbraten Downtown", "body")).isEmpty();
    }

    @Test
    void outageNeedsACloudInTheSameSentence() {
        double withCloud = score("de", "", "Ein Ausfall bei AWS legte am Dienstag zahlreiche Dienste lahm. Die Störung dauerte Stunden.",
                Labels.CLOUD_OUTAGE);
        double withoutCloud = score("de", "", "Ein Ausfall im Stellwerk legte am Dienstag den Zugverkehr lahm. Die Störung dauerte Stunden.",
                Labels.CLOUD_OUTAGE);
        double powerCut = score("de", "", "Ein Stromausfall legte am Dienstag die Stadt lahm. Tausende Haushalte ohne Strom.",
                Labels.CLOUD_OUTAGE);
        assertThat(withCloud).isGreaterThan(0.5);
        assertThat(withoutCloud).isLessThan(0.2);
        assertThat(powerCut).isLessThan(0.1);
    }

    @Test
    void attackTermsUnderSpeculationOrNegationDoNotCount() {
        double stated = score("en", "", "Hackers stole the passwords of two million customers in a cyberattack.",
                Labels.SECURITY_BREACH);
        double speculated = score("en", "", "Some users speculated about a cyberattack by hackers.", Labels.SECURITY_BREACH);
        double suspected = score("en", "", "The outage was first blamed on a suspected cyberattack.", Labels.SECURITY_BREACH);
        double negated = score("de", "", "Kein Terrorangriff, keine außerirdischen Cyberhacker legten die Server lahm.",
                Labels.SECURITY_BREACH);
        assertThat(stated).isGreaterThan(0.5);
        assertThat(speculated).isEqualTo(suspected).isEqualTo(negated).isLessThan(0.05);
    }

    @Test
    void negationScopeEndsAtPunctuationAndAfterAFewWords() {
        // "nicht" governs "wiederherstellen", not the theft three clauses later
        double breach = score("de", "", "Die Firma konnte nicht alle Systeme wiederherstellen, Hacker haben Kundendaten gestohlen.",
                Labels.SECURITY_BREACH);
        assertThat(breach).isGreaterThan(0.5);
    }

    @Test
    void stockNeedsSharesNotJustPercentagesCryptoOrResults() {
        assertThat(score("de", "", "Die Aktie von SAP stieg im Xetra-Handel um 3 Prozent. Analysten heben das Kursziel an. "
                + "Anleger freuen sich.", Labels.STOCK_COMMENTARY)).isGreaterThan(0.5);
        assertThat(score("de", "", "Der Umsatz stieg um 12 Prozent, der Gewinn um 8 Prozent. Die Quartalszahlen überzeugten.",
                Labels.STOCK_COMMENTARY)).isLessThan(0.05);
        assertThat(score("de", "", "Der Bitcoin-Kurs stieg um 10 Prozent. Anleger feiern die Kryptowährung.",
                Labels.STOCK_COMMENTARY)).isLessThan(0.05);
    }

    @Test
    void unsupportedLanguageFallsBackToEnglishAndCommon() {
        LabelScores scores = classifier.score("", "AWS outage: us-east-1 was down for hours, many services offline.", "it");
        assertThat(scores.score(Labels.CLOUD_OUTAGE)).isGreaterThan(0.5);
    }

    @Test
    void evidenceIsRankedAndBounded() {
        String body = "AWS outage in us-east-1. AWS outage hits S3. EC2 outage. DynamoDB down. Azure outage too. "
                + "Cloudflare outage. Google Cloud outage.";
        LabelScores scores = classifier.score("AWS outage", body, "en");
        List<Evidence> evidence = scores.evidenceOf(Labels.CLOUD_OUTAGE);
        assertThat(evidence).hasSize(5);
        for (int i = 1; i < evidence.size(); i++) {
            assertThat(evidence.get(i - 1).getWeight()).isGreaterThanOrEqualTo(evidence.get(i).getWeight());
        }
        assertThat(scores.evidenceOf(Labels.STOCK_COMMENTARY)).isEmpty();
    }

    private static double score(String language, String title, String body, String label) {
        return classifier.score(title, body, language).score(label);
    }
}
