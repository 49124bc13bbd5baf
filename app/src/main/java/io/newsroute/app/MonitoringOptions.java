package io.newsroute.app;

import java.util.Objects;

/**
 * Whether and where a {@link PipelineRuntime} serves {@code /metrics}, {@code /health} and {@code /ready}
 * ({@link io.newsroute.app.ops.MonitoringServer}). Port 0 picks any free port; a busy port falls back to one.
 */
public record MonitoringOptions(boolean enabled, String host, int port) {
    public static final int DEFAULT_PORT = 9464;

    public MonitoringOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--metrics-port must be 0..65535, was " + port);
        }
    }

    /** No monitoring server; meters are still recorded. */
    public static MonitoringOptions disabled() {
        return new MonitoringOptions(false, "127.0.0.1", 0);
    }

    /** Serve on {@code host:port}. */
    public static MonitoringOptions on(String host, int port) {
        return new MonitoringOptions(true, host, port);
    }
}
