package io.newsroute.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.producer.ProducerConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.newsroute.app.config.NewsrouteConfig;
import io.newsroute.ingest.ArticleReader;
import io.newsroute.ingest.IngestReport;
import io.newsroute.ingest.Ingestor;
import io.newsroute.ingest.RawArticleProducer;
import io.newsroute.schema.topic.NewsTopics;

/** Files and directories into news.raw. */
@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Send articles to news.raw: .txt (one plain-text article), .json (one article or an array),",
            ".jsonl (one per line), directories (recursively), or - (JSON lines on stdin).",
            "Each article gets a stable id (canonical URL, else content hash): ingesting twice does not duplicate.",
            "Unparseable files and lines are reported with path and line; the rest still goes in."},
        footer = {"", "Example:  ./newsroute ingest articles/ --bootstrap-servers 127.0.0.1:9092",
                  "Exit status: 0 everything sent, 1 some input was reported as a problem (the rest was sent)."})
final class IngestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, directories, or - for JSON lines on stdin.")
    List<String> paths = new ArrayList<>();

    @Mixin
    ConfigOptions config;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NewsrouteConfig settings = config.load(connection.flags(), connection.kafkaConfig);
        String bootstrap = ConnectionOptions.requireBootstrapServers(settings);
        NewsTopics topics = NewsTopics.defaults();
        List<IngestReport> reports = new ArrayList<>();
        Map<String, Object> client = new HashMap<>(settings.kafkaClient());
        client.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (RawArticleProducer producer = new RawArticleProducer(client, topics.raw())) {
            Ingestor ingestor = new Ingestor(new ArticleReader(Clock.systemUTC()), producer);
            List<Path> files = new ArrayList<>();
            for (String path : paths) {
                if ("-".equals(path)) {
                    reports.add(ingestor.ingestJsonLines(System.in, "stdin"));
                } else {
                    files.add(Path.of(path));
                }
            }
            if (!files.isEmpty()) {
                reports.add(ingestor.ingest(files));
            }
        }
        long articles = reports.stream().mapToLong(IngestReport::articles).sum();
        long problems = reports.stream().mapToLong(r -> r.problems().size()).sum();
        reports.forEach(r -> r.problems().forEach(err::println));
        err.flush();
        out.printf("sent %d article%s to %s at %s%s%n", articles, articles == 1 ? "" : "s", topics.raw().name(), bootstrap,
                problems == 0 ? "" : "; " + problems + " problem" + (problems == 1 ? "" : "s") + " reported above");
        out.flush();
        return problems == 0 ? 0 : 1;
    }
}
