package io.newsroute.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Evidence;
import io.newsroute.schema.Label;
import io.newsroute.schema.Labels;
import io.newsroute.schema.serde.NewsSerdes;

/**
 * Randomised input: random Unicode from many scripts, mixed scripts, lone surrogates, control
 * characters, markup fragments, empty and huge strings, binary-ish text. The pipeline must either
 * produce a valid, encodable record or fail with a {@link StageException} naming a known stage.
 */
class RobustnessTest {
    private static final Set<String> STAGES = Set.of("validate", "normalize", "detect-language", "classify");
    private static final Instant NOW = Instant.parse("2024-06-01T10:00:00Z");
    /** Code point ranges: Latin, Latin-1, Greek, Cyrillic, Arabic, Hebrew, Devanagari, CJK, Hangul, emoji, marks. */
    private static final int[][] RANGES = {
        {0x20, 0x7E}, {0xA0, 0xFF}, {0x370, 0x3FF}, {0x400, 0x4FF}, {0x600, 0x6FF}, {0x590, 0x5FF},
        {0x900, 0x97F}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0x1F300, 0x1F6FF}, {0x300, 0x36F},
        {0x0, 0x1F}, {0x2000, 0x206F}, {0xFFF0, 0xFFFF}};
    private static final String[] FRAGMENTS = {"<", ">", "</", "<script>", "</script>", "<p>", "&amp;", "&#0;",
        "&#xD800;", "&#99999999;", "&", "<!--", "-->", "Ausfall", "AWS", "outage", "Aktie", "5 %", "hack",
        "gestohlen", "Kundendaten", "keine", "suspected", "\n", "\t", "\r\n", "\uD800", "\uDC00", "us-east-1",
        "(NASDAQ: AMZN)", "S&P 500", "*", "re:", "\\", "$", "(", ")", "[", "]", "?", ".", "!"};

    @Test
    void randomInputEitherEnrichesOrFailsWithAStage() {
        Random random = new Random(20240601L);
        int ok = 0;
        int failed = 0;
        for (int i = 0; i < 400; i++) {
            String title = randomText(random, random.nextInt(4) == 0 ? 0 : random.nextInt(120));
            String body = randomText(random, random.nextInt(10) == 0 ? 0 : random.nextInt(3000));
            String contentType = random.nextBoolean() ? "text/plain" : "text/html";
            if (runOnce("random-" + i, title, body, contentType)) {
                ok++;
            } else {
                failed++;
            }
        }
        assertThat(ok).as("most random articles are classified").isGreaterThan(300);
        assertThat(ok + failed).isEqualTo(400);
    }

    @Test
    void edgeCases() {
        Random random = new Random(7L);
        List<String[]> cases = List.of(
                new String[] {"", ""},
                new String[] {"x", ""},
                new String[] {"", "\u0000\u0001\u0002"},
                new String[] {"\uD800", "\uDFFF\uD800"},
                new String[] {"", "<<<<>>>>&&&&;;;;"},
                new String[] {"AWS", "AWS ".repeat(50_000)},
                new String[] {"mixed", "Ausfall 故障 outage перебой panne حادث " .repeat(2_000)},
                new String[] {"", randomText(random, 200_000)},
                new String[] {"", "<script>" + "x".repeat(100_000)},
                new String[] {"", "a".repeat(ClassifyConfig.DEFAULT_MAX_BODY_CHARS)},
                new String[] {"", "Störung".repeat(20_000)},
                new String[] {"", binaryish(random, 50_000)});
        int i = 0;
        for (String[] c : cases) {
            runOnce("edge-" + i++, c[0], c[1], "text/plain");
            runOnce("edge-html-" + i, c[0], c[1], "text/html");
        }
        assertThat(i).isEqualTo(cases.size());
    }

    /** @return true when enriched, false when rejected by a stage; any other exception fails the test */
    private static boolean runOnce(String id, String title, String body, String contentType) {
        EnrichedArticle enriched;
        try {
            enriched = TestPipelines.shared().process(TestPipelines.article(id, title, body, contentType), NOW);
        } catch (StageException e) {
            assertThat(e.stage()).as("stage of %s", id).isIn(STAGES);
            assertThat(e.getMessage()).isNotBlank();
            return false;
        }
        assertValid(enriched);
        return true;
    }

    private static void assertValid(EnrichedArticle enriched) {
        assertThat(enriched.getLanguage().getCode()).matches("[a-z]{2}|und");
        assertThat(enriched.getLanguage().getConfidence()).isBetween(0.0, 1.0);
        assertThat(enriched.getScores()).containsOnlyKeys(Labels.ALL);
        enriched.getScores().values().forEach(score -> assertThat(score).isBetween(0.0, 1.0));
        assertThat(enriched.getTitle().length() + enriched.getBody().length()).isPositive();
        for (Label label : enriched.getLabels()) {
            assertThat(Labels.ALL).contains(label.getName());
            for (Evidence evidence : label.getEvidence()) {
                String field = evidence.getField().equals("title") ? enriched.getTitle() : enriched.getBody();
                assertThat(evidence.getStart()).isBetween(0, evidence.getEnd());
                assertThat(field.substring(evidence.getStart(), evidence.getEnd())).isEqualTo(evidence.getText());
            }
        }
        // normalised text holds no control characters but \n and \t, and no lone surrogates
        String text = enriched.getTitle() + enriched.getBody();
        text.codePoints().forEach(cp -> {
            assertThat(cp == '\n' || cp == '\t' || !Character.isISOControl(cp)).as("control U+%04X", cp).isTrue();
            assertThat(Character.getType(cp)).isNotEqualTo((int) Character.SURROGATE);
        });
        assertThat(NewsSerdes.enrichedCodec().decode(NewsSerdes.enrichedCodec().encode(enriched))).isEqualTo(enriched);
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder(length + 16);
        int[] range = RANGES[random.nextInt(RANGES.length)];
        while (sb.length() < length) {
            int roll = random.nextInt(10);
            if (roll == 0) {
                sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            } else if (roll == 1) {
                range = RANGES[random.nextInt(RANGES.length)]; // switch script mid-text
            } else if (roll == 2) {
                sb.append(' ');
            } else {
                sb.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
            }
        }
        return sb.toString();
    }

    private static String binaryish(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) random.nextInt(256));
        }
        return sb.toString();
    }
}
