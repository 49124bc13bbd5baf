package io.newsroute.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.newsroute.app.config.NewsrouteConfig;
import io.newsroute.schema.topic.NewsTopics;

/** {@code ./newsroute dlq list|redrive}: what is in the dead-letter topic and why, and sending it through again. */
@Command(name = "dlq",
        mixinStandardHelpOptions = true,
        description = {
            "Inspect the dead-letter topic (<prefix>dlq) and send its records through the pipeline again once the cause is",
            "fixed. It holds the classify topology's dead letters (stages deserialize, validate, normalize, detect-language,",
            "classify, extract) and the records the search sink could not index (stage index)."},
        subcommands = {DlqCommand.ListLetters.class, DlqCommand.Redrive.class},
        footer = {"", "Example:  ./newsroute dlq list --from 2026-11-30T00:00:00Z",
                  "          ./newsroute dlq redrive --stage index --dry-run"})
final class DlqCommand implements Runnable {
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    private static final int REASON_WIDTH = 160;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options both subcommands take: where to read, from when, which stage. */
    static class Selection {
        @Mixin
        ConfigOptions config;

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--from", paramLabel = "TIME|beginning", defaultValue = "beginning",
                description = "Only dead letters written at or after this ISO-8601 time (default: the whole topic).")
        String from;

        @Option(names = "--stage", paramLabel = "STAGE",
                description = "Only this stage: deserialize, validate, normalize, detect-language, classify, extract, index or unknown.")
        String stage;

        NewsrouteConfig settings;

        List<DeadLetters.Entry> read() {
            settings = config.load(connection.flags(), connection.kafkaConfig);
            Optional<Instant> since = Replay.parseFrom(from);
            List<DeadLetters.Entry> entries = DeadLetters.read(client(), topics(), since, READ_TIMEOUT);
            return stage == null ? entries : entries.stream().filter(e -> e.stage().equalsIgnoreCase(stage.trim())).toList();
        }

        NewsTopics topics() {
            return settings.topics().names();
        }

        Map<String, Object> client() {
            Map<String, Object> client = new HashMap<>(settings.kafkaClient());
            client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, ConnectionOptions.requireBootstrapServers(settings));
            return client;
        }

        String describe() {
            return topics().dlq().name() + (from.equalsIgnoreCase("beginning") ? "" : " since " + from)
                    + (stage == null ? "" : " at stage " + stage);
        }
    }

    @Command(name = "list",
            mixinStandardHelpOptions = true,
            description = "Print every dead letter: when, stage, where it was read, article id and reason; then a count per stage.")
    static final class ListLetters implements Callable<Integer> {
        @Mixin
        Selection selection;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "200",
                description = "Print at most the N newest (default 200; the counts cover all).")
        int limit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<DeadLetters.Entry> entries = selection.read();
            List<DeadLetters.Entry> shown = entries.subList(Math.max(0, entries.size() - Math.max(0, limit)), entries.size());
            if (shown.size() < entries.size()) {
                out.printf(Locale.ROOT, "(the %d newest of %d)%n", shown.size(), entries.size());
            }
            for (DeadLetters.Entry e : shown) {
                out.printf(Locale.ROOT, "%s  %-15s  %-24s  %-20s  %s%n", e.failedAt().truncatedTo(ChronoUnit.SECONDS), e.stage(),
                        e.source(), e.articleId().orElse("-"), shorten(e.reason()));
            }
            long resendable = entries.stream().filter(e -> e.redriveTopic().isPresent()).count();
            out.printf(Locale.ROOT, "%d dead letter%s in %s: %s. %d can be sent through again (`./newsroute dlq redrive`).%n",
                    entries.size(), entries.size() == 1 ? "" : "s", selection.describe(), DeadLetters.countByStage(entries), resendable);
            out.flush();
            return 0;
        }
    }

    @Command(name = "redrive",
            mixinStandardHelpOptions = true,
            description = {
                "Send dead letters through again, once their cause is fixed: a topology dead letter's original record goes",
                "back to <prefix>raw (reclassified by the running topology), a record the sink could not index back to",
                "<prefix>enriched (indexed again). Dead letters with a truncated value or an unknown format are skipped",
                "and counted. Records are never removed from the dead-letter topic: redriving twice sends twice, which",
                "the compacted enriched topic and the index absorb, but label-topic subscribers see the article again."})
    static final class Redrive implements Callable<Integer> {
        @Mixin
        Selection selection;

        @Option(names = "--dry-run", negatable = false, description = "Only say what would be sent where.")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            List<DeadLetters.Entry> entries = selection.read();
            Map<String, Integer> perTopic = new TreeMap<>();
            int skipped = 0;
            for (DeadLetters.Entry e : entries) {
                if (e.redriveTopic().isPresent()) {
                    perTopic.merge(e.redriveTopic().get(), 1, Integer::sum);
                } else {
                    skipped++;
                }
            }
            if (!dryRun && !perTopic.isEmpty()) {
                send(selection.client(), entries);
            }
            String sent = perTopic.entrySet().stream().map(t -> t.getValue() + " to " + t.getKey())
                    .reduce((a, b) -> a + ", " + b).orElse("nothing");
            out.printf(Locale.ROOT, "%s%s of %d dead letter%s in %s; %d skipped (truncated value or unknown format).%n",
                    dryRun ? "would send " : "sent ", sent, entries.size(), entries.size() == 1 ? "" : "s", selection.describe(), skipped);
            out.flush();
            return 0;
        }

        private static void send(Map<String, Object> client, List<DeadLetters.Entry> entries) throws InterruptedException {
            Map<String, Object> config = new HashMap<>(client);
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
                List<Future<RecordMetadata>> results = new java.util.ArrayList<>();
                for (DeadLetters.Entry e : entries) {
                    e.redriveTopic().ifPresent(topic -> results.add(producer.send(new ProducerRecord<>(topic, e.key(), e.value()))));
                }
                for (Future<RecordMetadata> result : results) {
                    try {
                        result.get();
                    } catch (ExecutionException ex) {
                        throw new IllegalStateException("sending a dead letter again failed: " + ex.getCause().getMessage(), ex.getCause());
                    }
                }
            }
        }
    }

    private static String shorten(String reason) {
        String line = reason.replaceAll("\\s+", " ").trim();
        return line.length() <= REASON_WIDTH ? line : line.substring(0, REASON_WIDTH - 1) + "…";
    }
}
