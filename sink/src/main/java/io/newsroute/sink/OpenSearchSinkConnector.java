package io.newsroute.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect sink connector that indexes {@code news.enriched} into OpenSearch (see
 * {@link OpenSearchSinkTask}). Configure it with {@code key.converter=StringConverter},
 * {@code value.converter=ByteArrayConverter} and the keys of {@link OpenSearchSinkConfig}; set
 * {@code errors.tolerance=all} and {@code errors.deadletterqueue.topic.name} to dead-letter
 * rejected documents instead of failing the task. Tasks are identical: Kafka spreads the topic's
 * partitions over them.
 */
public final class OpenSearchSinkConnector extends SinkConnector {
    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchSinkConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return SinkVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        OpenSearchSinkConfig config = new OpenSearchSinkConfig(props); // fail fast on a bad configuration
        this.props = Map.copyOf(props);
        LOG.info("OpenSearch sink connector started for {} (alias {})", config.urls(), config.indexAlias());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return OpenSearchSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (props == null) {
            throw new IllegalStateException("connector not started");
        }
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return OpenSearchSinkConfig.CONFIG;
    }
}
