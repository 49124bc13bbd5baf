package io.newsroute.classify.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.newsroute.schema.Evidence;
import io.newsroute.schema.OutageFacts;

/** Outage start, end and duration as stated, in every supported language's way of writing times. */
class OutageTimesTest {
    private static final Instant PUBLISHED = Instant.parse("2025-03-04T16:00:00Z");
    private static Extractor extractor;

    @BeforeAll
    static void create() {
        extractor = Extractor.create(ExtractConfig.defaults(), NerTagger.NONE);
    }

    private static OutageFacts outage(String language, String body, Instant publishedAt) {
        return extractor.extract("Nimbus Hosting", body, language, Set.of("cloud-outage"), publishedAt).facts().getOutage();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            de | Die Server von Nimbus Hosting sind seit 9:40 Uhr MEZ nicht erreichbar.                              | 2025-03-04T08:40:00Z | -                    | -
            en | Nimbus Hosting was down from 07:00 to 21:00 UTC on 3 March 2025.                                    | 2025-03-03T07:00:00Z | 2025-03-03T21:00:00Z | 840
            nl | Klanten van Nimbus Hosting konden tussen 10.15 en 13.30 uur niet inloggen.                          | 2025-03-04T09:15:00Z | 2025-03-04T12:30:00Z | 195
            fr | Le site de Nimbus Hosting est indisponible depuis 9h40 ce mardi.                                    | 2025-03-04T08:40:00Z | -                    | -
            es | El servicio de Nimbus Hosting estuvo caído de las 10:00 a las 14:30 del 3 de marzo.                 | 2025-03-03T09:00:00Z | 2025-03-03T13:30:00Z | 270
            it | Il servizio di Nimbus Hosting è rimasto fuori uso dalle 8:30 alle 12:00 di lunedì 3 marzo.          | 2025-03-03T07:30:00Z | 2025-03-03T11:00:00Z | 210
            pt | O serviço da Nimbus Hosting ficou fora do ar das 9h às 13h em 3 de março.                           | 2025-03-03T09:00:00Z | 2025-03-03T13:00:00Z | 240
            pl | Usługa Nimbus Hosting nie działała od godz. 9:40 do godz. 12:10 w dniu 3 marca 2025.                | 2025-03-03T08:40:00Z | 2025-03-03T11:10:00Z | 150
            en | Nimbus Hosting's dashboard went dark at midnight and the service stayed down until 3:15 pm ET on March 3. | -                 | 2025-03-03T20:15:00Z | -
            """)
    void startEndAndDurationAsStated(String language, String body, String start, String end, Long minutes) {
        OutageFacts outage = outage(language, body, PUBLISHED);

        assertThat(outage.getStart()).isEqualTo(start == null ? null : Instant.parse(start));
        assertThat(outage.getEnd()).isEqualTo(end == null ? null : Instant.parse(end));
        assertThat(outage.getDurationMinutes()).isEqualTo(minutes);
        if (start != null || end != null) {
            assertThat(outage.getEvidence()).extracting(Evidence::getConcept).containsAnyOf("outage.start", "outage.end");
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            de | Der Ausfall dauerte 14 Stunden. | 840
            nl | De storing duurde ruim drie uur. | 180
            en | The outage lasted nine hours. | 540
            fr | La panne a duré quatre heures. | 240
            es | La caída duró dos horas. | 120
            it | Il disservizio è durato tre ore. | 180
            pt | A falha durou cinco horas. | 300
            pl | Awaria trwała dwie godziny. | 120
            """)
    void durationAsStated(String language, String body, long minutes) {
        assertThat(outage(language, body, null).getDurationMinutes()).isEqualTo(minutes);
    }

    @Test
    void aRangeWithoutDateOrZoneStillGivesItsDuration() {
        OutageFacts outage = outage("en", "Customers could not log in from 07:00 to 21:00.", null);

        assertThat(outage.getStart()).isNull();
        assertThat(outage.getEnd()).isNull();
        assertThat(outage.getDurationMinutes()).isEqualTo(840L);
    }

    @Test
    void pricesPercentagesAndYearsAreNotTimes() {
        OutageFacts outage = outage("de", "Der Preis stieg von 9.50 bis 12.30 Euro, die Quote von 10 bis 12 Prozent, "
                + "zwischen 2019 und 2021 gab es keine Störung.", PUBLISHED);

        assertThat(outage.getStart()).isNull();
        assertThat(outage.getEnd()).isNull();
        assertThat(outage.getDurationMinutes()).isNull();
    }
}
