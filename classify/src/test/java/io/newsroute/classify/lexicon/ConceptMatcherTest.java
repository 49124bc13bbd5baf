package io.newsroute.classify.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lexicon matching rules and cue scope, the concept source of the model's features. */
class ConceptMatcherTest {
    private static ConceptMatcher matcher;

    @BeforeAll
    static void load() {
        matcher = ConceptMatcher.load(List.of("de", "nl", "en", "fr", "es", "it", "pt", "pl", "sv"));
    }

    @Test
    void lexiconFoldersDecideSupport() {
        assertThat(matcher.languages()).containsExactlyInAnyOrder("de", "nl", "en", "fr", "es", "it", "pt", "pl");
        assertThat(matcher.supports("de")).isTrue();
        assertThat(matcher.supports("sv")).isFalse();
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
        assertThat(de.find("Aktienhandelsdienst Hackbraten Downtown", "body")).isEmpty();
    }

    @Test
    void attackTermsUnderSpeculationOrNegationAreCued() {
        assertThat(breachSide("en", "Hackers stole the passwords of two million customers in a cyberattack."))
                .isNotEmpty().noneMatch(ConceptMatch::cued);
        assertThat(breachSide("en", "Some users speculated about a cyberattack by hackers.")).isNotEmpty().allMatch(ConceptMatch::cued);
        assertThat(breachSide("en", "The outage was first blamed on a suspected cyberattack.")).isNotEmpty().allMatch(ConceptMatch::cued);
        assertThat(breachSide("de", "Kein Terrorangriff, keine außerirdischen Cyberhacker legten die Server lahm."))
                .isNotEmpty().allMatch(ConceptMatch::cued);
    }

    @Test
    void negationScopeEndsAtPunctuationAndAfterAFewWords() {
        // "nicht" governs "wiederherstellen", not the theft after the comma
        assertThat(breachSide("de", "Die Firma konnte nicht alle Systeme wiederherstellen, Hacker haben Kundendaten gestohlen."))
                .isNotEmpty().noneMatch(ConceptMatch::cued);
    }

    @Test
    void cueWordsAreNotReturnedAndOffsetsPointIntoTheField() {
        String title = "AWS outage";
        String body = "No hackers were involved in the us-east-1 outage.";
        List<ConceptMatch> matches = matcher.find(title, body, "en");
        assertThat(matches).noneMatch(m -> m.concept().isCue());
        for (ConceptMatch m : matches) {
            String text = m.field().equals("title") ? title : body;
            assertThat(text.substring(m.start(), m.end())).isEqualTo(m.text());
        }
    }

    @Test
    void newLexiconsMatch() {
        assertThat(matcher.find("", "Un guasto ai servizi cloud di Microsoft Azure.", "it"))
                .extracting(m -> m.concept().id()).contains("outage.event", "cloud.generic", "cloud.provider");
        assertThat(matcher.find("", "Vazamento de dados expõe senhas de clientes.", "pt"))
                .extracting(m -> m.concept().id()).contains("breach.event", "breach.data");
        assertThat(matcher.find("", "Akcje spółki wzrosły o 5 proc. na GPW.", "pl"))
                .extracting(m -> m.concept().id()).contains("market.term", "price.move");
    }

    private static List<ConceptMatch> breachSide(String language, String body) {
        return matcher.find("", body, language).stream().filter(m -> m.concept().isBreachSide()).toList();
    }
}
