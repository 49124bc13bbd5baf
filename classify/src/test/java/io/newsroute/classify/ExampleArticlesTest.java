package io.newsroute.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Label;

/**
 * Short realistic articles written for this test (not the seeds), per language, covering each
 * label and the hard negatives the label definitions exclude: a power cut, an airline's own IT
 * glitch, a bug-bounty programme, results without share-price talk, a bitcoin price, a cloud price
 * cut, an attack that was ruled out.
 */
class ExampleArticlesTest {

    static Stream<Arguments> articles() {
        return Stream.of(
            Arguments.of("en-aws-outage", "en", "cloud-outage",
                "AWS outage in us-east-1 knocks Slack, Venmo and Snapchat offline",
                "Amazon Web Services suffered a major outage on Monday morning in its US-EAST-1 region, knocking popular "
                    + "apps such as Slack, Venmo and Snapchat offline for several hours. The company said increased error "
                    + "rates for DynamoDB caused a cascading failure across other services. By the afternoon most services "
                    + "had recovered, AWS said on its status page."),
            Arguments.of("en-power-cut", "en", "-",
                "Storm leaves 200,000 homes without power",
                "A winter storm caused widespread power outages across the north-east on Tuesday, leaving more than "
                    + "200,000 homes and businesses without electricity. The utility said crews were working to restore "
                    + "power, but some customers could be in the dark until the weekend. Schools and traffic lights were "
                    + "also affected by the blackout."),
            Arguments.of("en-airline-glitch", "en", "-",
                "Airline grounds flights after IT glitch",
                "A major US airline grounded all departures for two hours on Thursday after a glitch in its internal "
                    + "reservation system. The carrier said the outage was caused by a faulty software update to its own "
                    + "crew-scheduling system, not by a cyberattack. Thousands of passengers were stranded at airports as "
                    + "check-in systems were down."),
            Arguments.of("en-retail-breach", "en", "security-breach",
                "Retailer says hackers stole millions of customer records",
                "A large online retailer said on Friday that hackers had stolen the personal data of about 7 million "
                    + "customers, including names, email addresses and encrypted passwords. The company discovered the "
                    + "breach last week and has notified the authorities. Customers are advised to change their passwords."),
            Arguments.of("en-bug-bounty", "en", "-",
                "Tech giant expands bug bounty programme",
                "The company said it will now pay ethical hackers up to $250,000 for reporting critical vulnerabilities "
                    + "in its cloud platform. The bug bounty programme, launched in 2019, has so far paid out $12 million "
                    + "to security researchers around the world. No customer data was affected by any of the reported flaws."),
            Arguments.of("en-nvidia-shares", "en", "stock-commentary",
                "Nvidia shares jump 8% after analysts raise price targets",
                "Shares of Nvidia rose 8.2% to $135.40 in early trading on Wednesday after several analysts raised their "
                    + "price targets. Morgan Stanley reiterated its overweight rating, saying demand for data-centre chips "
                    + "remains strong. The stock has gained 150% this year, making it one of the best performers on the Nasdaq."),
            Arguments.of("en-results-only", "en", "-",
                "Software maker reports record quarterly revenue",
                "The software maker reported revenue of $4.2 billion for the third quarter, up 12% from a year earlier, "
                    + "and net income of $900 million. Growth was driven by its cloud subscriptions, the company said. "
                    + "It raised its guidance for the full fiscal year."),
            Arguments.of("en-cloud-price-cut", "en", "-",
                "Google Cloud cuts storage prices",
                "Google Cloud said on Tuesday it will cut prices for its Cloud Storage archive tier by up to 40%, in a bid "
                    + "to win customers from AWS and Microsoft Azure. The new prices take effect next month."),
            Arguments.of("en-attack-ruled-out", "en", "cloud-outage",
                "Cloudflare outage took down thousands of websites",
                "Cloudflare said a configuration error, not a cyberattack, was behind Tuesday's outage that took down "
                    + "thousands of websites. The company initially suspected a large DDoS attack but later ruled it out. "
                    + "Services were restored within three hours."),
            Arguments.of("de-bitcoin", "de", "-",
                "Bitcoin steigt über 100.000 Dollar",
                "Die Kryptowährung Bitcoin ist am Donnerstag erstmals über die Marke von 100.000 Dollar gestiegen. Seit "
                    + "Jahresbeginn hat der Bitcoin-Kurs damit um mehr als 120 Prozent zugelegt. Anleger setzen auf eine "
                    + "kryptofreundliche Regulierung in den USA."),
            Arguments.of("de-shop-breach", "de", "security-breach",
                "Hackerangriff auf Versandhändler: Kundendaten im Darknet",
                "Unbekannte haben bei einem Hackerangriff auf einen großen Versandhändler die Daten von rund zwei "
                    + "Millionen Kunden erbeutet. Darunter seien Namen, Adressen und Kreditkartendaten, teilte das "
                    + "Unternehmen mit. Die gestohlenen Datensätze werden inzwischen im Darknet zum Verkauf angeboten."),
            Arguments.of("de-power-cut", "de", "-",
                "Stromausfall in Berlin-Köpenick",
                "Nach einem Brand an einer Kabelbrücke sind im Berliner Südosten rund 45.000 Haushalte ohne Strom. Der "
                    + "Netzbetreiber rechnet damit, dass der Stromausfall bis Donnerstag andauert. Auch Ampeln und "
                    + "Mobilfunkmasten fielen aus, Supermärkte blieben geschlossen."),
            Arguments.of("fr-ovh-outage", "fr", "cloud-outage",
                "Panne géante chez OVHcloud",
                "Une panne a rendu inaccessibles des milliers de sites web hébergés par OVHcloud mardi matin. "
                    + "L'hébergeur roubaisien évoque un incident réseau dans son centre de données de Gravelines. Le "
                    + "service a été rétabli en fin de matinée, selon l'entreprise."),
            Arguments.of("fr-atos-shares", "fr", "stock-commentary",
                "L'action Atos s'effondre de 20 % à la Bourse de Paris",
                "Le titre Atos a chuté de 20 % en séance mardi à la Bourse de Paris, après l'annonce d'une nouvelle "
                    + "révision de ses prévisions. Les investisseurs s'inquiètent du niveau d'endettement du groupe. "
                    + "Plusieurs analystes ont abaissé leur objectif de cours."),
            Arguments.of("es-insurer-breach", "es", "security-breach",
                "Roban los datos de millones de clientes de una aseguradora",
                "Un grupo de ciberdelincuentes robó los datos personales de más de tres millones de clientes de una "
                    + "aseguradora española, según confirmó la compañía. Entre la información sustraída figuran nombres, "
                    + "direcciones, números de teléfono y datos bancarios. La empresa ha denunciado el ciberataque ante la policía."),
            Arguments.of("es-blackout", "es", "-",
                "Apagón masivo deja sin luz a toda la península",
                "Un apagón eléctrico dejó sin luz a millones de personas en España y Portugal el lunes. Red Eléctrica "
                    + "descartó que se tratara de un ciberataque y atribuyó la caída del suministro a una oscilación en "
                    + "la red. Trenes, semáforos y comercios se vieron afectados durante horas."),
            Arguments.of("nl-m365-outage", "nl", "cloud-outage",
                "Storing bij Microsoft 365 treft Outlook en Teams",
                "Door een storing bij Microsoft 365 konden gebruikers in heel Europa dinsdagochtend hun e-mail in "
                    + "Outlook niet openen. Ook Microsoft Teams was urenlang slecht bereikbaar. Microsoft meldt dat een "
                    + "foutieve configuratiewijziging in Azure de oorzaak was."),
            Arguments.of("nl-results-only", "nl", "-",
                "Philips boekt hogere omzet",
                "Philips heeft in het derde kwartaal een omzet van 4,4 miljard euro geboekt, een stijging van 2 procent. "
                    + "De nettowinst kwam uit op 220 miljoen euro. Het bedrijf verwacht voor het hele jaar een lichte groei."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("articles")
    void labelsAndLanguage(String id, String language, String expectedLabels, String title, String body) {
        EnrichedArticle enriched = TestPipelines.shared()
                .process(TestPipelines.article(id, title, body), Instant.parse("2024-05-01T12:00:00Z"));

        List<String> expected = expectedLabels.equals("-") ? List.of() : Arrays.asList(expectedLabels.split(","));
        assertThat(enriched.getLanguage().getCode()).as("language of %s", id).isEqualTo(language);
        assertThat(enriched.getLabels()).extracting(Label::getName)
                .as("labels of %s, scores %s", id, enriched.getScores())
                .containsExactlyInAnyOrderElementsOf(expected);
    }
}
