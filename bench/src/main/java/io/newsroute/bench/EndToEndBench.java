package io.newsroute.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsroute.classify.ArticlePipeline;
import io.newsroute.classify.ClassifyConfig;
import io.newsroute.classify.extract.ExtractConfig;
import io.newsroute.classify.ClassifyStreams;
import io.newsroute.classify.ClassifyTopology;
import io.newsroute.embedded.EmbeddedKafka;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Facts;
import io.newsroute.schema.Label;
import io.newsroute.schema.LanguageInfo;
import io.newsroute.schema.Labels;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.AvroTrust;
import io.newsroute.schema.serde.NewsSerdes;
import io.newsroute.schema.topic.NewsTopics;

/**
 * End-to-end benchmark of the classify topology against an embedded KRaft broker (issue 7).
 *
 * <p>For each of two topologies — the real classify topology ({@link ClassifyTopology} with one
 * {@link ArticlePipeline}) and a pass-through ceiling (same topics, serdes, fan-out and
 * exactly_once_v2 settings, but no NLP: decode, build a minimal {@link EnrichedArticle} carrying the
 * corpus' own labels, route) — it runs:
 * <ol>
 *   <li>throughput: produce N articles as fast as possible into {@code raw} (6 partitions) while the
 *       topology runs; the clock stops when a read_committed consumer of {@code enriched} has seen
 *       every article id;</li>
 *   <li>latency: produce at a fixed offered rate for a fixed time; per article the latency is from
 *       the raw record's timestamp (the send time) to the moment the enriched record is returned to
 *       a read_committed consumer (so it includes the exactly-once commit).</li>
 * </ol>
 * The article mix is built from {@code corpus/<lang>/articles*.jsonl}: 80% unlabelled, 20% labelled,
 * every language of the corpus, bodies extended with other bodies of the same language and class
 * or truncated to a log-uniform length between 300 and 10,000 characters. Seeded, so reproducible.
 *
 * <p>Usage: {@code EndToEndBench [N=20000] [rate=200] [out.json=target/e2e.json] [latencySeconds=30] [corpusDir]}.
 * This is a command-line tool: it prints its summary on standard output.
 */
public final class EndToEndBench {
    private static final Logger LOG = LoggerFactory.getLogger(EndToEndBench.class);
    static final double LABELLED_SHARE = 0.2;
    static final int MIN_CHARS = 300;
    static final int MAX_CHARS = 10_000;
    private static final long SEED = 7L;

    private EndToEndBench() {
    }

    /** What to run. */
    public record Options(int articles, int ratePerSecond, Duration latencyRun, Path corpusDir, Path workDir) {
        public Options {
            if (articles < 1 || ratePerSecond < 1) {
                throw new IllegalArgumentException("articles and rate must be positive");
            }
            Objects.requireNonNull(latencyRun, "latencyRun");
            Objects.requireNonNull(corpusDir, "corpusDir");
            Objects.requireNonNull(workDir, "workDir");
        }
    }

    /** The numbers of one topology. */
    public record Run(String topology, int articles, long totalBytes, double seconds, double articlesPerSecond,
                      int latencyArticles, double offeredRate, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
        String toJson() {
            return String.format(Locale.ROOT, "{\"topology\":\"%s\",\"articles\":%d,\"rawBytes\":%d,\"seconds\":%.3f,"
                            + "\"articlesPerSecond\":%.1f,\"latency\":{\"articles\":%d,\"offeredPerSecond\":%.1f,"
                            + "\"p50Ms\":%.1f,\"p90Ms\":%.1f,\"p99Ms\":%.1f,\"maxMs\":%.1f}}",
                    topology, articles, totalBytes, seconds, articlesPerSecond, latencyArticles, offeredRate,
                    p50Ms, p90Ms, p99Ms, maxMs);
        }
    }

    /** Both runs and the ratio of classify to pass-through throughput. */
    public record Result(Run classify, Run passThrough, double ratio, int labelledArticles, double meanChars) {
        public String toJson() {
            return String.format(Locale.ROOT, "{\"labelledShare\":%.3f,\"meanBodyChars\":%.0f,\"classify\":%s,"
                            + "\"passThrough\":%s,\"classifyToPassThroughRatio\":%.4f,\"cores\":%d,\"maxHeapMb\":%d}",
                    labelledArticles / (double) classify.articles(), meanChars, classify.toJson(),
                    passThrough.toJson(), ratio, Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path out = Path.of(args.length > 2 ? args[2] : "target/e2e.json");
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        Path corpus = args.length > 4 ? Path.of(args[4]) : findCorpus();
        Path work = Files.createTempDirectory("newsroute-e2e");
        Result result = run(new Options(n, rate, Duration.ofSeconds(seconds), corpus, work));
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, result.toJson() + "\n");
        System.out.println(result.toJson());
        System.out.printf(Locale.ROOT, "classify: %.0f articles/s, p50 %.0f ms, p99 %.0f ms; pass-through: %.0f articles/s, "
                        + "p50 %.0f ms, p99 %.0f ms; ratio %.3f%n",
                result.classify().articlesPerSecond(), result.classify().p50Ms(), result.classify().p99Ms(),
                result.passThrough().articlesPerSecond(), result.passThrough().p50Ms(), result.passThrough().p99Ms(),
                result.ratio());
        System.exit(0);
    }

