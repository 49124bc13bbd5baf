package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


class NewsrouteCliTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "run", "ingest", "classify", "search", "topics", "dlq", "dlq list", "dlq redrive", "replay", "evaluate", "evaluate-facts", "train"})
    void everySubcommandHasHelp(String subcommand) {
        List<String> args = new ArrayList<>(List.of(subcommand.split(" ")));
        args.add("--help");
        CliRun run = run(args.toArray(String[]::new));
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage: newsroute " + subcommand).contains("--help");
    }

    @Test
    void helpShowsTheSecretReferenceSyntaxLiterally() {
        // picocli resolves ${...} in descriptions unless escaped; the user must see the syntax itself
        assertThat(run("ingest", "--help").out().replaceAll("\\s+", " ")).contains("${env:NAME} and ${file:PATH} in values are resolved");
    }

    @Test
    void topLevelHelpListsTheSubcommands() {
        CliRun run = run("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("demo", "run", "ingest", "classify", "search");
    }

    @Test
    void searchWithoutARunningInstanceSaysWhatToDo(@TempDir Path home) {
        String previous = System.getProperty("newsroute.home");
        System.setProperty("newsroute.home", home.toString());
        try {
            CliRun run = run("search", "Ausfall");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("--search-url").contains("./newsroute demo");
        } finally {
            if (previous == null) {
                System.clearProperty("newsroute.home");
            } else {
                System.setProperty("newsroute.home", previous);
            }
        }
    }

    @Test
    void unknownLabelIsAUsageErrorNamingTheLabels() {
        CliRun run = run("search", "x", "--label", "weather", "--search-url", "http://127.0.0.1:1");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("unknown label 'weather'").contains("cloud-outage");
    }

    @Test
    void classifyWritesOneJsonObjectPerArticleAndReportsBadLines(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("articles.jsonl");
        Files.writeString(jsonl, String.join("\n",
                "{\"id\":\"a\",\"title\":\"AWS outage takes down thousands of websites\",\"body\":\"Amazon Web Services suffered a major outage in its us-east-1 region on Tuesday. Services such as Slack and Netflix were unreachable for hours.\"}",
                "{not json",
                "{\"id\":\"b\",\"title\":\"Der Regen kommt\",\"body\":\"Am Wochenende wird es in ganz Deutschland regnerisch und kühl, sagt der Wetterdienst.\"}"));
        CliRun run = run("classify", jsonl.toString());
        assertThat(run.exit()).as("a bad line makes the exit status 1").isEqualTo(1);
        assertThat(run.err()).contains("articles.jsonl:2");
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(lines[0]);
        assertThat(first.get("id").asText()).isEqualTo("a");
        assertThat(first.get("language").asText()).isEqualTo("en");
        assertThat(first.get("labels")).extracting(JsonNode::asText).containsExactly("cloud-outage");
        assertThat(first.get("scores").size()).isEqualTo(3);
        assertThat(first.get("evidence").get("cloud-outage")).isNotEmpty();
        assertThat(first.get("modelVersion").asText()).isNotBlank();
        JsonNode second = mapper.readTree(lines[1]);
        assertThat(second.get("language").asText()).isEqualTo("de");
        assertThat(second.get("labels")).isEmpty();
    }
}
