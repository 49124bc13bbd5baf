package io.newsroute.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

/** The commands read the merged configuration, and a bad one is a usage error (exit 2) before anything starts. */
class ConfigCliTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Newsroute.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "demo", "ingest", "classify", "replay"})
    void unknownKeyIsAUsageErrorWithASuggestion(String command) throws Exception {
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "classify.langauges=de,en\n");
        Run run = run(args(command, "--config", config.toString()));
        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("unknown setting classify.langauges").contains("did you mean classify.languages?");
        assertThat(run.out()).as("nothing started").doesNotContain("starting", "loading");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "demo", "ingest", "classify", "replay"})
    void invalidValuesAreAUsageErrorNamingEachKeyAndAValidValue(String command) throws Exception {
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "web.port=99999\nclassify.num.stream.threads=many\n");
        Run run = run(args(command, "--config", config.toString()));
        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err())
                .contains("invalid value '99999' for web.port (config file bad.properties)").contains("[0,...,65535]")
                .contains("invalid value 'many' for classify.num.stream.threads").contains("[1,...,64]");
    }

    @Test
    void invalidFlagValueIsAUsageErrorToo() {
        Run run = run("run", "--web-port", "70000");
        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("web.port").contains("command line (--web-port)").contains("[0,...,65535]");
    }

    @Test
    void missingConfigFileIsAUsageError() {
        Run run = run("ingest", "--config", dir.resolve("missing.properties").toString(), "x.jsonl");
        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("missing.properties").contains("does not exist");
    }

    /** classify.max.body.chars from the file rejects the article; the same key given with --set wins. */
    @Test
    void classifyReadsTheFileAndAFlagWinsOverIt() throws Exception {
        Path article = dir.resolve("article.txt");
        Files.writeString(article, "AWS outage takes down thousands of websites\n\n"
                + "Amazon Web Services suffered a major outage in its us-east-1 region on Tuesday.\n");
        Path config = dir.resolve("newsroute.properties");
        Files.writeString(config, String.join("\n", "classify.max.body.chars=20", "classify.detect.accuracy=low",
                "extract.ner.languages=", ""));

        Run fromFile = run("classify", "--config", config.toString(), article.toString());
        assertThat(fromFile.exit()).isEqualTo(1);
        assertThat(fromFile.err()).contains("failed in stage validate");
        assertThat(fromFile.out()).isEmpty();

        Run flagWins = run("classify", "--config", config.toString(), "--set", "classify.max.body.chars=100000", article.toString());
        assertThat(flagWins.exit()).isZero();
        assertThat(flagWins.out()).contains("\"language\":\"en\"").contains("cloud-outage");
    }

    private static String[] args(String command, String... options) {
        String[] extra = switch (command) {
            case "ingest", "classify" -> new String[] {"x.jsonl"};
            case "replay" -> new String[] {"--from", "beginning"};
            default -> new String[0];
        };
        String[] all = new String[1 + options.length + extra.length];
        all[0] = command;
        System.arraycopy(options, 0, all, 1, options.length);
        System.arraycopy(extra, 0, all, 1 + options.length, extra.length);
        return all;
    }
}
