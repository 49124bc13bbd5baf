package io.newsroute.classify.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The genre cues (advice, product news, survey reports) are matched in every language with a
 * lexicon, on sentences written for this test, and stay out of a plain breach report.
 */
class GenreConceptsTest {
    private static ConceptMatcher matcher;

    @BeforeAll
    static void load() {
        matcher = ConceptMatcher.load(List.of("de", "nl", "en", "fr", "es", "it", "pt", "pl"));
    }

    /** language, advice sentence, product sentence, report sentence, breach sentence (no genre cue). */
    static Stream<Arguments> sentences() {
        return Stream.of(
                Arguments.of("de",
                        "Phishing-Welle: So schützen Sie sich, und ändern Sie Ihr Passwort sofort.",
                        "Das Start-up stellt neue Sicherheitssoftware vor, ab sofort verfügbar.",
                        "Laut einer Umfrage des Branchenverbands wurden 2024 viele Firmen angegriffen.",
                        "Hacker haben bei dem Versandhändler Kundendaten gestohlen."),
                Arguments.of("nl",
                        "Zo beschermt u zich tegen phishing: klik niet op links in onverwachte mails.",
                        "Het bedrijf lanceert een wachtwoorddienst, per direct beschikbaar voor klanten.",
                        "Uit onderzoek blijkt dat het aantal ransomware-aanvallen stijgt.",
                        "Hackers hebben bij de webwinkel klantgegevens gestolen."),
                Arguments.of("en",
                        "How to protect your accounts: change your password and enable two-factor login.",
                        "The firm unveiled a ransomware detection tool, now available to business customers.",
                        "According to a survey of IT managers, phishing remains the most common attack.",
                        "Hackers stole customer data from the retailer's servers."),
                Arguments.of("fr",
                        "Nos conseils contre le phishing : ne cliquez pas sur les liens suspects.",
                        "L'éditeur dévoile une nouvelle version de son antivirus, disponible dès lundi.",
                        "Selon une étude publiée mardi, les rançongiciels visent surtout les hôpitaux.",
                        "Des pirates ont volé les données clients du distributeur."),
                Arguments.of("es",
                        "Consejos para evitar el phishing: desconfía de los mensajes urgentes.",
                        "La empresa presenta su nuevo servicio de copias de seguridad, ya disponible en España.",
                        "Una encuesta entre directivos revela que el ransomware sigue creciendo.",
                        "Los piratas robaron datos de clientes del minorista."),
                Arguments.of("it",
                        "Come proteggersi dal phishing: non cliccate sui link ricevuti via SMS.",
                        "La società lancia un nuovo antivirus, già disponibile per le aziende.",
                        "Secondo uno studio dell'osservatorio, gli attacchi ransomware sono in aumento.",
                        "Gli hacker hanno rubato i dati dei clienti del rivenditore."),
                Arguments.of("pt",
                        "Dicas contra o phishing: desconfie de mensagens que pedem dados bancários.",
                        "A empresa apresenta nova solução de backup, já disponível no Brasil.",
                        "Segundo uma pesquisa com gestores, o ransomware continua a crescer.",
                        "Hackers roubaram dados de clientes do varejista."),
                Arguments.of("pl",
                        "Jak się chronić przed phishingiem: nie klikaj w linki z nieznanych wiadomości.",
                        "Firma zaprezentowała nową wersję programu antywirusowego. Program jest już dostępny w sklepach.",
                        "Z badania wynika, że ataków ransomware jest coraz więcej.",
                        "Hakerzy wykradli dane klientów sklepu internetowego."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sentences")
    void genreCuesMatchAndAPlainBreachReportHasNone(String language, String advice, String product, String report, String breach) {
        assertThat(concepts(advice, language)).as(advice).contains("genre.advice");
        assertThat(concepts(product, language)).as(product).contains("genre.product");
        assertThat(concepts(report, language)).as(report).contains("genre.report");
        assertThat(concepts(breach, language)).as(breach).noneMatch(id -> id.startsWith("genre."))
                .anyMatch(id -> id.startsWith("breach.") || id.startsWith("theft.") || id.startsWith("attack."));
    }

    /** A share of surveyed companies is a survey figure: the report pattern wins over price.move at the same number. */
    static Stream<Arguments> shares() {
        return Stream.of(
                Arguments.of("de", "Demnach wurden 61 Prozent der befragten Unternehmen angegriffen.", "61 Prozent der befragten Unternehmen"),
                Arguments.of("nl", "Vorig jaar werd 23 procent van de bedrijven getroffen.", "23 procent van de bedrijven"),
                Arguments.of("en", "Last year 43 per cent of businesses reported an attack.", "43 per cent of businesses"),
                Arguments.of("fr", "Au total, 38 % des entreprises ont subi une attaque.", "38 % des entreprises"),
                Arguments.of("es", "El 45 % de las empresas sufrió un ataque.", "45 % de las empresas"),
                Arguments.of("it", "Il 52 per cento delle aziende ha subito un attacco.", "52 per cento delle aziende"),
                Arguments.of("pt", "Cerca de 40% das empresas sofreram um ataque.", "40% das empresas"),
                Arguments.of("pl", "Aż 30 proc. firm padło ofiarą ataku.", "30 proc. firm"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shares")
    void aShareOfCompaniesIsAReportFigureNotAPriceMove(String language, String sentence, String expected) {
        assertThat(matcher.find("", sentence, language))
                .extracting(m -> m.text() + "=" + m.concept().id())
                .contains(expected + "=genre.report")
                .noneMatch(s -> s.endsWith("=price.move"));
    }

    private static List<String> concepts(String body, String language) {
        return matcher.find("", body, language).stream().map(m -> m.concept().id()).toList();
    }
}
