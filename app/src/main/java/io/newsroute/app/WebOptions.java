package io.newsroute.app;

import java.util.Map;

import picocli.CommandLine.Option;

import io.newsroute.app.config.AppConfig;

/** Where `demo` and `run` serve the search page and API; each flag sets a {@code web.*} key. */
final class WebOptions {
    @Option(names = "--web-port", paramLabel = "PORT",
            description = "Port of the search page and JSON API (key web.port, default 8080; 0 = any free port).")
    Integer port;

    @Option(names = "--web-host", paramLabel = "HOST",
            description = "Address the search page binds to (key web.host, default 127.0.0.1, this machine only; 0.0.0.0 = every interface).")
    String host;

    @Option(names = "--no-web", negatable = false, description = "Do not serve the search page and API (key web.enabled=false).")
    boolean disabled;

    @Option(names = "--post-max-bytes", paramLabel = "BYTES",
            description = "Largest request body of POST /api/articles, the crawler endpoint (key web.post.max.bytes, default 5242880 = 5 MiB).")
    Long postMaxBytes;

    /** The keys these flags set; null for a flag that was not given. */
    Map<String, String> flags() {
        Map<String, String> flags = ConfigOptions.flags();
        flags.put(AppConfig.WEB_PORT, port == null ? null : port.toString());
        flags.put(AppConfig.WEB_HOST, host);
        flags.put(AppConfig.WEB_ENABLED, disabled ? "false" : null);
        flags.put(AppConfig.WEB_POST_MAX_BYTES, postMaxBytes == null ? null : postMaxBytes.toString());
        return flags;
    }
}
