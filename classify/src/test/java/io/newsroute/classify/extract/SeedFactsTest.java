package io.newsroute.classify.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsroute.schema.BreachFacts;
import io.newsroute.schema.Evidence;
import io.newsroute.schema.OutageFacts;
import io.newsroute.schema.StockFacts;

/**
 * The five real seed articles (samples/seeds, labels from expected.tsv) yield the facts a reader finds.
 * Runs with the German NER model, as in production. Notes on the issue's examples: seeds 002 and 004
 * never name S3 (only "AWS"), and seed 000 states no records number ("Millionen Kundendaten"), so
 * neither is asserted.
 */
class SeedFactsTest {
    private static final Path SEEDS = Path.of("../samples/seeds");
    private static Extractor extractor;
    private static Map<String, Extraction> results;

    @BeforeAll
    static void extractSeeds() throws IOException {
        extractor = Extractor.create(new ExtractConfig(Map.of(ExtractConfig.NER_LANGUAGES, "de")));
        results = new java.util.HashMap<>();
        for (String line : Files.readAllLines(SEEDS.resolve("expected.tsv"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            Set<String> labels = "-".equals(f[2]) ? Set.of() : new LinkedHashSet<>(Arrays.asList(f[2].split(",")));
            String text = Files.readString(SEEDS.resolve(f[0]));
            results.put(f[0].substring(0, 3), extractor.extract("", text, f[1], labels));
        }
    }

    private static String body(String seed) throws IOException {
        try (var files = Files.list(SEEDS)) {
            Path p = files.filter(x -> x.getFileName().toString().startsWith(seed + "_")).findFirst().orElseThrow();
            return Files.readString(p);
        }
    }

    @Test
    void seed003AwsDnsDynamoDbSignalDuolingoAndAmazonShareUp17PercentAt19552Euro() throws IOException {
        Extraction x = results.get("003");
        OutageFacts outage = x.facts().getOutage();
        assertThat(outage.getProvider()).isEqualTo("aws");
        assertThat(outage.getServices()).contains("dynamodb");
        assertThat(outage.getCause()).isEqualTo("dns");
        assertThat(outage.getAffectedCustomers()).contains("Signal", "Duolingo");
        StockFacts stock = x.facts().getStock();
        assertThat(stock.getCompany()).isEqualTo("Amazon");
        assertThat(stock.getTicker()).isEqualTo("AMZN");
        assertThat(stock.getPrice()).isEqualTo(195.52);
        assertThat(stock.getCurrency()).isEqualTo("EUR");
        assertThat(stock.getChangePercent()).isEqualTo(1.7);
        assertThat(stock.getDirection()).isEqualTo("up");
        assertThat(x.facts().getBreach()).as("not labelled security-breach").isNull();
        assertEvidencePointsIntoText(outage.getEvidence(), body("003"));
        assertEvidencePointsIntoText(stock.getEvidence(), body("003"));
        assertThat(stock.getEvidence()).extracting(Evidence::getText).contains("195,52 Euro", "1,7 Prozent");
    }

    @Test
    void seed000AwsOutageAndSonyPlayStationNetworkBreachByHackers() {
        Extraction x = results.get("000");
        assertThat(x.facts().getOutage().getProvider()).isEqualTo("aws");
        assertThat(x.facts().getOutage().getAffectedCustomers()).contains("Foursquare", "Reddit");
        assertThat(x.facts().getOutage().getCause())
                .as("the hackers stole Sony's data; the AWS outage came from an unnamed error, Skynet is a joke").isNull();
        BreachFacts breach = x.facts().getBreach();
        assertThat(breach.getVictim()).isEqualTo("Sony");
        assertThat(breach.getAttackType()).isEqualTo("hack");
        assertThat(breach.getDataTypes()).contains("personal-data");
        assertThat(breach.getRecordsAffected()).as("the article says 'Millionen', no number").isNull();
        assertThat(x.entities()).extracting(e -> e.getNormalized()).contains("playstation-network", "sony", "aws");
    }

    @Test
    void seed001AffectedCustomersAndRegionButNoCyberattackCause() {
        OutageFacts outage = results.get("001").facts().getOutage();
        assertThat(outage.getProvider()).isEqualTo("aws");
        assertThat(outage.getRegions()).containsExactly("us-east-1");
        assertThat(outage.getAffectedCustomers())
                .contains("Netflix", "Disney+", "Slack", "Venmo", "Duolingo", "Robinhood", "Ticketmaster", "Roomba")
                .doesNotContain("Amazon", "AWS", "New York Times", "Downdetector");
        assertThat(outage.getCause()).as("users only suspected a Russian cyberattack").isNotEqualTo("cyberattack");
    }

    @Test
    void seed002MistypedCommandIsAConfigurationCauseOfAFourHourOutage() {
        OutageFacts outage = results.get("002").facts().getOutage();
        assertThat(outage.getProvider()).isEqualTo("aws");
        assertThat(outage.getCause()).as("'Kein Terrorangriff, keine Cyberhacker': ruled out").isEqualTo("configuration");
        assertThat(outage.getDurationMinutes()).isEqualTo(240L);
        assertThat(outage.getAffectedCustomers()).contains("Disney Store", "Nike");
    }

    @Test
    void seed004DutchAwsHumanErrorSlackBuzzfeedMediumAboutFourHours() {
        OutageFacts outage = results.get("004").facts().getOutage();
        assertThat(outage.getProvider()).isEqualTo("aws");
        assertThat(outage.getCause()).isEqualTo("configuration");
        assertThat(outage.getAffectedCustomers()).contains("Slack", "Buzzfeed", "Medium");
        assertThat(outage.getDurationMinutes()).isEqualTo(240L);
    }

    @Test
    void factsOnlyForTheLabelsGiven() {
        assertThat(results.get("001").facts().getBreach()).isNull();
        assertThat(results.get("001").facts().getStock()).isNull();
        assertThat(results.get("002").facts().getStock()).isNull();
    }

    static void assertEvidencePointsIntoText(List<Evidence> evidence, String body) {
        assertThat(evidence).isNotEmpty();
        for (Evidence e : evidence) {
            assertThat(e.getField()).isEqualTo("body");
            assertThat(body.substring(e.getStart(), e.getEnd())).isEqualTo(e.getText());
            assertThat(e.getConcept()).matches("(outage|breach|stock)\\.\\w+");
        }
    }

    static Set<String> ids(List<io.newsroute.schema.Entity> entities) {
        return entities.stream().map(io.newsroute.schema.Entity::getNormalized).collect(Collectors.toSet());
    }
}
