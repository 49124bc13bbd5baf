package io.newsroute.classify.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {
    private static final Map<String, LanguageRules> RULES = LanguageRules.loadAll();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "de|Die Aktie schloss bei 195,52 Euro.|195.52|EUR",
        "nl|met een verwachte omzet van $16 miljard dit jaar|16000000000|USD",
        "es|La acción cerró en R$ 12,40 en la B3.|12.40|BRL",
        "nl|Kurs: 12,5 zł na zamknięciu|12.5|PLN",
        "en|shares closed at $1,234.50 on Friday|1234.5|USD",
        "fr|le titre termine à 2 300,5 € vendredi|2300.5|EUR",
        "de|ein Schaden von 1.500 Franken|1500|CHF"})
    void moneyInEveryNotation(String lang, String text, double value, String currency) {
        List<Quantities.Amount> amounts = new Quantities(RULES.get(lang)).amounts(new Text("body", text));
        assertThat(amounts).isNotEmpty();
        assertThat(amounts.get(0).value()).isCloseTo(value, org.assertj.core.data.Offset.offset(0.001));
        assertThat(amounts.get(0).currency()).isEqualTo(currency);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "de|um 1,7 Prozent bis auf|1.7|0",
        "en|shares rose 1.7% to|1.7|0",
        "fr|recule de 2,3 % à|2.3|0",
        "es|sube un +0,9% con|0.9|1",
        "nl|zakt ruim 6 procent na|6|0"})
    void percentages(String lang, String text, double value, int sign) {
        List<Quantities.Percent> percents = new Quantities(RULES.get(lang)).percents(new Text("body", text));
        assertThat(percents).hasSize(1);
        assertThat(percents.get(0).value()).isEqualTo(value);
        assertThat(percents.get(0).sign()).isEqualTo(sign);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "de|Rekordstrafe wegen Datenleck von 533 Millionen Nutzern|533000000",
        "nl|Hackers stelen gegevens van 1,2 miljoen klanten|1200000",
        "es|roban datos de cuatro millones de clientes|4000000",
        "en|hackers took data on 6.9 million users|6900000",
        "de|Daten von 800'000 Kunden abgegriffen|800000",
        "es|más de 576.000 cuentas fueron tomadas|576000",
        "en|Roku says 576,000 accounts hacked|576000"})
    void countsWithScaleWords(String lang, String text, double value) {
        List<Quantities.Count> counts = new Quantities(RULES.get(lang)).counts(new Text("body", text));
        assertThat(counts).isNotEmpty();
        assertThat(counts.get(0).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nl|zo'n vier uur lang niet bereikbaar|240",
        "de|während des vierstündigen Ausfalls|240",
        "en|offline for three hours|180",
        "en|a 24-hour service degradation|1440"})
    void durations(String lang, String text, double minutes) {
        List<Quantities.Count> d = new Quantities(RULES.get(lang)).durations(new Text("body", text));
        assertThat(d).isNotEmpty();
        assertThat(d.get(0).value()).isEqualTo(minutes);
    }

    @Test
    void aTimeOfDayIsNotADuration() {
        assertThat(new Quantities(RULES.get("de")).durations(new Text("body", "eine Stunde früher in die Pause"))).isEmpty();
    }

    @Test
    void randomTextNeverThrows() {
        Extractor extractor = Extractor.create(ExtractConfig.defaults(), NerTagger.NONE);
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(400);
            for (int j = 0; j < len; j++) {
                sb.append(random.nextInt(5) == 0 ? " 1,5% AWS $ € " : String.valueOf((char) random.nextInt(0x3000)));
            }
            String lang = List.of("de", "nl", "en", "xx", "und").get(random.nextInt(5));
            Extraction x = extractor.extract(sb.toString(), sb.reverse().toString(), lang,
                    Set.of("cloud-outage", "security-breach", "stock-commentary"));
            assertThat(x.facts().getOutage()).isNotNull();
            assertThat(x.facts().getStock()).isNotNull();
        }
    }
}
