package io.newsroute.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.newsroute.classify.ArticlePipeline;
import io.newsroute.app.config.NewsrouteConfig;
import io.newsroute.classify.StageException;
import io.newsroute.ingest.ArticleReader;
import io.newsroute.ingest.IngestProblem;
import io.newsroute.schema.RawArticle;

/** Offline classification with exactly the stage code the topology runs; no Kafka involved. */
@Command(name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Classify articles offline (no Kafka) and write one JSON object per article to stdout:",
            "id, title, language, languageConfidence, labels (above threshold), scores (all labels),",
            "evidence (the spans behind each label), modelVersion.",
            "",
            "FILE: .txt = one plain-text article, .json = one article (or an array), .jsonl = one per line,",
            "a directory = every such file in it, - = JSON lines on stdin.",
            "JSON fields: id, title, body, url, publishedAt, language (all optional but title or body)."},
        footer = {"", "Example:  ./newsroute classify samples/seeds/003_a64ae466073c5232.txt",
                  "          echo '{\"title\":\"AWS outage in us-east-1\",\"body\":\"...\"}' | ./newsroute classify -",
                  "Exit status: 0 all inputs classified, 1 some input could not be read or classified (reported on stderr)."})
final class ClassifyCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Article files, directories, or - for JSON lines on stdin.")
    List<String> files = new ArrayList<>();

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NewsrouteConfig settings = config.load(Map.of(), null);
        ArticlePipeline pipeline = ArticlePipeline.create(settings.classify(), settings.extract());
        ArticleReader reader = new ArticleReader(Clock.systemUTC());
        List<IngestProblem> problems = new ArrayList<>();
        int[] failed = {0};
        java.util.function.Consumer<RawArticle> classify = raw -> {
            try {
                out.println(ArticleJson.toLine(ArticleJson.of(pipeline.process(raw, Instant.now()), List.of())));
                out.flush();
            } catch (StageException e) {
                failed[0]++;
                err.println(raw.getSource() + ": article " + raw.getId() + " failed in stage " + e.stage() + ": " + e.getMessage());
            }
        };
        for (String file : files) {
            if ("-".equals(file)) {
                reader.readJsonLines(System.in, "stdin", classify, problems::add);
            } else {
                reader.read(Path.of(file), classify, problems::add);
            }
        }
        problems.forEach(problem -> err.println(problem));
        err.flush();
        return problems.isEmpty() && failed[0] == 0 ? 0 : 1;
    }
}
