package io.newsroute.classify.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.newsroute.schema.BreachFacts;
import io.newsroute.schema.OutageFacts;
import io.newsroute.schema.StockFacts;

/**
 * Victim, share move and outage cause in every supported language, without NER (as for Dutch, Italian,
 * Portuguese and Polish, which have no CoreNLP model): bodies no gazetteer lists, found by institution
 * names and victim positions; the share's own move next to a revenue growth and an index move; a cause
 * stated as the cause next to a denied one. The organisations are invented, so no list can know them.
 */
class FactRulesLanguagesTest {
    private static Extractor extractor;

    @BeforeAll
    static void create() {
        extractor = Extractor.create(ExtractConfig.defaults(), NerTagger.NONE);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Hackers hit Harbourside City Council | Harbourside City Council said on Monday that attackers stole residents' personal data. The police are investigating. | Harbourside City Council
            de | Cyberangriff auf Klinikum Nordstadt | Das Klinikum Nordstadt ist Opfer eines Hackerangriffs geworden. Die Polizei ermittelt, das Landeskriminalamt ist eingeschaltet. | Klinikum Nordstadt
            nl | Hackers stelen gegevens bij Gemeente Westerveld | De Gemeente Westerveld is getroffen door een cyberaanval. De politie onderzoekt de zaak. | Gemeente Westerveld
            fr | Cyberattaque contre l'Hôpital Saint-Luc | L'Hôpital Saint-Luc a été victime d'un rançongiciel. La CNIL a été prévenue. | Hôpital Saint-Luc
            es | Ciberataque al Hospital Santa Lucía | El Hospital Santa Lucía sufrió un ataque de ransomware, informó la Policía Nacional. | Hospital Santa Lucía
            it | Attacco hacker all'Ospedale San Carlo | L'Ospedale San Carlo è stato colpito da un attacco ransomware. Indaga la Polizia postale. | Ospedale San Carlo
            pt | Ataque hacker contra a Prefeitura de Lagoa Azul | A Prefeitura de Lagoa Azul foi alvo de um ataque de ransomware, informou a Polícia Federal. | Prefeitura de Lagoa Azul
            pl | Atak hakerski na Urząd Miasta Kalisz | Urząd Miasta Kalisz padł ofiarą ataku ransomware. Sprawę bada policja. | Urząd Miasta Kalisz
            """)
    void victimIsTheBodyTheAttackHitNotTheOneInvestigating(String language, String title, String body, String victim) {
        BreachFacts breach = extractor.extract(title, body, language, Set.of("security-breach")).facts().getBreach();

        assertThat(breach.getVictim()).isEqualTo(victim);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Acme Robotics shares slide | Acme Robotics said revenue rose 12% in the quarter. Acme Robotics shares fell 4.5% to $31.20, while the S&P 500 rose 0.8%.
            de | Acme-Aktie bricht ein | Der Umsatz von Acme stieg um 12 Prozent. Die Acme-Aktie verlor am Mittwoch 4,5 Prozent auf 31,20 Euro, während der DAX 0,8 Prozent höher schloss.
            nl | Aandeel Acme keldert | De omzet van Acme steeg met 12 procent. Het aandeel Acme daalde woensdag 4,5 procent tot 31,20 euro, terwijl de AEX 0,8 procent hoger sloot.
            fr | L'action Acme chute | Le chiffre d'affaires d'Acme a progressé de 12 %. L'action Acme a cédé 4,5 % à 31,20 euros mercredi, alors que le CAC 40 gagnait 0,8 %.
            es | Las acciones de Acme caen | Las ventas de Acme subieron un 12%. Las acciones de Acme cayeron un 4,5% hasta 31,20 euros, mientras el Ibex 35 subió un 0,8%.
            it | Acme in calo a Piazza Affari | I ricavi di Acme sono saliti del 12%. Il titolo Acme ha perso il 4,5% a 31,20 euro, mentre il Ftse Mib è salito dello 0,8%.
            pt | Ações da Acme caem | A receita da Acme subiu 12%. As ações da Acme caíram 4,5% para R$ 31,20, enquanto o Ibovespa subiu 0,8%.
            pl | Akcje Acme tracą | Przychody Acme wzrosły o 12 proc. Akcje Acme spadły o 4,5 proc. do 31,20 zł, podczas gdy WIG20 zyskał 0,8 proc.
            """)
    void changePercentIsTheSharesMoveNotRevenueGrowthNorTheIndex(String language, String title, String body) {
        StockFacts stock = extractor.extract(title, body, language, Set.of("stock-commentary")).facts().getStock();

        assertThat(stock.getChangePercent()).isEqualTo(-4.5);
        assertThat(stock.getDirection()).isEqualTo("down");
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Outage at Nimbus Hosting | There was no sign of a cyberattack, the company said. A faulty configuration change caused the outage. | configuration
            en | Nimbus Hosting down for hours | Customers could not reach their sites for hours. In a separate case last month, hackers stole data from a rival. | -
            de | Störung bei Nimbus Hosting | Ein Hackerangriff war es nicht. Ursache war ein Stromausfall im Rechenzentrum. | power
            nl | Storing bij Nimbus Hosting | Van een cyberaanval was geen sprake. De storing werd veroorzaakt door een stroomstoring in het datacenter. | power
            fr | Panne chez Nimbus Hébergement | Il ne s'agit pas d'une cyberattaque. La panne est due à une erreur de configuration. | configuration
            it | Disservizio per Nimbus Hosting | Non si è trattato di un attacco informatico. Il disservizio è stato causato da un errore di configurazione. | configuration
            """)
    void causeIsTheOneStatedAsTheCauseNeverADenialOrASideStory(String language, String title, String body, String cause) {
        OutageFacts outage = extractor.extract(title, body, language, Set.of("cloud-outage")).facts().getOutage();

        assertThat(outage.getCause()).isEqualTo("-".equals(cause) ? null : cause);
    }
}
