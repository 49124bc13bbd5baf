package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** evaluate-facts reads both the corpus format and held-out directories of self-contained items. */
class EvaluateFactsCommandTest {
    private static final Path HELDOUT = Path.of("src/test/resources/facts-heldout");

    @Test
    void loadsSelfContainedItemsWithTheirLanguageLabelsAndFacts() throws Exception {
        List<EvaluateFactsCommand.Item> items = EvaluateFactsCommand.load(HELDOUT);

        assertThat(items).extracting(EvaluateFactsCommand.Item::id).containsExactly("fh-de-001", "fh-en-001", "fh-en-002");
        EvaluateFactsCommand.Item hospital = items.get(1);
        assertThat(hospital.language()).isEqualTo("en");
        assertThat(hospital.title()).isEqualTo("Hackers hit Harbourside Hospital");
        assertThat(hospital.body()).startsWith("Harbourside Hospital said");
        assertThat(hospital.labels()).containsExactly("security-breach");
        assertThat(hospital.facts().path("breach").path("recordsAffected").asLong()).isEqualTo(12000L);
    }

    @Test
    void scoresAHeldOutDirectory(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("scores.json");

        CliRun run = CliRun.of("evaluate-facts", HELDOUT.toString(), "--ner-languages", "", "--json", json.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Fact extraction on 3 annotated articles (de, en)");
        JsonNode scores = new ObjectMapper().readTree(Files.readString(json));
        assertThat(scores.get("articles").asInt()).isEqualTo(3);
        JsonNode provider = scores.at("/fields/outage.provider/all");
        assertThat(provider.get("tp").asInt()).isEqualTo(1);
        assertThat(provider.get("fn").asInt()).isZero();
        JsonNode ticker = scores.at("/fields/stock.ticker/all");
        assertThat(ticker.get("tp").asInt()).as("NVDA is stated in the body").isEqualTo(1);
        assertThat(scores.at("/fields/breach.victim/all/tp").asInt() + scores.at("/fields/breach.victim/all/fn").asInt())
                .as("one annotated victim").isEqualTo(1);
    }

    @Test
    void corpusLinesWithoutBodyReferToCorpusArticlesAndCanMixWithSelfContainedOnes(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("nl"));
        Files.createDirectories(root.resolve("facts"));
        Files.writeString(root.resolve("nl/articles.jsonl"),
                "{\"id\": \"nl-1\", \"title\": \"Storing bij Azure\", \"body\": \"\", \"labels\": [\"cloud-outage\"]}\n");
        Files.writeString(root.resolve("facts/nl.jsonl"),
                "{\"id\": \"nl-1\", \"facts\": {\"outage\": {\"provider\": \"azure\"}}}\n"
                        + "{\"id\": \"nl-x\", \"title\": \"Storing bij AWS\", \"body\": \"AWS lag eruit.\", \"labels\": [\"cloud-outage\"],"
                        + " \"facts\": {\"outage\": {\"provider\": \"aws\"}}}\n");

        List<EvaluateFactsCommand.Item> items = EvaluateFactsCommand.load(root);

        assertThat(items).extracting(EvaluateFactsCommand.Item::id).containsExactly("nl-1", "nl-x");
        assertThat(items.get(0).title()).isEqualTo("Storing bij Azure");
        assertThat(items.get(0).labels()).containsExactly("cloud-outage");
        assertThat(items.get(1).body()).isEqualTo("AWS lag eruit.");
    }

    @Test
    void aLineReferringToAMissingArticleIsAnErrorNamingFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("en.jsonl"), "{\"id\": \"fh-en-404\", \"facts\": {}}\n");

        CliRun run = CliRun.of("evaluate-facts", dir.toString(), "--ner-languages", "");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("en.jsonl:1").contains("fh-en-404").contains("self-contained");
    }

    @Test
    void aScalarAnnotatedWithSeveralWrittenFormsIsRightInAnyOfThemUnlessOnlyTheFirstCounts() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode forms = json.readTree("[\"Continental AG\", \"Continental\"]");

        assertThat(counts("breach.victim", forms, json.readTree("\"Continental\""), false)).isEqualTo("tp=1 fp=0 fn=0");
        assertThat(counts("breach.victim", forms, json.readTree("\"Continental\""), true)).isEqualTo("tp=0 fp=1 fn=1");
        assertThat(counts("breach.victim", forms, json.readTree("\"Conti\""), false)).isEqualTo("tp=0 fp=1 fn=1");
        assertThat(counts("breach.victim", forms, json.missingNode(), false)).isEqualTo("tp=0 fp=0 fn=1");
        // a list field stays a list: every element counts
        assertThat(counts("outage.services", json.readTree("[\"ec2\", \"s3\"]"), json.readTree("[\"ec2\"]"), false))
                .isEqualTo("tp=1 fp=0 fn=1");
    }

    private static String counts(String field, JsonNode expected, JsonNode predicted, boolean firstFormOnly) {
        EvaluateFactsCommand.Counts counts = new EvaluateFactsCommand.Counts();
        EvaluateFactsCommand.score(field, expected, predicted, counts, firstFormOnly);
        return "tp=" + counts.tp + " fp=" + counts.fp + " fn=" + counts.fn;
    }
}
