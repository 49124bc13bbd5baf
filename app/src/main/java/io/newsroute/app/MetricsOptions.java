package io.newsroute.app;

import picocli.CommandLine.Option;

/** Where `demo` and `run` serve metrics, health and readiness. */
final class MetricsOptions {
    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "" + MonitoringOptions.DEFAULT_PORT,
            description = "Port of /metrics (Prometheus), /health and /ready (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address the metrics endpoints bind to (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 = every interface).")
    String host;

    @Option(names = "--no-metrics", negatable = false, description = "Do not serve /metrics, /health and /ready.")
    boolean disabled;

    MonitoringOptions toOptions() {
        return disabled ? MonitoringOptions.disabled() : MonitoringOptions.on(host, port);
    }
}
