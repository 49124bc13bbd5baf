package io.newsroute.classify.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.newsroute.schema.BreachFacts;
import io.newsroute.schema.Entity;
import io.newsroute.schema.Labels;
import io.newsroute.schema.StockFacts;

/**
 * The listed companies of the gazetteer (European, US and Brazilian index constituents): a company whose name is also a
 * common word, an animal, a fruit, a place or a person ("Puma", "Continental", "Vinci", "Kruk") is found only where the
 * article names the company unambiguously, never in ordinary sentences; the ticker comes with the listed name. The
 * ordinary sentences are invented, in several languages. As elsewhere, the company is named as the article writes it in
 * full ("Next plc").
 */
class ListedCompaniesTest {
    private static final Set<String> ALL_LABELS = Set.of(Labels.CLOUD_OUTAGE, Labels.SECURITY_BREACH, Labels.STOCK_COMMENTARY);

    private static Gazetteer gazetteer;
    private static Extractor extractor;

    @BeforeAll
    static void create() {
        gazetteer = Gazetteer.loadDefault();
        extractor = Extractor.create(ExtractConfig.defaults(), NerTagger.NONE);
    }

    private static List<String> listedCompanies(List<Entity> entities) {
        return entities.stream().map(Entity::getNormalized)
                .filter(id -> gazetteer.byId(id).map(e -> e.type().equals("company")).orElse(false)).toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Puma Sightings Rise in the Foothills | A puma was seen near the hiking trail on Sunday. Rangers say the puma posed no danger.
            en | Continental Breakfast Now Included | The hotel serves a continental breakfast. Continental cuisine is popular with guests.
            en | Next Steps for the Council | Next week the council votes. She peeled an orange and offered sage advice to the new members.
            de | Ein Puma im Tierpark | Im Tierpark lebt ein Puma. Der Fuchs schlich über die Wiese, am Henkel der Tasche hing ein Anhänger.
            de | Safran aus Salzgitter | Sie streute Safran in den Reis. Die Stadt Salzgitter plant ein neues Bad, Rational denkende Menschen sind dafür.
            fr | Un puma s'échappe du zoo | Un puma s'est échappé du zoo. Il a mangé une orange. Le petit-déjeuner continental est inclus.
            fr | Léonard de Vinci au musée | Léonard de Vinci a peint la Joconde. Le safran est une épice chère.
            es | Un puma en la sierra | Un puma fue avistado en la sierra. El desayuno continental está incluido. El barco zarpó al alba.
            it | Un puma fugge dallo zoo | Un puma è fuggito dallo zoo. Gli Stati Generali dell'economia si sono aperti a Roma.
            pt | Puma é visto em parque | Um puma foi visto no parque. O café da manhã continental está incluído.
            nl | Puma gespot in dierentuin | Een puma ontsnapte uit de dierentuin. Het ontbijt was continentaal.
            pl | Kruk na gałęzi | Kruk siedział na gałęzi. Diagnostyka laboratoryjna jest kosztowna.
            """)
    void aCommonWordInOrdinaryTextIsNoCompany(String language, String title, String body) {
        Extraction extraction = extractor.extract(title, body, language, ALL_LABELS);
        StockFacts stock = extraction.facts().getStock();
        BreachFacts breach = extraction.facts().getBreach();

        assertThat(listedCompanies(extraction.entities())).isEmpty();
        assertThat(stock.getTicker()).as("no ticker without a listed company").isNull();
        assertThat(stock.getExchange()).isNotIn("XETRA", "EURONEXT-PARIS", "BME", "BORSA-ITALIANA", "GPW", "LSE", "NYSE");
        assertThat(breach.getVictim()).isNotIn("Puma", "Continental", "Vinci", "Kruk", "Generali", "Fuchs", "Henkel", "Safran",
                "Salzgitter", "Rational", "Next", "Sage", "Diagnostyka", "Barco");
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            de | Continental-Aktie bricht ein | Continental hat die Prognose gesenkt. Die Aktie des Autozulieferers fiel um 5,2 Prozent auf 61,10 Euro. | Continental | CON
            de | Puma-Aktie springt an | Puma hat mehr Schuhe verkauft als erwartet. Die Puma-Aktie stieg um 7,4 Prozent auf 23,50 Euro. | Puma | PUM
            en | Next plc shares climb after upgrade | Next raised its profit forecast for the year. Shares in the retailer rose 4.3% to 9,850p. | Next plc | NXT
            fr | Vinci grimpe en Bourse | L'action Vinci a gagné 2,1 % à 108 euros. Vinci a relevé ses objectifs annuels. | Vinci | DG
            it | Generali in rialzo a Piazza Affari | Il titolo Generali ha guadagnato il 2,3% a 33 euro. Generali ha alzato la guidance. | Generali | G
            pl | Kurs Kruka w górę | Akcje spółki KRUK wzrosły o 3,1 proc. do 420 zł. Grupa Kruk podała wyniki. | Kruk | KRU
            es | Acciona Energía sube en Bolsa | Las acciones de Acciona Energía subieron un 3,4% hasta 18,20 euros. | Acciona Energía | ANE
            nl | PostNL-aandeel daalt | Het aandeel PostNL daalde woensdag 6,1 procent tot 1,02 euro. | PostNL | PNL
            pt | Ações da Suzano sobem | As ações da Suzano S.A. subiram 2,2% na B3. | Suzano | SUZB3
            """)
    void aListedCompanyNamedUnambiguouslyGetsItsTicker(String language, String title, String body, String company, String ticker) {
        StockFacts facts = extractor.extract(title, body, language, Set.of(Labels.STOCK_COMMENTARY)).facts().getStock();

        assertThat(facts.getCompany()).isEqualTo(company);
        assertThat(facts.getTicker()).isEqualTo(ticker);
    }

    @Test
    void aCommonWordNameCountsEverywhereOnceTheArticleNamesTheCompany() {
        List<List<Gazetteer.Hit>> hits = gazetteer.findAll(List.of("Puma im Aufwind", "Die Puma-Aktie stieg. Puma verkaufte mehr."));

        assertThat(hits.get(0)).extracting(Gazetteer.Hit::text).containsExactly("Puma");
        assertThat(hits.get(1)).extracting(Gazetteer.Hit::text).containsExactly("Puma-Aktie", "Puma");
        assertThat(gazetteer.findAll(List.of("Puma im Aufwind", "Ein Puma streift durch den Wald.")))
                .allSatisfy(list -> assertThat(list).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            en | GSK had a strong session on Thursday. Its shares rose 3.2% to 1,540p. Haleon, the consumer health business spun off from GSK, fell 1.1%. | GSK | 3.2
            de | Siemens war am Donnerstag gefragt. Die Aktie stieg um 2,4 Prozent auf 180 Euro. Siemens Healthineers, die Medizintechniktochter von Siemens, verlor 1,1 Prozent. | Siemens | 2.4
            fr | Belle séance pour Solvay mardi. Le titre a progressé de 3,5 % à 30,20 euros. Syensqo, la société issue de la scission de Solvay, a cédé 0,9 %. | Solvay | 3.5
            """)
    void aCompanyInAnAppositionToAnotherIsNotThatOnesMove(String language, String body, String company, double change) {
        StockFacts facts = extractor.extract("Börse / Stock market / Bourse", body, language, Set.of(Labels.STOCK_COMMENTARY))
                .facts().getStock();

        assertThat(facts.getCompany()).isEqualTo(company);
        assertThat(facts.getChangePercent()).isEqualTo(change);
    }
}
