package io.newsroute.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.NewsSerdes;

/** Random input (Unicode of every script, control characters, binary, empty) never throws and yields valid records. */
class ArticleReaderRobustnessTest {
    private final ArticleReader reader = new ArticleReader(Clock.systemUTC());

    @RepeatedTest(200)
    void randomPlainTextGivesAValidArticleOrTheBlankMessage(RepetitionInfo info) {
        Random random = new Random(info.getCurrentRepetition() * 7919L);
        String text = randomText(random);
        RawArticle article;
        try {
            article = reader.fromPlainText(text, "random.txt");
        } catch (IllegalArgumentException e) {
            assertThat(e).hasMessage("article has neither title nor body");
            assertThat(text.replace(" date ", "").strip()).matches("(?s)[\\s\\d-]*|date.*");
            return;
        }
        assertThat(article.getTitle().length()).isLessThanOrEqualTo(ArticleReader.MAX_TITLE_CHARS);
        assertThat(article.getTitle() + article.getBody()).isNotBlank();
        assertThat(NewsSerdes.rawCodec().decode(NewsSerdes.rawCodec().encode(article))).isEqualTo(article);
    }

    @RepeatedTest(100)
    void randomBytesAsJsonLinesNeverThrow(RepetitionInfo info) {
        Random random = new Random(info.getCurrentRepetition() * 104729L);
        byte[] bytes = new byte[random.nextInt(4096)];
        random.nextBytes(bytes);
        if (random.nextBoolean()) {
            // mix in plausible lines so some of them parse
            bytes = ("{\"title\": \"" + randomText(random).replaceAll("[\"\\\\\\p{Cntrl}]", " ") + "\"}\n"
                    + new String(bytes, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.UTF_8);
        }
        List<RawArticle> articles = new ArrayList<>();
        List<IngestProblem> problems = new ArrayList<>();
        reader.readJsonLines(new ByteArrayInputStream(bytes), "random.jsonl", articles::add, problems::add);
        long lines = new String(bytes, StandardCharsets.ISO_8859_1).lines().count();
        assertThat(articles.size() + problems.size()).isLessThanOrEqualTo((int) lines);
        assertThat(problems).allSatisfy(p -> assertThat(p.line()).isBetween(1L, lines));
        assertThat(articles).allSatisfy(a -> assertThat(NewsSerdes.rawCodec().encode(a)).isNotEmpty());
    }

    private static String randomText(Random random) {
        int kind = random.nextInt(6);
        int length = kind == 0 ? 0 : random.nextInt(kind == 5 ? 20_000 : 400);
        StringBuilder sb = new StringBuilder();
        if (random.nextInt(4) == 0) {
            sb.append(" date 20").append(random.nextInt(10)).append(random.nextInt(10)).append("-0")
                    .append(1 + random.nextInt(9)).append(random.nextBoolean() ? "\n" : " ");
        }
        for (int i = 0; i < length; i++) {
            int r = random.nextInt(10);
            if (r < 2) {
                sb.append(random.nextBoolean() ? '\n' : ' ');
            } else if (r < 6) {
                sb.append((char) ('a' + random.nextInt(26)));
            } else if (r < 8) {
                sb.appendCodePoint(0x80 + random.nextInt(0x2FFF)); // Latin, Greek, Cyrillic, Arabic, CJK punctuation...
            } else if (r < 9) {
                sb.appendCodePoint(0x1F300 + random.nextInt(0x300)); // emoji, surrogate pairs
            } else {
                sb.append((char) random.nextInt(0x20)); // control characters
            }
        }
        return sb.toString();
    }
}
