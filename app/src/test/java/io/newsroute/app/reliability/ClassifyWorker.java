package io.newsroute.app.reliability;

import java.nio.file.Path;
import java.util.Map;

import io.newsroute.classify.ArticlePipeline;
import io.newsroute.classify.ClassifyConfig;
import io.newsroute.schema.topic.NewsTopics;

/**
 * The classify application in a JVM of its own, so that a test can kill it abruptly
 * ({@code Process.destroyForcibly()}: SIGKILL, no shutdown hook, no commit, open transactions left
 * behind). Arguments: bootstrap servers, topic prefix, application id, state directory. Prints
 * {@value #READY} once the topology is RUNNING.
 */
public final class ClassifyWorker {
    static final String READY = "CLASSIFY-WORKER-RUNNING";

    private ClassifyWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = args[0];
        NewsTopics topics = NewsTopics.of(args[1], 6, (short) 1, NewsTopics.DEFAULT_RETENTION_MS);
        ClassifyConfig config = ClassifyApp.config(args[2], Map.of());
        ArticlePipeline pipeline = ArticlePipeline.create(config);
        ClassifyApp.start(pipeline, config, topics, bootstrap, Path.of(args[3]), Map.of());
        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join();
    }
}
