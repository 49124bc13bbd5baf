package io.newsroute.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.newsroute.app.config.AppConfig;
import io.newsroute.app.config.NewsrouteConfig;

/** The pipeline as a service: topology plus sink, until interrupted. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the pipeline until interrupted: the classify topology (news.raw -> news.enriched, per-label topics,",
            "news.unclassified, news.dlq) and a Connect worker indexing news.enriched into OpenSearch.",
            "Without --bootstrap-servers / --search-url, an embedded broker / OpenSearch node is started."},
        footer = {"", "Example:  ./newsroute run --bootstrap-servers kafka:9092 --search-url http://opensearch:9200"})
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "State of embedded services and the topology (key run.data.dir; default: .newsroute/data in the Newsroute home).")
    Path dataDir;

    @Option(names = "--no-sink", negatable = false, description = "Do not run the Connect worker (key run.sink.enabled=false; index with a separate Connect cluster).")
    boolean noSink;

    @Option(names = "--no-classify", negatable = false, description = "Do not run the classify topology (key run.classify.enabled=false; only the sink).")
    boolean noClassify;

    @Mixin
    WebOptions web;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> flags = connection.flags();
        flags.putAll(web.flags());
        flags.put(AppConfig.RUN_DATA_DIR, dataDir == null ? null : dataDir.toString());
        flags.put(AppConfig.RUN_SINK_ENABLED, noSink ? "false" : null);
        flags.put(AppConfig.RUN_CLASSIFY_ENABLED, noClassify ? "false" : null);
        NewsrouteConfig settings = config.load(flags, connection.kafkaConfig);
        AppConfig app = settings.app();
        Path dir = app.runDataDir().map(Path::of).orElseGet(() -> RunState.home().resolve(".newsroute").resolve("data"));
        RuntimeOptions options = new RuntimeOptions(settings.bootstrapServers(), settings.searchUrl(), settings.searchUsername(),
                settings.searchPassword(), dir, settings.topics(), app.runClassify(), app.runSink(), settings.kafkaClient(),
                settings.classify(), settings.extract(), settings.sinkSettings());
        settings.file().ifPresent(file -> out.println("  config file " + file));
        try (PipelineRuntime runtime = PipelineRuntime.start(options, metrics.toOptions(), step -> {
            out.println("  " + step);
            out.flush();
        })) {
            String webUrl = DemoCommand.startWeb(out, runtime, app);
            RunState.write(runtime.bootstrapServers(), runtime.searchUrl(), webUrl);
            DemoCommand.printEndpoints(out, runtime);
            out.println("Running. Press Ctrl-C to stop.");
            out.flush();
            awaitShutdown(runtime);
        } finally {
            RunState.clear();
        }
        return 0;
    }

    /** Blocks until the JVM is asked to stop, then closes the runtime before the JVM exits. */
    static void awaitShutdown(PipelineRuntime runtime) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopped.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "newsroute-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
            runtime.close();
            RunState.clear();
        } finally {
            closed.countDown();
        }
    }
}
