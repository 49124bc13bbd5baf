package io.newsroute.classify.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.newsroute.schema.OutageFacts;
import io.newsroute.schema.StockFacts;

/**
 * Outage providers and stock-piece companies that no list knows, in every language, without NER: a hosting business
 * named where a provider stands, a company named by its share words; and the share's exact move and bracketed ticker.
 * The companies are invented.
 */
class UnlistedOrganisationsTest {
    private static Extractor extractor;

    @BeforeAll
    static void create() {
        extractor = Extractor.create(ExtractConfig.defaults(), NerTagger.NONE);
    }

    private static OutageFacts outage(String language, String title, String body) {
        return extractor.extract(title, body, language, Set.of("cloud-outage")).facts().getOutage();
    }

    private static StockFacts stock(String language, String title, String body) {
        return extractor.extract(title, body, language, Set.of("stock-commentary")).facts().getStock();
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Outage leaves thousands of sites offline | Thousands of websites went dark on Monday after a power failure at a data centre of Cloudnest, the Dublin-based hosting provider. Cloudnest said service was restored after six hours. | Cloudnest
            de | Stundenlange Störung beim Hoster Webfabrik | Kunden des Hosters Webfabrik konnten am Dienstag keine E-Mails abrufen. Webfabrik nannte einen defekten Router als Ursache. | Webfabrik
            nl | Urenlange storing bij Serverhuis | Een storing in het netwerk van hostingbedrijf Serverhuis maakte duizenden websites onbereikbaar. Serverhuis vervangt de defecte switch. | Serverhuis
            fr | Panne géante chez l'hébergeur Nuagix | L'hébergeur Nuagix a subi une panne de plusieurs heures mardi. Des milliers de sites de ses clients étaient inaccessibles. | Nuagix
            es | Caída del proveedor de hosting Servidora Sur | El proveedor de hosting Servidora Sur sufrió una caída de cinco horas por un fallo eléctrico. | Servidora Sur
            it | Blackout nel data center di Nuvolaria | Un guasto elettrico nel data center di Nuvolaria ha bloccato siti e caselle di posta. Nuvolaria, uno dei maggiori fornitori di hosting del Nord, si è scusata. | Nuvolaria
            pt | Falha de energia na Hostinha tira sites do ar | Milhares de sites hospedados na Hostinha ficaram fora do ar. A Hostinha, provedora de hospedagem de Curitiba, prometeu compensar os clientes. | Hostinha
            pl | Awaria w serwerowni Chmurex | Strony klientów krakowskiego dostawcy hostingu Chmurex nie działały przez pięć godzin. Chmurex przeprasza klientów. | Chmurex
            """)
    void aHostingBusinessNoListKnowsIsTheProvider(String language, String title, String body, String provider) {
        assertThat(outage(language, title, body).getProvider()).isEqualTo(provider);
    }

    @Test
    void noProviderIsMadeUpWhereNoneIsNamed() {
        OutageFacts facts = outage("en", "Websites down across the region",
                "Many websites were unreachable for two hours on Tuesday. Engineers blamed a fibre cut near the town of Ashby.");

        assertThat(facts.getProvider()).isNull();
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Harrowgate Foods shares jump 9% on takeover talk | Shares of Harrowgate Foods rose 9.2% to 412p after the snack maker confirmed a takeover approach. The FTSE 250 was flat. | Harrowgate Foods
            de | Aktie von Brenntal Solar bricht ein | Die Aktie des Solarmodulherstellers Brenntal Solar verlor am Donnerstag 14 Prozent auf 8,40 Euro. Der SDAX gab 0,5 Prozent nach. | Brenntal Solar
            fr | Le titre Valmorel s'envole en Bourse | L'action Valmorel a bondi de 11 % à 23,40 euros à la Bourse de Paris. Le CAC 40 a gagné 0,2 %. | Valmorel
            es | Las acciones de Grupo Ribera se disparan | Las acciones de Grupo Ribera subieron un 8,1% hasta 12,30 euros. El Ibex 35 cedió un 0,3%. | Grupo Ribera
            it | Titolo Maresca in rialzo a Piazza Affari | Il titolo Maresca ha guadagnato il 6,4% a 3,12 euro. Il Ftse Mib ha chiuso in calo dello 0,4%. | Maresca
            pt | Ações da Vitalis disparam na B3 | As ações da Vitalis subiram 7,5% para R$ 18,40. O Ibovespa recuou 0,2%. | Vitalis
            nl | Aandeel Dijkstra Groep zakt weg | Het aandeel Dijkstra Groep daalde woensdag 12,3 procent tot 14,20 euro. De AMX sloot 0,4 procent lager. | Dijkstra Groep
            pl | Kurs Mostostalu w dół | Akcje spółki Mostostal Wiślany spadły o 9,1 proc. do 4,20 zł. WIG20 zyskał 0,3 proc. | Mostostal Wiślany
            """)
    void theCompanyIsTheOneTheShareWordsName(String language, String title, String body, String company) {
        assertThat(stock(language, title, body).getCompany()).isEqualTo(company);
    }

    @Test
    void aListedCompanyIsNamedAsTheArticleWritesItInFull() {
        StockFacts facts = stock("en", "Akamai shares slip after outage",
                "Shares of Akamai Technologies fell 3.1% on Thursday. Akamai said a configuration change caused the problem.");

        assertThat(facts.getCompany()).isEqualTo("Akamai Technologies");
        assertThat(facts.getTicker()).as("the listing still comes from the gazetteer").isEqualTo("AKAM");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            fr | Valmorel s'envole de 12 % | L'action Valmorel a bondi de 12,4 % à 9,62 euros, tandis que le CAC 40 grappillait 0,3 %. | 12.4
            nl | Dijkstra Groep schiet 11 procent omhoog | Het aandeel Dijkstra Groep steeg 11,2 procent naar 14,20 euro. De AEX steeg 0,5 procent. | 11.2
            en | Harrowgate Foods up 9% | Harrowgate Foods shares rose 9% to 412p, while the FTSE 250 added 0.4%. | 9.0
            """)
    void theHeadlinesRoundedMoveTakesTheBodysExactFigure(String language, String title, String body, double change) {
        assertThat(stock(language, title, body).getChangePercent()).isEqualTo(change);
    }

    @Test
    void aTickerInBracketsAfterAShareWord() {
        StockFacts facts = stock("pt", "Pane na Hostinha derruba ações",
                "A Hostinha ficou fora do ar. Na B3, as ações da empresa (HOST3) recuaram 2,9%, cotadas a R$ 5,12, enquanto o Ibovespa subiu 0,7% (EUR).");

        assertThat(facts.getTicker()).isEqualTo("HOST3");
    }
}
