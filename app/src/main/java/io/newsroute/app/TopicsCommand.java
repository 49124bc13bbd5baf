package io.newsroute.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigException;

import io.newsroute.app.config.NewsrouteConfig;
import io.newsroute.app.config.TopicsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.newsroute.schema.topic.NewsTopics;

/** {@code ./newsroute topics create|describe}: the deployment's topics, created explicitly and inspected. */
@Command(name = "topics",
        mixinStandardHelpOptions = true,
        description = {
            "Create and inspect Newsroute's topics (<prefix>raw, enriched, one per label, unclassified, dlq).",
            "The layout is part of the configuration (topics.prefix, topics.partitions, topics.replication.factor,",
            "topics.retention.ms: --config FILE, NEWSROUTE_TOPICS_* or --set) and the flags, which win."},
        subcommands = {TopicsCommand.Create.class, TopicsCommand.Describe.class},
        footer = {"", "Example:  ./newsroute topics create --bootstrap-servers kafka:9092 --partitions 12 --retention 14d",
                  "          ./newsroute topics describe --bootstrap-servers kafka:9092 --kafka-config client.properties"})
final class TopicsCommand implements Runnable {
    static final int EXIT_NOT_AS_REQUESTED = 3;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The option both subcommands read: the prefix. */
    static class LayoutOptions {
        @Option(names = "--prefix", paramLabel = "PREFIX", description = "Topic name prefix (topics.prefix, default news.).")
        String prefix;

        /** The prefix flag as a configuration key, for {@link ConfigOptions#load}. */
        Map<String, String> flags() {
            Map<String, String> flags = new HashMap<>();
            if (prefix != null) {
                flags.put(TopicsConfig.PREFIX, prefix);
            }
            return flags;
        }
    }

