package io.newsroute.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.newsroute.app.config.TopicsConfig;
import io.newsroute.classify.ClassifyConfig;
import io.newsroute.classify.extract.ExtractConfig;
import io.newsroute.schema.topic.NewsTopics;
import io.newsroute.sink.OpenSearchSinkConfig;

/**
 * What a {@link PipelineRuntime} connects to and runs. An empty bootstrap or search URL means
 * "start the embedded default" (an in-process KRaft broker, an in-process OpenSearch node).
 *
 * @param bootstrapServers Kafka bootstrap servers, or empty for the embedded broker
 * @param searchUrl OpenSearch URL, or empty for the embedded node
 * @param searchUsername basic-auth user for OpenSearch (empty: none)
 * @param searchPassword basic-auth password for OpenSearch (empty: none)
 * @param dataDir where embedded services and Streams state live
 * @param topicLayout the deployment's topics: names, and the settings {@code run} creates missing ones with
 * @param runClassify run the classify topology in this process
 * @param runSink run an in-process Connect worker with the OpenSearch sink
 * @param kafkaClientConfig extra Kafka client settings for every client of the runtime (security
 *     protocol, SASL, TLS), already resolved ({@link KafkaClientProperties}); empty for plaintext
 * @param classify settings of the classify stage and topology
 * @param extract settings of entity and fact extraction
 * @param sinkSettings connector keys ({@code sink.*}, {@code opensearch.*}) for the in-process sink, without
 *     the URL and credentials above
 */
public record RuntimeOptions(Optional<String> bootstrapServers,
                             Optional<String> searchUrl,
                             String searchUsername,
                             String searchPassword,
                             Path dataDir,
                             TopicsConfig topicLayout,
                             boolean runClassify,
                             boolean runSink,
                             Map<String, Object> kafkaClientConfig,
                             ClassifyConfig classify,
                             ExtractConfig extract,
                             Map<String, String> sinkSettings) {

    public RuntimeOptions {
        kafkaClientConfig = Map.copyOf(kafkaClientConfig);
        sinkSettings = Map.copyOf(sinkSettings);
    }

    /** Everything embedded, everything running, default topics, state under {@code dataDir}. */
    public static RuntimeOptions embedded(Path dataDir) {
        return new RuntimeOptions(Optional.empty(), Optional.empty(), "", "", dataDir, TopicsConfig.defaults(), true, true, Map.of(),
                ClassifyConfig.defaults(), ExtractConfig.defaults(), Map.of());
    }

    /** These options with other component settings. */
    public RuntimeOptions with(ClassifyConfig classify, ExtractConfig extract, TopicsConfig topicLayout, Map<String, String> sinkSettings) {
        return new RuntimeOptions(bootstrapServers, searchUrl, searchUsername, searchPassword, dataDir, topicLayout, runClassify, runSink,
                kafkaClientConfig, classify, extract, sinkSettings);
    }

    /** The topics' names ({@code topics.prefix}); how they are created is {@link #topicLayout()}. */
    public NewsTopics topics() {
        return topicLayout.names();
    }

    /** The alias the sink writes to and the search page reads ({@code opensearch.index.alias}, default news). */
    public String indexAlias() {
        return sinkSettings.getOrDefault(OpenSearchSinkConfig.INDEX_ALIAS, "news");
    }

    /** Primary shards of a newly created index ({@code opensearch.index.shards}, default 1). */
    public int indexShards() {
        return Integer.parseInt(sinkSettings.getOrDefault(OpenSearchSinkConfig.INDEX_SHARDS, "1").trim());
    }

    /** Replicas of a newly created index ({@code opensearch.index.replicas}, default 0). */
    public int indexReplicas() {
        return Integer.parseInt(sinkSettings.getOrDefault(OpenSearchSinkConfig.INDEX_REPLICAS, "0").trim());
    }
}
