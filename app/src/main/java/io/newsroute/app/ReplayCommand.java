package io.newsroute.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.newsroute.app.config.AppConfig;
import io.newsroute.app.config.NewsrouteConfig;
import io.newsroute.classify.ArticlePipeline;
import io.newsroute.classify.ClassifyConfig;
import io.newsroute.classify.ClassifyTopology;
import io.newsroute.schema.topic.NewsTopics;

/** Reprocess news.raw from a point in time with the current model; see {@link Replay}. */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Reprocess news.raw from a point in time with the current model, under the application id",
            "newsroute-classify-<model version> (or --application-id). Output goes to the usual topics; news.enriched",
            "(compacted) and the index (external_gte on processedAt) converge to the new model's output, without duplicates.",
            "The label topics get only the articles that gained a label (--label-topics)."},
        footer = {"", "Example:  ./newsroute replay --from 2025-06-01T00:00:00Z --until-caught-up --bootstrap-servers kafka:9092",
                  "          ./newsroute replay --from beginning --kafka-config client.properties"})
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--from", required = true, paramLabel = "TIME|beginning",
            description = "Where to start: 'beginning' or an ISO-8601 time such as 2025-06-01T00:00:00Z (first record at or after it).")
    String from;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Kafka Streams application id of the replay (key replay.application.id; default: newsroute-classify-<model version>).")
    String applicationId;

    @Option(names = "--until-caught-up", negatable = false,
            description = "Exit once the replay has processed everything that was in news.raw when it started (else run until Ctrl-C).")
    boolean untilCaughtUp;

    @Option(names = "--label-topics", paramLabel = "MODE", defaultValue = "changed",
            description = {"What the label topics and <prefix>unclassified get: changed (default: an article only when it gained",
                           "that label, or lost every label; needs disk for a copy of <prefix>enriched), all (every replayed",
                           "article again) or none (only <prefix>enriched and the index are rewritten)."})
    String labelTopics;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Streams state of the replay (key replay.data.dir; default: .newsroute/replay in the Newsroute home).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Instant> start = Replay.parseFrom(from);
        ClassifyTopology.LabelOutput labels = labelOutput(labelTopics);
        Map<String, String> flags = connection.flags();
        flags.put(AppConfig.REPLAY_APPLICATION_ID, applicationId);
        flags.put(AppConfig.REPLAY_DATA_DIR, dataDir == null ? null : dataDir.toString());
        NewsrouteConfig settings = config.load(flags, connection.kafkaConfig);
        String bootstrap = ConnectionOptions.requireBootstrapServers(settings);
        Map<String, Object> client = settings.kafkaClient();
        out.println("  loading the current model");
        out.flush();
        ArticlePipeline pipeline = ArticlePipeline.create(settings.classify(), settings.extract());
        String id = settings.app().replayApplicationId().orElseGet(() -> Replay.applicationId(pipeline.modelVersion()));
        // the live topology's classify.application.id is not the replay's
        Map<String, Object> props = new HashMap<>(settings.classify().originals());
        props.put(ClassifyConfig.APPLICATION_ID, id);
        ClassifyConfig classify = new ClassifyConfig(props);
        out.println("  replaying " + settings.topics().names().raw().name() + " " + start.map(t -> "from " + t).orElse("from the beginning") + " with model "
                + pipeline.modelVersion() + " as " + id
                + "; label topics: " + labels.name().toLowerCase(Locale.ROOT));
        out.flush();
        Path dir = settings.app().replayDataDir().map(Path::of).orElseGet(() -> RunState.home().resolve(".newsroute").resolve("replay"));
        try (ProgressMeter meter = ProgressMeter.start("replay", 0, ProgressMeter.Unit.ITEMS, "records", spec.commandLine().getErr())) {
            Replay.run(pipeline, classify, settings.topics().names(), bootstrap, client, dir, start, untilCaughtUp, Duration.ofDays(365),
                    labels,
                    (processed, total) -> {
                        // records arriving after the start are not in the total: without --until-caught-up it only counts
                        meter.total(untilCaughtUp ? total : 0);
                        meter.set(processed);
                    });
        }
        out.println(untilCaughtUp ? "Replay caught up." : "Replay stopped.");
        return 0;
    }

    static ClassifyTopology.LabelOutput labelOutput(String mode) {
        try {
            return ClassifyTopology.LabelOutput.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--label-topics must be changed, all or none, got '" + mode + "'", e);
        }
    }
}