    @Command(name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Create every Newsroute topic that does not exist yet: partitions and replication as configured,",
                "<prefix>enriched compacted, the others deleted after the retention. Idempotent: existing topics are",
                "compared with the settings and reported, never changed."},
            footer = {"", "Exit status: 0 every topic exists as requested, 1 error, 2 usage error,",
                      "             3 some existing topic differs (partitions, cleanup policy, retention; replication when given)."})
    static final class Create implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Mixin
        ConfigOptions settingsFile;

        @Mixin
        LayoutOptions layout;

        @Option(names = "--partitions", paramLabel = "N", description = "Partitions per topic (topics.partitions, default 6).")
        Integer partitions;

        @Option(names = "--replication-factor", paramLabel = "N",
                description = "Replicas per partition (topics.replication.factor; default: the number of brokers, at most 3).")
        Integer replicationFactor;

        @Option(names = "--retention", paramLabel = "DURATION",
                description = "How long the retention-based topics keep records: 7d, 12h, 30m, 3600s, 60000ms or 'forever' "
                        + "(topics.retention.ms, default 7d).")
        String retention;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Map<String, String> flags = connection.flags();
            flags.putAll(layout.flags());
            if (partitions != null) {
                flags.put(TopicsConfig.PARTITIONS, String.valueOf(partitions));
            }
            if (replicationFactor != null) {
                flags.put(TopicsConfig.REPLICATION_FACTOR, String.valueOf(replicationFactor));
            }
            if (retention != null) {
                flags.put(TopicsConfig.RETENTION_MS, String.valueOf(parseRetention(retention)));
            }
            NewsrouteConfig settings = settingsFile.load(flags, connection.kafkaConfig);
            TopicsConfig config = settings.topics();
            String bootstrap = ConnectionOptions.requireBootstrapServers(settings);
            try (Admin admin = admin(settings, bootstrap)) {
                TopicAdmin topics = new TopicAdmin(admin, ADMIN_TIMEOUT);
                int brokers = topics.brokers();
                NewsTopics layoutTopics;
                try {
                    layoutTopics = config.topics(brokers);
                } catch (ConfigException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
                List<TopicAdmin.Created> results = topics.create(layoutTopics, config.replicationFactor() != TopicsConfig.AUTO_REPLICATION);
                int width = results.stream().mapToInt(r -> r.spec().name().length()).max().orElse(10);
                for (TopicAdmin.Created result : results) {
                    String what = switch (result.outcome()) {
                        case CREATED -> describe(result.spec().partitions(), result.spec().replicationFactor(),
                                result.spec().configs().getOrDefault("cleanup.policy", "delete"),
                                result.spec().configs().get("retention.ms"));
                        case EXISTS -> "already exists as requested";
                        case DIFFERS -> String.join("; ", result.differences());
                    };
                    out.printf("%-8s %-" + width + "s  %s%n", label(result.outcome()), result.spec().name(), what);
                }
                long created = count(results, TopicAdmin.Outcome.CREATED);
                long exists = count(results, TopicAdmin.Outcome.EXISTS);
                long differs = count(results, TopicAdmin.Outcome.DIFFERS);
                out.printf("%d topics at %s (%d broker%s): %d created, %d already as requested, %d differ%s%n", results.size(), bootstrap,
                        brokers, brokers == 1 ? "" : "s", created, exists, differs,
                        differs == 0 ? "" : ". Newsroute never changes existing topics: fix them with kafka-topics/kafka-configs, "
                                + "or recreate them (deleting their records).");
                out.flush();
                return differs == 0 ? 0 : EXIT_NOT_AS_REQUESTED;
            }
        }
    }

    @Command(name = "describe",
            mixinStandardHelpOptions = true,
            description = "Show each Newsroute topic: partitions, replication, cleanup policy, retention and end offsets per partition.",
            footer = {"", "Exit status: 0 every topic exists, 1 error, 2 usage error, 3 some topic is missing (run `topics create`)."})
    static final class Describe implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Mixin
        ConfigOptions settingsFile;

        @Mixin
        LayoutOptions layout;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Map<String, String> flags = connection.flags();
            flags.putAll(layout.flags());
            NewsrouteConfig settings = settingsFile.load(flags, connection.kafkaConfig);
            TopicsConfig config = settings.topics();
            String bootstrap = ConnectionOptions.requireBootstrapServers(settings);
            try (Admin admin = admin(settings, bootstrap)) {
                List<TopicAdmin.State> states = new TopicAdmin(admin, ADMIN_TIMEOUT).describe(config.topics(Integer.MAX_VALUE));
                int width = Math.max("topic".length(), states.stream().mapToInt(s -> s.name().length()).max().orElse(10));
                String format = "%-" + width + "s  %10s  %11s  %-14s  %9s  %s%n";
                out.printf(format, "topic", "partitions", "replication", "cleanup.policy", "retention", "end offsets (partition:offset)");
                int missing = 0;
                for (TopicAdmin.State state : states) {
                    if (!state.exists()) {
                        missing++;
                        out.printf(format, state.name(), "-", "-", "-", "-", "missing");
                        continue;
                    }
                    String offsets = state.endOffsets().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                            .collect(Collectors.joining(" ")) + "  (" + state.records() + " in total)";
                    out.printf(format, state.name(), state.partitions(), state.replication(), state.cleanupPolicy(),
                            state.cleanupPolicy().contains("delete") ? formatRetention(state.retentionMs()) : "-", offsets);
                }
                if (missing > 0) {
                    out.printf("%d of %d topics missing at %s: run ./newsroute topics create%n", missing, states.size(), bootstrap);
                }
                out.flush();
                return missing == 0 ? 0 : EXIT_NOT_AS_REQUESTED;
            }
        }
    }

    private static Admin admin(NewsrouteConfig settings, String bootstrap) {
        Map<String, Object> props = new HashMap<>(settings.kafkaClient());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "newsroute-topics");
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return Admin.create(props);
    }

    private static long count(List<TopicAdmin.Created> results, TopicAdmin.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    private static String label(TopicAdmin.Outcome outcome) {
        return switch (outcome) {
            case CREATED -> "created";
            case EXISTS -> "exists";
            case DIFFERS -> "DIFFERS";
        };
    }

    private static String describe(int partitions, short replication, String cleanup, String retentionMs) {
        return partitions + " partitions, replication " + replication + ", cleanup.policy=" + cleanup
                + (retentionMs == null ? "" : ", retention " + formatRetention(Long.parseLong(retentionMs)));
    }

    /** {@code 7d}, {@code 12h}, {@code 90m}, {@code 45s}, {@code 1500ms}, or {@code forever} for -1. */
    static String formatRetention(long ms) {
        if (ms < 0) {
            return "forever";
        }
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms >= units[i] && ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }

    /** Parses {@code --retention}; errors name the flag and the key. */
    static long parseRetention(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.equals("forever") || text.equals("-1")) {
            return -1;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--retention (" + TopicsConfig.RETENTION_MS + "): '" + value
                    + "' is not a duration; use e.g. 7d, 12h, 30m, 3600s, 60000ms or forever");
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return duration.toMillis();
    }
}
