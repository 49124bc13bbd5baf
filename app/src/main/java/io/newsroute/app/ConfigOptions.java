package io.newsroute.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine.Option;

import io.newsroute.app.config.NewsrouteConfig;

/**
 * {@code --config FILE} and {@code --set KEY=VALUE}, shared by the commands that read the configuration.
 * {@link #load} is the only way a command gets its settings; the merge itself is {@link NewsrouteConfig}.
 */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file, .properties or .yaml (default: " + NewsrouteConfig.DEFAULT_FILE + " in the working directory, "
                    + "if present). Flags win over environment variables (NEWSROUTE_<KEY>), which win over the file, which wins "
                    + "over the defaults. Every key: " + NewsrouteConfig.REFERENCE + ".")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set any key of " + NewsrouteConfig.REFERENCE + " (repeatable), e.g. --set classify.languages=de,en,fr.")
    Map<String, String> set = new LinkedHashMap<>();

    /**
     * Merges defaults, the config file, the environment and the command line.
     *
     * @param flags keys set by the command's own flags (null values are skipped); they win over {@code --set}
     * @param kafkaConfig {@code --kafka-config FILE}, or null
     * @throws io.newsroute.app.config.ConfigurationException naming every unknown key and invalid value
     */
    NewsrouteConfig load(Map<String, String> flags, Path kafkaConfig) {
        Map<String, String> merged = new LinkedHashMap<>(set);
        flags.forEach((key, value) -> {
            if (value != null) {
                merged.put(key, value);
            }
        });
        return NewsrouteConfig.load(NewsrouteConfig.Sources.of(Optional.ofNullable(file), merged, Optional.ofNullable(kafkaConfig)));
    }

    /** Flags as keys: a map that keeps nulls out ({@code put(key, null)} is a flag that was not given). */
    static Map<String, String> flags() {
        return new LinkedHashMap<>();
    }
}
