package io.newsroute.app.reliability;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.classify.ArticlePipeline;
import io.newsroute.classify.ClassifyConfig;
import io.newsroute.classify.ClassifyStreams;
import io.newsroute.classify.ClassifyTopology;
import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.testsupport.Wait;

/**
 * One instance of the classify application, configured exactly as production
 * ({@link ClassifyStreams#properties}: exactly_once_v2) plus a short session timeout so that a
 * dead instance's partitions move within seconds. Stream threads that die (e.g. while the broker is
 * away) are replaced, as {@code PipelineRuntime} does.
 */
final class ClassifyApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClassifyApp.class);

    private final KafkaStreams streams;

    private ClassifyApp(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The test configuration: low-accuracy detection (real Lingua, 1 s instead of 6-9 s to load). */
    static ClassifyConfig config(String applicationId, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(ClassifyConfig.APPLICATION_ID, applicationId);
        props.put(ClassifyConfig.DETECT_ACCURACY, "low");
        props.put(ClassifyConfig.NUM_STREAM_THREADS, 2);
        return new ClassifyConfig(props);
    }

    static Properties streamsProperties(ClassifyConfig config, String bootstrap, Path stateDir, Map<String, Object> clientOverrides) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        overrides.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
        overrides.putAll(clientOverrides);
        return ClassifyStreams.properties(config, bootstrap, stateDir, overrides);
    }

    static ClassifyApp start(ArticlePipeline pipeline, ClassifyConfig config, NewsTopics topics, String bootstrap,
                             Path stateDir, Map<String, Object> clientOverrides) {
        KafkaStreams streams = new KafkaStreams(ClassifyTopology.build(topics, pipeline, Clock.systemUTC(), config),
                streamsProperties(config, bootstrap, stateDir, clientOverrides));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.warn("stream thread failed, replacing it: {}", e.toString());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        ClassifyApp app = new ClassifyApp(streams);
        Wait.waitForCondition(() -> streams.state() == KafkaStreams.State.RUNNING, Duration.ofMinutes(2),
                "classify app " + config.applicationId() + " RUNNING");
        return app;
    }

    KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
