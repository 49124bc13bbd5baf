package io.newsroute.testsupport;

import java.nio.file.Path;


import io.newsroute.embedded.EmbeddedOpenSearch;

/**
 * A real OpenSearch node ({@link EmbeddedOpenSearch}) for a test class, in a fresh temporary home
 * directory that is deleted afterwards. Use like {@link KafkaExtension}:
 * {@code @RegisterExtension static final OpenSearchExtension SEARCH = new OpenSearchExtension();}.
 * On a single node create indices with {@code number_of_replicas: 0}.
 */
public final class OpenSearchExtension extends EmbeddedServiceExtension<EmbeddedOpenSearch> {

    public OpenSearchExtension() {
        super("OpenSearchExtension", "newsroute-opensearch-");
    }

    @Override
    EmbeddedOpenSearch start(Path homeDir) {
        return EmbeddedOpenSearch.start(homeDir);
    }

    /** The REST base URL, {@code http://127.0.0.1:PORT}. */
    public String httpUrl() {
        return running().httpUrl();
    }
}
