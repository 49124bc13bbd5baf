package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate can report one batch of the corpus on its own. */
class EvaluateCommandTest {

    @Test
    void idsRestrictTheItemsAndANonMatchingPatternIsAnErrorNamingIt(@TempDir Path corpus) throws Exception {
        Files.createDirectories(corpus.resolve("en"));
        Files.writeString(corpus.resolve("en/articles.jsonl"), String.join("\n",
                item("en-0001", "AWS outage takes down shops", "Amazon Web Services had a major outage in us-east-1 on Monday.", "cloud-outage"),
                item("en-5001", "Retailer Kestrel confirms data breach", "Hackers stole the card data of 40,000 Kestrel customers.", "security-breach"),
                item("en-5002", "Ajax win the derby", "Ajax beat Feyenoord 2-1 on Sunday.", null)) + "\n");

        CliRun batch = CliRun.of("evaluate", corpus.toString(), "--split", "all", "--ids", "en-5[0-9]{3}", "--language", "corpus");

        assertThat(batch.exit()).as(batch.err()).isZero();
        assertThat(batch.out()).contains("(ids en-5[0-9]{3})").contains("items: 2 ");

        CliRun none = CliRun.of("evaluate", corpus.toString(), "--split", "all", "--ids", "xx-.*", "--language", "corpus");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("no corpus item in " + corpus + " matches --split all and --ids xx-.*");
    }

    private static String item(String id, String title, String body, String label) {
        return "{\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"body\": \"" + body + "\", \"labels\": ["
                + (label == null ? "" : "\"" + label + "\"") + "], \"kind\": \"" + (label == null ? "negative" : "positive")
                + "\", \"note\": \"fixture\"}";
    }
}
