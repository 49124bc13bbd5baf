package io.newsroute.classify.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsroute.classify.ClassifyConfig;
import io.newsroute.schema.LanguageInfo;

/** Language detection on realistic ledes and headlines, including the known traps. */
class LanguageStageTest {
    static final Set<String> CORE = Set.of("de", "nl", "en", "fr", "es", "it", "pt", "pl");

    private static final class Stages {
        static final LanguageStage DEFAULT = new LanguageStage(
                Arrays.asList(ClassifyConfig.DEFAULT_LANGUAGES.split(",")), 400, false, CORE);
        static final LanguageStage WITH_AFRIKAANS = new LanguageStage(
                Arrays.asList((ClassifyConfig.DEFAULT_LANGUAGES + ",af").split(",")), 400, false, CORE);
    }

    static List<Arguments> ledes() {
        try {
            List<Arguments> rows = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("src/test/resources/language/ledes.tsv"), StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cells = line.split("\t", 2);
                    rows.add(Arguments.of(cells[0], cells[1]));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> coreLedes() {
        return ledes().stream().filter(a -> CORE.contains((String) a.get()[0]));
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("coreLedes")
    void everyCoreLanguageLedeIsRight(String language, String lede) {
        LanguageInfo info = Stages.DEFAULT.detect("", lede);
        assertThat(info.getCode()).as("language of %s", lede).isEqualTo(language);
        assertThat(info.getClassificationSupported()).isTrue();
    }

    @Test
    void atLeast95PercentOfAllLedesAreRightAndReportIsWritten() throws IOException {
        List<Arguments> rows = ledes();
        Map<String, int[]> perLanguage = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Arguments row : rows) {
            String language = (String) row.get()[0];
            String lede = (String) row.get()[1];
            LanguageInfo info = Stages.DEFAULT.detect("", lede);
            int[] counts = perLanguage.computeIfAbsent(language, k -> new int[2]);
            counts[1]++;
            if (info.getCode().equals(language)) {
                counts[0]++;
            } else {
                wrong.add(language + " -> " + info.getCode() + ": " + lede);
            }
        }
        int right = perLanguage.values().stream().mapToInt(c -> c[0]).sum();
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "overall %d/%d%n", right, rows.size()));
        perLanguage.forEach((k, v) -> report.append(String.format(Locale.ROOT, "%s %d/%d%n", k, v[0], v[1])));
        wrong.forEach(w -> report.append("WRONG ").append(w).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/language-accuracy.txt"), report);
        assertThat(perLanguage).hasSize(22);
        assertThat(perLanguage.values()).allSatisfy(c -> assertThat(c[1]).isGreaterThanOrEqualTo(10));
        assertThat((double) right / rows.size()).as(report.toString()).isGreaterThanOrEqualTo(0.95);
    }

    // Trap 1: short headlines with English brand names, no body.
    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "es|Caída de PlayStation Network deja sin jugar a millones",
            "es|Amazon Web Services sufre una caída en Europa",
            "es|Microsoft Teams y Outlook, fuera de servicio",
            "es|Fallo en la Cloud de Google afecta a empresas",
            "it|PlayStation Network down: utenti senza servizi da ore",
            "it|Amazon Web Services, guasto blocca siti e app",
            "it|Microsoft Teams e Outlook fuori uso per ore",
            "it|Problemi al Cloud di Oracle per le aziende",
            "pt|PlayStation Network fica fora do ar durante horas",
            "pt|Amazon Web Services sofre falha e derruba sites",
            "pt|Microsoft Teams e Outlook com problemas nesta manhã",
            "fr|Panne géante du PlayStation Network ce week-end",
            "fr|Amazon Web Services victime d'une panne mondiale",
            "fr|Microsoft Teams et Outlook en panne pendant des heures",
            "de|Störung bei Amazon Web Services legt Dienste lahm",
            "de|PlayStation Network seit Stunden nicht erreichbar",
            "de|Microsoft Teams und Outlook fallen aus",
            "de|Cloud von Microsoft mit massiver Störung",
            "nl|Storing bij PlayStation Network duurt voort",
            "nl|Amazon Web Services kampt met grote storing",
            "nl|Microsoft Teams en Outlook urenlang onbereikbaar",
            "pl|Awaria PlayStation Network trwa od rana",
            "pl|Amazon Web Services ma poważną awarię",
            "pl|Microsoft Teams i Outlook nie działają",
    })
    void headlineWithEnglishBrandNamesKeepsItsLanguage(String language, String headline) {
        LanguageInfo info = Stages.DEFAULT.detect(headline, "");
        assertThat(info.getCode()).as("language of %s", headline).isEqualTo(language);
        assertThat(info.getTitleCode()).isEqualTo(language);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "Amazon Web Services outage takes down thousands of websites",
            "PlayStation Network is back online after a day-long outage",
            "Microsoft Teams and Outlook hit by global outage",
    })
    void englishBrandHeadlinesStayEnglish(String headline) {
        assertThat(Stages.DEFAULT.detect(headline, "").getCode()).isEqualTo("en");
    }

    // Trap 2: Dutch vs Afrikaans when af is configured.
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "Storing bij KPN treft duizenden klanten",
            "Kabinet wil huurtoeslag verhogen",
            "Het kabinet wil de huurtoeslag volgend jaar verhogen om huishoudens met een laag inkomen te ontlasten.",
            "Door harde wind zijn zondag op Schiphol tientallen vluchten geannuleerd. Reizigers wordt aangeraden de website in de gaten te houden.",
            "De inflatie in Nederland is in mei verder gedaald, meldt het Centraal Bureau voor de Statistiek.",
            "Een brand in een leegstaand bedrijfspand in Eindhoven heeft voor veel rookoverlast gezorgd.",
            "De politie heeft een man aangehouden die ervan wordt verdacht een juwelier te hebben beroofd.",
    })
    void dutchStaysDutchWhenAfrikaansIsConfigured(String text) {
        LanguageInfo info = Stages.WITH_AFRIKAANS.detect(text, text.length() > 60 ? text : "");
        assertThat(info.getCode()).as("language of %s", text).isEqualTo("nl");
    }

    @Test
    void afrikaansIsStillFoundWhenConfigured() {
        String text = "Die regering het Woensdag aangekondig dat hulle nie die belasting sal verhoog nie, "
                + "maar volgens die minister sal die begroting vir volgende jaar hersien word.";
        assertThat(Stages.WITH_AFRIKAANS.detect("", text).getCode()).isEqualTo("af");
    }

    // Trap 3: Danish vs Norwegian Bokmål, decided on the body.
    @ParameterizedTest(name = "[{index}] {0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "da|Nedbrud hos cloududbyder|Et omfattende nedbrud hos en stor udbyder af cloudtjenester betød, at tusindvis af hjemmesider var nede i flere timer tirsdag. Virksomheden siger, at fejlen nu er rettet.",
            "da|Aktien faldt|Aktien i medicinalvirksomheden faldt mere end seks procent på fondsbørsen i København, efter at selskabet havde nedjusteret sine forventninger.",
            "da|Færger aflyst|Kraftig blæst betød, at flere færgeafgange mellem Jylland og Sjælland blev aflyst i løbet af eftermiddagen, oplyser rederiet.",
            "da|Brand i lagerhal|Brandvæsenet brugte hele natten på at slukke en brand i en lagerhal i udkanten af Aarhus. Ingen kom til skade, siger politiet.",
            "nb|Driftsavbrudd hos skyleverandør|Et omfattende driftsavbrudd hos en stor skyleverandør førte til at tusenvis av nettsteder var nede i flere timer tirsdag. Selskapet sier at feilen nå er rettet.",
            "nb|Aksjen falt|Aksjen i oljeselskapet falt mer enn fem prosent på Oslo Børs etter at selskapet nedjusterte produksjonsmålet for året.",
            "nb|Ferger innstilt|Kraftig vind førte til at flere fergeavganger på Vestlandet ble innstilt i løpet av ettermiddagen, opplyser rederiet.",
            "nb|Brann i lagerhall|Brannvesenet brukte hele natten på å slukke en brann i en lagerhall i utkanten av Bergen. Ingen ble skadd, sier politiet.",
    })
    void danishAndNorwegianAreToldApartOnTheBody(String language, String title, String body) {
        LanguageInfo info = Stages.DEFAULT.detect(title, body);
        assertThat(info.getCode()).as("language of %s", body).isEqualTo(language);
        assertThat(info.getRunnerUp()).isIn("da", "nb", "sv");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Kommunen har planer om en ny skole", "Regeringen vil have flere penge til politiet"})
    void ambiguousScandinavianTextSaysSoWithLowerConfidence(String text) {
        LanguageStage.Detection detection = Stages.DEFAULT.detectText(text);
        assertThat(detection.code).isIn("da", "nb", "sv");
        assertThat(detection.runnerUp).isIn("da", "nb", "sv");
        assertThat(detection.confidence).isLessThanOrEqualTo(LanguageStage.UNDECIDED_RELATIVES_CONFIDENCE);
    }

    // Trap 4: undetermined texts route as "und" with confidence 0.
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "",
            "   ",
            "12345 67,89 %",
            "!!! ??? --- ... ///",
            "2024-05-01 12:00:00 +0200",
            "ผู้ให้บริการคลาวด์รายใหญ่ล่มหลายชั่วโมง ทำให้เว็บไซต์หลายพันแห่งใช้งานไม่ได้ตั้งแต่เช้าวันอังคาร",
            "ผู้ให้บริการ Amazon Web Services ล่มหลายชั่วโมง ทำให้ Microsoft Teams และ Outlook ใช้งานไม่ได้ตั้งแต่เช้าวันอังคาร",
            "एक बड़े क्लाउड सेवा प्रदाता में खराबी के कारण मंगलवार को हजारों वेबसाइटें कई घंटों तक बंद रहीं।",
    })
    void undeterminedTextIsUndWithZeroConfidence(String body) {
        LanguageInfo info = Stages.DEFAULT.detect("", body);
        assertThat(info.getCode()).isEqualTo(LanguageStage.UNDETERMINED);
        assertThat(info.getConfidence()).isZero();
        assertThat(info.getClassificationSupported()).isFalse();
    }

    @Test
    void thaiBodyWinsOverAnEnglishTitle() {
        LanguageInfo info = Stages.DEFAULT.detect("AWS outage hits Asia",
                "ผู้ให้บริการคลาวด์รายใหญ่ล่มหลายชั่วโมง ทำให้เว็บไซต์หลายพันแห่งใช้งานไม่ได้ตั้งแต่เช้าวันอังคาร");
        assertThat(info.getCode()).isEqualTo("und");
        assertThat(info.getTitleCode()).isEqualTo("en");
    }

    // Title and body together.
    @Test
    void bodyWinsOverAMisleadingTitle() {
        LanguageInfo info = Stages.DEFAULT.detect("Cloud Outage Update",
                "Ein Ausfall in einem Rechenzentrum hat am Dienstag zahlreiche Online-Dienste in Europa lahmgelegt.");
        assertThat(info.getCode()).isEqualTo("de");
        assertThat(info.getConfidence()).isGreaterThan(0.5);
    }

    @Test
    void shortBodyFallsBackToTheTitle() {
        LanguageInfo info = Stages.DEFAULT.detect("Storing bij grote cloudaanbieder legt websites plat", "Foto: ANP");
        assertThat(info.getCode()).isEqualTo("nl");
        assertThat(info.getTitleCode()).isEqualTo("nl");
    }

    @Test
    void decideFollowsTheEvidence() {
        LanguageStage.Detection title = new LanguageStage.Detection("en", 1.0, "de", 0.0, 30);
        LanguageStage.Detection longBody = new LanguageStage.Detection("de", 0.9, "nl", 0.1, 300);
        LanguageStage.Detection shortBody = new LanguageStage.Detection("de", 0.5, "nl", 0.5, 45);
        LanguageStage.Detection longTitle = new LanguageStage.Detection("nl", 1.0, "de", 0.0, 90);
        assertThat(LanguageStage.decide(title, longBody).code).isEqualTo("de");
        assertThat(LanguageStage.decide(longTitle, shortBody).code).isEqualTo("nl");
        assertThat(LanguageStage.decide(title, LanguageStage.Detection.undetermined(10)).code).isEqualTo("en");
        assertThat(LanguageStage.decide(LanguageStage.Detection.NONE, LanguageStage.Detection.NONE).code).isEqualTo("und");
        assertThat(LanguageStage.decide(title, LanguageStage.Detection.undetermined(200)).code).isEqualTo("und");
    }

    @Test
    void brandMaskKeepsOffsetsAndBlanksBrands() {
        BrandMask mask = BrandMask.load();
        String text = "Caída de PlayStation Network y AWS deja sin iCloud";
        String masked = mask.mask(text);
        assertThat(masked).hasSameSizeAs(text).doesNotContain("PlayStation", "Network", "AWS", "iCloud").contains("Caída de", "deja sin");
    }

    @Test
    void detectionLatencyIsBoundedAndReported() throws IOException {
        String title = "Störung bei Amazon Web Services legt zahlreiche Dienste lahm";
        String body = (String) ledes().get(0).get()[1];
        body = LanguageStage.prefix(body + " " + body + " " + body, 400);
        for (int i = 0; i < 200; i++) {
            Stages.DEFAULT.detectText(title);
            Stages.DEFAULT.detectText(body);
        }
        int n = 500;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Stages.DEFAULT.detectText(title);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Stages.DEFAULT.detectText(body);
        }
        long t2 = System.nanoTime();
        double titleMs = (t1 - t0) / 1e6 / n;
        double bodyMs = (t2 - t1) / 1e6 / n;
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/language-latency.txt"), String.format(Locale.ROOT,
                "title %.3f ms, %d-char body prefix %.3f ms (common pool parallelism %d)%n", titleMs, body.length(), bodyMs,
                java.util.concurrent.ForkJoinPool.commonPool().getParallelism()));
        assertThat(titleMs).isLessThan(20.0);
        assertThat(bodyMs).isLessThan(20.0);
    }

    /**
     * Titles of articles whose body already decided are detected with trigrams only; that must never
     * change the article's language, confidence or runner-up (only the title's own fields may differ).
     */
    @Test
    void cheapTitleDetectionNeverChangesTheArticleLanguage() throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        int compared = 0;
        int cheap = 0;
        for (String language : List.of("de", "nl", "en", "fr", "es", "it", "pt", "pl")) {
            List<String> lines = Files.readAllLines(Path.of("..", "corpus", language, "articles.jsonl"), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                var node = json.readTree(lines.get(i));
                String title = node.path("title").asText("");
                String body = node.path("body").asText("");
                LanguageInfo fast = Stages.DEFAULT.detect(title, body, true);
                LanguageInfo full = Stages.DEFAULT.detect(title, body, false);
                assertThat(fast.getCode()).as(title).isEqualTo(full.getCode());
                assertThat(fast.getConfidence()).as(title).isEqualTo(full.getConfidence());
                assertThat(fast.getRunnerUp()).as(title).isEqualTo(full.getRunnerUp());
                if (!body.isBlank() && !java.util.Objects.equals(fast.getTitleConfidence(), full.getTitleConfidence())) {
                    cheap++;
                }
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(400);
        assertThat(cheap).as("the trigram title path is taken (it reports other title confidences)").isPositive();
    }
}
