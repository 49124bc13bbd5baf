package io.newsroute.app;

import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine.Option;

import io.newsroute.app.config.AppConfig;
import io.newsroute.app.config.NewsrouteConfig;
import io.newsroute.sink.OpenSearchSinkConfig;

/**
 * Where Kafka and OpenSearch are; shared by the subcommands. Each flag sets a key of the configuration
 * ({@link #flags}), so the same settings can come from the config file or the environment.
 */
final class ConnectionOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (key kafka.bootstrap.servers). Default: the running demo's broker, or an embedded one for demo/run.")
    String bootstrapServers;

    @Option(names = "--search-url", paramLabel = "URL",
            description = "OpenSearch URL, e.g. https://search.example:9200 (key opensearch.url). Default: the running demo's node, or an embedded one for demo/run.")
    String searchUrl;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties for every client (security.protocol, sasl.*, ssl.*), like kafka.* keys in the config file; "
                    + "$${env:NAME} and $${file:PATH} in values are resolved, so secrets stay out of the file.")
    Path kafkaConfig;

    @Option(names = "--search-username", paramLabel = "USER",
            description = "OpenSearch basic-auth user (key opensearch.username, env NEWSROUTE_SEARCH_USERNAME). "
                    + "The password is read from NEWSROUTE_SEARCH_PASSWORD (or opensearch.password in the config file).")
    String searchUsername;

    /** The keys these flags set; null for a flag that was not given. */
    Map<String, String> flags() {
        Map<String, String> flags = ConfigOptions.flags();
        flags.put(AppConfig.BOOTSTRAP_SERVERS, blankToNull(bootstrapServers));
        flags.put(OpenSearchSinkConfig.URL, blankToNull(searchUrl));
        flags.put(OpenSearchSinkConfig.USERNAME, searchUsername);
        return flags;
    }

    /** The configured bootstrap servers, else those of a running instance, else an error that says what to do. */
    static String requireBootstrapServers(NewsrouteConfig config) {
        return config.bootstrapServers().or(() -> RunState.get(RunState.BOOTSTRAP)).orElseThrow(() -> new IllegalArgumentException(
                "no Kafka to talk to: pass --bootstrap-servers HOST:PORT (or set kafka.bootstrap.servers), or start `./newsroute demo` (or `run`) in another terminal first"));
    }

    /** The configured search URL, else that of a running instance, else an error that says what to do. */
    static String requireSearchUrl(NewsrouteConfig config) {
        return config.searchUrl().or(() -> RunState.get(RunState.SEARCH_URL)).orElseThrow(() -> new IllegalArgumentException(
                "no search index to query: pass --search-url URL (or set opensearch.url), or start `./newsroute demo` (or `run`) in another terminal first"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
