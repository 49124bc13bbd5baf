package io.newsroute.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine.Option;

/** Where Kafka and OpenSearch are; shared by the subcommands. */
final class ConnectionOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers. Default: the running demo's broker, or an embedded one for demo/run.")
    String bootstrapServers;

    @Option(names = "--search-url", paramLabel = "URL",
            description = "OpenSearch URL, e.g. https://search.example:9200. Default: the running demo's node, or an embedded one for demo/run.")
    String searchUrl;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties for every client (security.protocol, sasl.*, ssl.*); "
                    + "${env:NAME} and ${file:PATH} in values are resolved, so secrets stay out of the file.")
    Path kafkaConfig;

    @Option(names = "--search-username", paramLabel = "USER", defaultValue = "${env:NEWSROUTE_SEARCH_USERNAME:-}",
            description = "OpenSearch basic-auth user (env NEWSROUTE_SEARCH_USERNAME).")
    String searchUsername;

    /** Read from the environment only, so it never shows in a process list or shell history. */
    String searchPassword() {
        String password = System.getenv("NEWSROUTE_SEARCH_PASSWORD");
        return password == null ? "" : password;
    }

    /** The resolved client settings of --kafka-config; empty without it. */
    Map<String, Object> kafkaClientConfig() {
        return KafkaClientProperties.load(kafkaConfig);
    }

    Optional<String> bootstrapServers() {
        return Optional.ofNullable(blankToNull(bootstrapServers));
    }

    Optional<String> searchUrl() {
        return Optional.ofNullable(blankToNull(searchUrl));
    }

    /** The given bootstrap servers, else those of a running instance, else an error that says what to do. */
    String requireBootstrapServers() {
        return bootstrapServers().or(() -> RunState.get(RunState.BOOTSTRAP)).orElseThrow(() -> new IllegalArgumentException(
                "no Kafka to talk to: pass --bootstrap-servers HOST:PORT, or start `./newsroute demo` (or `run`) in another terminal first"));
    }

    /** The given search URL, else that of a running instance, else an error that says what to do. */
    String requireSearchUrl() {
        return searchUrl().or(() -> RunState.get(RunState.SEARCH_URL)).orElseThrow(() -> new IllegalArgumentException(
                "no search index to query: pass --search-url URL, or start `./newsroute demo` (or `run`) in another terminal first"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
