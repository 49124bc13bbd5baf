package io.newsroute.classify.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The breach victim by rule kind, without NER (as for Dutch, Italian, Portuguese and Polish): where a victim stands,
 * institution names, the written form of a name, and the bodies that are never the victim. Every organisation here is
 * invented, so no list knows it and only the rule can find it.
 */
class VictimRulesTest {
    private static Extractor extractor;

    @BeforeAll
    static void create() {
        extractor = Extractor.create(ExtractConfig.defaults(), NerTagger.NONE);
    }

    private static String victim(String language, String title, String body) {
        return extractor.extract(title, body, language, Set.of("security-breach")).facts().getBreach().getVictim();
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Customer data stolen in cyber-attack | Hackers broke into Quillmore's systems last week and copied customer records, the retailer said. | Quillmore
            en | Retailer offline after ransomware | Zentoria was hit by ransomware on Sunday, and its shops took cash only. | Zentoria
            en | Payroll data stolen | Hackers broke into the systems of Corbel Freight and copied payroll files, a spokesperson said. | Corbel Freight
            es | Roban datos de pacientes | Los atacantes accedieron a los servidores de Clínica Marverde y robaron historiales médicos. | Clínica Marverde
            en | Experts warn after data theft | A ransomware attack on Ravensmoor disrupted payroll for days. Experts said such attacks are common. | Ravensmoor
            de | Daten von Tausenden Kunden gestohlen | Der Versandhändler meldete am Montag den Vorfall. Brunnwald ist Opfer eines Hackerangriffs geworden. | Brunnwald
            nl | Klantgegevens buitgemaakt | Bij een cyberaanval op Veldhoven Logistiek zijn adressen van klanten gestolen. | Veldhoven Logistiek
            fr | Les données des clients dérobées | Quelques jours plus tard, Maréval a été victime d'un rançongiciel qui a chiffré ses serveurs. | Maréval
            es | Robo de datos de clientes | La distribuidora confirmó el incidente. Tornavista sufrió un ciberataque el pasado fin de semana. | Tornavista
            it | Furto di dati dei clienti | Secondo l'azienda, Lunaforte è stata colpita da un attacco informatico nella notte. | Lunaforte
            pt | Dados de clientes expostos | Segundo a empresa, a Ventoclaro foi alvo de um ataque informático na semana passada. | Ventoclaro
            pl | Dane klientów wykradzione | Firma Żurawiec padła ofiarą ataku ransomware w weekend. | Żurawiec
            """)
    void aNameNoListKnowsWhereAVictimStands(String language, String title, String body, String expected) {
        assertThat(victim(language, title, body)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Ransomware attack on Eastbrook County | Eastbrook County said its systems were encrypted. | Eastbrook County
            en | Hackers leak files of Millbrook Public Library | The Millbrook Public Library confirmed that member records were stolen. | Millbrook Public Library
            de | Cyberangriff auf die Stadtverwaltung Kleinsiedel | Die Stadtverwaltung Kleinsiedel ist seit Montag offline, Bürgerbüros bleiben geschlossen. | Stadtverwaltung Kleinsiedel
            de | Hackerangriff legt Landratsamt Oberhain lahm | Das Landratsamt Oberhain kann keine Kfz-Zulassungen bearbeiten. | Landratsamt Oberhain
            nl | Ransomware-aanval op gemeente Dorpsveen | De gemeente Dorpsveen is getroffen door een ransomware-aanval. | gemeente Dorpsveen
            fr | Cyberattaque : le centre hospitalier régional de Valmont paralysé | Le Centre hospitalier régional de Valmont fonctionne en mode dégradé après une attaque par rançongiciel. | Centre hospitalier régional de Valmont
            es | El Ayuntamiento de Villarrubio sufre un ciberataque | El Ayuntamiento de Villarrubio ha confirmado el ataque de ransomware. | Ayuntamiento de Villarrubio
            it | Attacco hacker all'Azienda sanitaria locale di Roccalta | L'Azienda sanitaria locale di Roccalta è stata colpita da un ransomware. | Azienda sanitaria locale di Roccalta
            pt | Câmara Municipal de Serra Alta alvo de ciberataque | A Câmara Municipal de Serra Alta foi alvo de um ataque de ransomware. | Câmara Municipal de Serra Alta
            pl | Atak ransomware na Urząd Gminy Brzozowo | Urząd Gminy Brzozowo padł ofiarą ataku, systemy nie działają. | Urząd Gminy Brzozowo
            """)
    void anInstitutionWithItsHeadWord(String language, String title, String body, String expected) {
        assertThat(victim(language, title, body)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Velora confirms breach | Velora Technologies said hackers had stolen customer records. Velora said it informed regulators. | Velora Technologies
            pt | Orbitea confirma ataque | A Orbitea Air Lines confirmou que os dados de clientes foram divulgados. A Orbitea pediu desculpa. | Orbitea Air Lines
            pt | Dados de 8.000 munícipes de Pedra Branca expostos | Um servidor mal configurado da Câmara Municipal de Pedra Branca deixou os dados expostos. | Câmara Municipal de Pedra Branca
            pl | Hakerzy zaatakowali stronę Urzędu Miasta Borkowo. Serwis nie działał | Urząd Miasta Borkowo padł ofiarą ataku DDoS. | Urząd Miasta Borkowo
            it | Attacco ransomware alla Asl 3 Valdora | È emergenza alla Asl 3 Valdora, colpita da un attacco ransomware. | Asl 3 Valdora
            en | Ransomware hits Kestrel Games | Kestrel Games said the attack disrupted work. Kestrel, now part of Trivium Kestrel Holdings, apologised. | Kestrel Games
            """)
    void theNameAsTheArticleWritesItInFull(String language, String title, String body, String expected) {
        assertThat(victim(language, title, body)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Capstone shares fall after data theft | Shares in outsourcing group Capstone fell 3% after the company said hackers stole data. Researchers said the Nightfang gang offered the files for sale. | Capstone
            it | Attacco ransomware al Comune di Pietralta | Il gruppo criminale Lupara ha rivendicato l'attacco contro il Comune di Pietralta. | Comune di Pietralta
            es | Ciberataque contra Hidrolux | El grupo de ciberdelincuentes Marabunta reivindicó el ataque. Hidrolux sufrió el robo de datos de clientes. | Hidrolux
            nl | Medewerkers Zorgpunt verkochten gegevens | Callcentermedewerkers van Zorgpunt boden persoonsgegevens te koop aan op Telegram. Twee medewerkers zijn aangehouden. | Zorgpunt
            pt | Chaves esquecidas no GitHub abrem base de dados a piratas | A startup Entregalá confirmou que piratas acederam à base de dados dos estafetas. | Entregalá
            en | Battlegrid knocked offline by DDoS attack | Players could not log in as Stormforge's Battlegrid service was hit by a DDoS attack. Stormforge said it was mitigating the attack. | Stormforge
            """)
    void neitherAttackersNorPlatformsNorProductsAreTheVictim(String language, String title, String body, String expected) {
        assertThat(victim(language, title, body)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            en | School district hit by ransomware | Harlow Valley School District said the attack encrypted its servers. Security firm Redwatch Labs, which is helping the district, said the gang used a stolen password. | Harlow Valley School District
            en | Health authority confirms data breach | Northmere Health Authority was hit by a cyber-attack that exposed patient records, it said. The breach was first reported by TechPulse. | Northmere Health Authority
            en | Hackers exploit file transfer flaw | Hackers exploited a flaw in software made by Corvex to steal data from Pelham Insurance. Pelham Insurance said 40,000 customers were affected. | Pelham Insurance
            de | Hackerangriff auf Kreisverwaltung Talheim | Die Kreisverwaltung Talheim ist nach einem Cyberangriff offline. Das Landeskriminalamt ermittelt, das BSI unterstützt. | Kreisverwaltung Talheim
            fr | La bibliothèque municipale de Clairval victime d'une cyberattaque | La Bibliothèque municipale de Clairval a été victime d'un rançongiciel. La CNIL a été notifiée. | Bibliothèque municipale de Clairval
            es | Ciberataque contra la Universidad de Montealto | La Universidad de Montealto sufrió un ataque de ransomware que obligó a suspender las clases. La Policía Nacional investiga. | Universidad de Montealto
            nl | Ziekenhuis Rivierland getroffen door ransomware | Ziekenhuis Rivierland is getroffen door een ransomware-aanval. Het NCSC en de politie onderzoeken de zaak. | Ziekenhuis Rivierland
            en | Water utility Fenmoor confirms cyber-attack | Fenmoor Water said a cyber-attack had disrupted its IT network. The National Cyber Security Centre said it was working with the company. | Fenmoor Water
            de | Daten von 80.000 Versicherten gestohlen | Unbekannte haben bei der Krankenkasse Elbtal Daten von Versicherten erbeutet. Sie nutzten eine Lücke in der Software des Herstellers Datavolt, teilte die Krankenkasse Elbtal mit. | Krankenkasse Elbtal
            pl | Wyciek danych ze Szpitala Miejskiego w Grodkowie | Szpital Miejski w Grodkowie padł ofiarą ataku hakerskiego. Sprawę zgłoszono do UODO i na policję. | Szpital Miejski w Grodkowie
            """)
    void investigatorsHelpersVendorsAndReportersAreNotTheVictim(String language, String title, String body, String expected) {
        assertThat(victim(language, title, body)).isEqualTo(expected);
    }
}
