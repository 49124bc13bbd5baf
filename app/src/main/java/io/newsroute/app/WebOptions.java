package io.newsroute.app;

import picocli.CommandLine.Option;

/** Where `demo` and `run` serve the search page and API. */
final class WebOptions {
    @Option(names = "--web-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the search page and JSON API (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--web-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address the search page binds to (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 = every interface).")
    String host;

    @Option(names = "--no-web", negatable = false, description = "Do not serve the search page and API.")
    boolean disabled;

    void validate() {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--web-port must be 0..65535, was " + port);
        }
    }
}
