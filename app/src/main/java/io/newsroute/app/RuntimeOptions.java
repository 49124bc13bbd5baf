package io.newsroute.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.newsroute.schema.topic.NewsTopics;

/**
 * What a {@link PipelineRuntime} connects to and runs. An empty bootstrap or search URL means
 * "start the embedded default" (an in-process KRaft broker, an in-process OpenSearch node).
 *
 * @param bootstrapServers Kafka bootstrap servers, or empty for the embedded broker
 * @param searchUrl OpenSearch URL, or empty for the embedded node
 * @param searchUsername basic-auth user for OpenSearch (empty: none)
 * @param searchPassword basic-auth password for OpenSearch (empty: none)
 * @param dataDir where embedded services and Streams state live
 * @param topics the deployment's topics
 * @param runClassify run the classify topology in this process
 * @param runSink run an in-process Connect worker with the OpenSearch sink
 * @param kafkaClientConfig extra Kafka client settings for every client of the runtime (security
 *     protocol, SASL, TLS), already resolved ({@link KafkaClientProperties}); empty for plaintext
 */
public record RuntimeOptions(Optional<String> bootstrapServers,
                             Optional<String> searchUrl,
                             String searchUsername,
                             String searchPassword,
                             Path dataDir,
                             NewsTopics topics,
                             boolean runClassify,
                             boolean runSink,
                             Map<String, Object> kafkaClientConfig) {

    public RuntimeOptions {
        kafkaClientConfig = Map.copyOf(kafkaClientConfig);
    }

    /** Everything embedded, everything running, default topics, state under {@code dataDir}. */
    public static RuntimeOptions embedded(Path dataDir) {
        return new RuntimeOptions(Optional.empty(), Optional.empty(), "", "", dataDir, NewsTopics.defaults(), true, true, Map.of());
    }
}