    /** {@code corpus} or {@code ../corpus}, whichever exists (the repository root or the bench module). */
    static Path findCorpus() {
        for (Path candidate : List.of(Path.of("corpus"), Path.of("..", "corpus"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no corpus directory in " + Path.of("").toAbsolutePath() + " or its parent");
    }

    /** Runs pass-through first, then classify, against one broker. */
    public static Result run(Options options) throws IOException, InterruptedException {
        AvroTrust.install();
        Mix mix = Mix.build(options.corpusDir(), options.articles() + (int) (options.ratePerSecond() * options.latencyRun().toSeconds()) + 1);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(options.workDir().resolve("kafka"), Map.of())) {
            Run passThrough = runOne("pass-through", kafka, options, mix,
                    topics -> passThroughTopology(topics, mix.labels));
            LOG.info("loading the classify pipeline");
            ExtractConfig extract = extractSettings();
            LOG.info("extraction: NER languages [{}], NER on at most {} chars per field", extract.nerLanguages(), extract.nerMaxChars());
            ArticlePipeline pipeline = ArticlePipeline.create(ClassifyConfig.defaults(), extract);
            Run classify = runOne("classify", kafka, options, mix,
                    topics -> ClassifyTopology.build(topics, pipeline, Clock.systemUTC()));
            return new Result(classify, passThrough, classify.articlesPerSecond() / passThrough.articlesPerSecond(),
                    mix.labelledIn(options.articles()), mix.meanChars(options.articles()));
        }
    }

    /** Extraction defaults, overridden by {@code -Dextract.*} system properties (e.g. {@code -Dextract.ner.languages=}). */
    static ExtractConfig extractSettings() {
        Map<String, Object> settings = new HashMap<>();
        for (String key : ExtractConfig.CONFIG.names()) {
            String value = System.getProperty(key);
            if (value != null) {
                settings.put(key, value);
            }
        }
        return new ExtractConfig(settings);
    }

    private interface TopologyFactory {
        Topology build(NewsTopics topics);
    }

    private static Run runOne(String name, EmbeddedKafka kafka, Options options, Mix mix, TopologyFactory factory)
            throws InterruptedException {
        NewsTopics topics = NewsTopics.of(name + ".", 6, (short) 1, TimeUnit.HOURS.toMillis(6));
        kafka.createTopics(topics.all());
        Map<String, Object> appId = Map.of(ClassifyConfig.APPLICATION_ID, "bench-" + name);
        ClassifyConfig config = new ClassifyConfig(appId);
        Properties props = ClassifyStreams.properties(config, kafka.bootstrapServers(),
                options.workDir().resolve("state-" + name), Map.of());
        KafkaStreams streams = new KafkaStreams(factory.build(topics), props);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka);
             KafkaConsumer<String, byte[]> consumer = consumer(kafka, topics, name)) {
            awaitRunning(streams, failure);
            // ---- throughput: N as fast as possible
            int n = options.articles();
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                bytes += mix.encoded.get(i).length;
            }
            Set<String> expected = new HashSet<>(n * 2);
            for (int i = 0; i < n; i++) {
                expected.add(mix.ids.get(i));
            }
            long start = System.nanoTime();
            Thread sender = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    producer.send(new ProducerRecord<>(topics.raw().name(), null, System.currentTimeMillis(),
                            mix.ids.get(i).getBytes(StandardCharsets.UTF_8), mix.encoded.get(i)));
                }
                producer.flush();
            }, "bench-sender");
            sender.start();
            long deadline = start + TimeUnit.SECONDS.toNanos(Math.max(120, n / 20));
            long end = start;
            while (!expected.isEmpty()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (expected.remove(record.key())) {
                        end = System.nanoTime();
                    }
                }
                checkAlive(streams, failure);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": " + expected.size() + " of " + n
                            + " articles not on " + topics.enriched().name() + " before the deadline");
                }
            }
            sender.join();
            double seconds = (end - start) / 1e9;
            LOG.info("{}: {} articles in {} s", name, n, seconds);

            // ---- latency at a fixed offered rate
            int rate = options.ratePerSecond();
            int count = (int) (rate * options.latencyRun().toMillis() / 1000);
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            long[] latencies = new long[count];
            int seen = 0;
            long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
            Thread paced = new Thread(() -> {
                long t0 = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    long due = t0 + i * periodNanos;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    int idx = n + i;
                    String id = mix.ids.get(idx);
                    long now = System.currentTimeMillis();
                    sentAt.put(id, now);
                    producer.send(new ProducerRecord<>(topics.raw().name(), null, now,
                            id.getBytes(StandardCharsets.UTF_8), mix.encoded.get(idx)));
                }
                producer.flush();
            }, "bench-paced-sender");
            paced.start();
            long latencyDeadline = System.nanoTime() + options.latencyRun().toNanos() + TimeUnit.SECONDS.toNanos(120);
            Set<String> latencyIds = new HashSet<>();
            while (seen < count) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.currentTimeMillis();
                    Long sent = sentAt.get(record.key());
                    if (sent != null && latencyIds.add(record.key())) {
                        latencies[seen++] = now - record.timestamp();
                    }
                }
                checkAlive(streams, failure);
                if (System.nanoTime() > latencyDeadline) {
                    throw new IllegalStateException(name + ": only " + seen + " of " + count + " latency articles arrived");
                }
            }
            paced.join();
            Arrays.sort(latencies);
            return new Run(name, n, bytes, seconds, n / seconds, count, rate,
                    percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99),
                    latencies.length == 0 ? 0 : latencies[latencies.length - 1]);
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private static void awaitRunning(KafkaStreams streams, AtomicReference<Throwable> failure) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            checkAlive(streams, failure);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("streams not RUNNING after 90 s: " + streams.state());
            }
            Thread.sleep(50);
        }
    }

    private static void checkAlive(KafkaStreams streams, AtomicReference<Throwable> failure) {
        if (failure.get() != null || streams.state() == KafkaStreams.State.ERROR
                || streams.state() == KafkaStreams.State.NOT_RUNNING) {
            throw new IllegalStateException("streams failed: " + streams.state(), failure.get());
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(EmbeddedKafka kafka, NewsTopics topics, String name) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + name);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics.enriched().name()));
        return consumer;
    }

    /**
     * The ceiling: same source, serdes, sinks and fan-out as {@link ClassifyTopology}, no NLP. The
     * labels are the corpus' own, so the fan-out volume matches a correct classifier.
     */
    static Topology passThroughTopology(NewsTopics topics, Map<String, List<String>> labelsById) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, EnrichedArticle> enriched = builder
                .stream(topics.raw().name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("raw-source"))
                .map((key, value) -> {
                    RawArticle raw = NewsSerdes.rawCodec().decode(value);
                    return KeyValue.pair(raw.getId(), minimal(raw, labelsById.getOrDefault(raw.getId(), List.of())));
                }, Named.as("pass-through"));
        enriched.to(topics.enriched().name(), Produced.with(Serdes.String(), NewsSerdes.enrichedArticle()));
        for (String label : Labels.ALL) {
            String topic = topics.label(label).name();
            enriched.filter((id, article) -> ClassifyTopology.targetTopics(article, topics).contains(topic),
                            Named.as("filter-" + label))
                    .to(topic, Produced.with(Serdes.String(), NewsSerdes.enrichedArticle()));
        }
        String unclassified = topics.unclassified().name();
        enriched.filter((id, article) -> ClassifyTopology.targetTopics(article, topics).contains(unclassified),
                        Named.as("filter-no-labels"))
                .to(unclassified, Produced.with(Serdes.String(), NewsSerdes.enrichedArticle()));
        return builder.build();
    }

    private static EnrichedArticle minimal(RawArticle raw, List<String> labelNames) {
        Instant now = Instant.now();
        List<Label> labels = new ArrayList<>();
        Map<String, Double> scores = new HashMap<>();
        for (String name : labelNames) {
            labels.add(Label.newBuilder().setName(name).setScore(1.0).setEvidence(new ArrayList<>()).build());
            scores.put(name, 1.0);
        }
        return EnrichedArticle.newBuilder()
                .setId(raw.getId()).setUrl(raw.getUrl()).setSource(raw.getSource())
                .setTitle(raw.getTitle()).setBody(raw.getBody())
                .setPublishedAt(raw.getPublishedAt()).setFetchedAt(raw.getFetchedAt())
                .setLanguage(LanguageInfo.newBuilder().setCode("und").setConfidence(0.0).build())
                .setLabels(labels).setScores(scores).setEntities(new ArrayList<>())
                .setFacts(Facts.newBuilder().build())
                .setModelVersion("pass-through").setPipelineVersion("pass-through")
                .setProcessedAt(now).setVersion(now.toEpochMilli())
                .build();
    }

    /** The article mix: ids, encoded raw records and the corpus labels, in production order. */
    static final class Mix {
        final List<String> ids = new ArrayList<>();
        final List<byte[]> encoded = new ArrayList<>();
        final List<Integer> chars = new ArrayList<>();
        final List<Boolean> labelled = new ArrayList<>();
        final Map<String, List<String>> labels = new HashMap<>();

        private record Item(String id, String lang, String title, String body, List<String> labels) {
        }

        static Mix build(Path corpusDir, int count) throws IOException {
            return build(corpusDir, count, 0);
        }

        /**
         * @param fixedChars body length of every article, or 0 for the log-uniform 300-10,000 spread
         */
        static Mix build(Path corpusDir, int count, int fixedChars) throws IOException {
            ObjectMapper json = new ObjectMapper();
            List<Item> items = new ArrayList<>();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(corpusDir)) {
                files = walk.filter(p -> p.getFileName().toString().matches("articles.*\\.jsonl"))
                        .sorted(Comparator.naturalOrder()).toList();
            }
            for (Path file : files) {
                String lang = file.getParent().getFileName().toString();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node = json.readTree(line);
                    String body = node.path("body").asText("");
                    if (body.length() < 40) {
                        continue;
                    }
                    List<String> labels = new ArrayList<>();
                    node.path("labels").forEach(l -> labels.add(l.asText()));
                    items.add(new Item(node.path("id").asText(), lang, node.path("title").asText(""), body, labels));
                }
            }
            Map<String, List<Item>> unlabelled = new HashMap<>();
            Map<String, List<Item>> labelled = new HashMap<>();
            for (Item item : items) {
                (item.labels().isEmpty() ? unlabelled : labelled).computeIfAbsent(item.lang(), k -> new ArrayList<>()).add(item);
            }
            List<Item> allUnlabelled = unlabelled.values().stream().flatMap(List::stream).toList();
            List<Item> allLabelled = labelled.values().stream().flatMap(List::stream).toList();
            if (allUnlabelled.isEmpty() || allLabelled.isEmpty()) {
                throw new IllegalStateException("corpus " + corpusDir + " needs labelled and unlabelled articles");
            }
            Random random = new Random(SEED);
            Mix mix = new Mix();
            Instant fetched = Instant.now();
            for (int i = 0; i < count; i++) {
                boolean isLabelled = random.nextDouble() < LABELLED_SHARE;
                Item base = (isLabelled ? allLabelled : allUnlabelled).get(random.nextInt((isLabelled ? allLabelled : allUnlabelled).size()));
                int spread = (int) Math.round(Math.exp(Math.log(MIN_CHARS)
                        + random.nextDouble() * (Math.log(MAX_CHARS) - Math.log(MIN_CHARS))));
                int target = fixedChars > 0 ? fixedChars : spread;
                // lengthen with unlabelled bodies of the same language (background paragraphs), then cut at a space
                List<Item> filler = unlabelled.getOrDefault(base.lang(), allUnlabelled);
                StringBuilder body = new StringBuilder(base.body());
                while (body.length() < target) {
                    body.append("\n\n").append(filler.get(random.nextInt(filler.size())).body());
                }
                if (body.length() > target) {
                    int cut = body.lastIndexOf(" ", target);
                    body.setLength(cut > MIN_CHARS / 2 ? cut : target);
                }
                String id = base.id() + "#" + i;
                RawArticle raw = RawArticle.newBuilder()
                        .setId(id).setUrl(null).setSource("bench-" + base.lang())
                        .setTitle(base.title()).setBody(body.toString())
                        .setPublishedAt(null).setFetchedAt(fetched)
                        .setLanguageHint(null).setContentType("text/plain")
                        .build();
                mix.ids.add(id);
                mix.encoded.add(NewsSerdes.rawCodec().encode(raw));
                mix.chars.add(body.length());
                mix.labelled.add(isLabelled);
                mix.labels.put(id, List.copyOf(base.labels()));
            }
            return mix;
        }

        int labelledIn(int n) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                count += labelled.get(i) ? 1 : 0;
            }
            return count;
        }

        double meanChars(int n) {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += chars.get(i);
            }
            return sum / (double) n;
        }
    }

}
