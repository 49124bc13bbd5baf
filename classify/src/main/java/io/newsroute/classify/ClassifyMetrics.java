package io.newsroute.classify;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Label;
import io.newsroute.schema.Labels;

/**
 * The classify topology's own meters, on a {@link MeterRegistry} the caller owns (the app passes its
 * Prometheus registry; tests a {@code SimpleMeterRegistry}; {@link #noop()} records nothing). Names as
 * Micrometer sees them, with the Prometheus form in brackets:
 * <ul>
 *   <li>{@value #ARTICLES_LABELLED} ({@code newsroute_articles_labelled_total}), tag {@code label}: enriched
 *       articles per label they carry; an article without a label counts under {@code label="none"};</li>
 *   <li>{@value #ARTICLES_PROCESSED} ({@code newsroute_articles_processed_total}), tag {@code language}:
 *       enriched articles per detected language ({@code unknown} included);</li>
 *   <li>{@value #DEAD_LETTERS} ({@code newsroute_dead_letters_total}), tag {@code stage}: records sent to
 *       the dead-letter topic, per failing stage ({@code deserialize}, {@code validate}, {@code normalize},
 *       {@code detect-language}, {@code classify}, {@code extract});</li>
 *   <li>{@value #STAGE_LATENCY} ({@code newsroute_stage_latency_seconds}, a histogram), tag {@code stage}:
 *       time of each stage that completed, buckets from 50 µs to 5 s;</li>
 *   <li>{@value #MODEL_INFO} ({@code newsroute_model_info}), tags {@code model_version} and
 *       {@code pipeline_version}: always 1, for joins and for alerting on a version change.</li>
 * </ul>
 * Counters count processing attempts: under exactly-once a record whose transaction is aborted (a crash, a
 * fenced producer) is processed, and counted, again. Every meter is created up front or once per new tag
 * value and then cached, so recording allocates nothing per record.
 */
public final class ClassifyMetrics {
    public static final String ARTICLES_LABELLED = "newsroute.articles.labelled";
    public static final String ARTICLES_PROCESSED = "newsroute.articles.processed";
    public static final String DEAD_LETTERS = "newsroute.dead.letters";
    public static final String STAGE_LATENCY = "newsroute.stage.latency";
    public static final String MODEL_INFO = "newsroute.model.info";
    /** The {@code label} tag value of an article that carries no label. */
    public static final String NO_LABEL = "none";
    /** Every stage a record can fail in, in pipeline order. */
    public static final List<String> STAGES = List.of(EnrichProcessor.DESERIALIZE, StageException.VALIDATE,
            StageException.NORMALIZE, StageException.DETECT_LANGUAGE, StageException.CLASSIFY, StageException.EXTRACT);

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
        Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    private final Map<String, Counter> byLabel;
    private final Counter noLabel;
    private final ConcurrentMap<String, Counter> byLanguage = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters;
    private final Map<String, Timer> latency;

    private ClassifyMetrics(MeterRegistry registry, String modelVersion, Collection<String> languages) {
        this.registry = registry;
        Map<String, Counter> labels = new LinkedHashMap<>();
        for (String label : Labels.ALL) {
            labels.put(label, labelCounter(label));
        }
        this.byLabel = Map.copyOf(labels);
        this.noLabel = labelCounter(NO_LABEL);
        for (String language : languages) {
            languageCounter(language);
        }
        languageCounter("unknown");
        Map<String, Counter> letters = new LinkedHashMap<>();
        Map<String, Timer> timers = new LinkedHashMap<>();
        for (String stage : STAGES) {
            letters.put(stage, Counter.builder(DEAD_LETTERS).tag("stage", stage)
                    .description("Records sent to the dead-letter topic, per failing stage").register(registry));
            timers.put(stage, Timer.builder(STAGE_LATENCY).tag("stage", stage)
                    .description("Time of each pipeline stage that completed")
                    .serviceLevelObjectives(LATENCY_BUCKETS).register(registry));
        }
        this.deadLetters = Map.copyOf(letters);
        this.latency = Map.copyOf(timers);
        Gauge.builder(MODEL_INFO, () -> 1)
                .tag("model_version", modelVersion)
                .tag("pipeline_version", ArticlePipeline.pipelineVersion())
                .description("The classification model in use (always 1)")
                .strongReference(true)
                .register(registry);
    }

    /**
     * Registers the meters on {@code registry}.
     *
     * @param pipeline  the pipeline whose model version the info gauge reports
     * @param languages the configured languages ({@code classify.languages}): their counters start at 0
     */
    public static ClassifyMetrics register(MeterRegistry registry, ArticlePipeline pipeline, Collection<String> languages) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(languages, "languages");
        return new ClassifyMetrics(registry, pipeline.modelVersion(), languages);
    }

    /** Meters that record nothing (an empty composite registry): the default for tests and offline use. */
    public static ClassifyMetrics noop() {
        return new ClassifyMetrics(new CompositeMeterRegistry(), "none", List.of());
    }

    /** The registry the meters live on. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Counts an enriched article under each label it carries (or {@code none}) and under its language. */
    void articleEnriched(EnrichedArticle article) {
        List<Label> labels = article.getLabels();
        if (labels.isEmpty()) {
            noLabel.increment();
        }
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.get(i).getName();
            Counter counter = byLabel.get(name);
            (counter != null ? counter : labelCounter(name)).increment();
        }
        String language = article.getLanguage() == null ? "unknown" : article.getLanguage().getCode();
        Counter counter = byLanguage.get(language);
        (counter != null ? counter : languageCounter(language)).increment();
    }

    /** Counts a dead letter under its stage. */
    void deadLettered(String stage) {
        Counter counter = deadLetters.get(stage);
        if (counter == null) {
            counter = Counter.builder(DEAD_LETTERS).tag("stage", stage).register(registry);
        }
        counter.increment();
    }

    /** Records how long a completed stage took. */
    void stageCompleted(String stage, long nanos) {
        Timer timer = latency.get(stage);
        if (timer != null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private Counter labelCounter(String label) {
        return Counter.builder(ARTICLES_LABELLED).tag("label", label)
                .description("Enriched articles per label they carry (none: no label)").register(registry);
    }

    private Counter languageCounter(String language) {
        return byLanguage.computeIfAbsent(language, code -> Counter.builder(ARTICLES_PROCESSED).tag("language", code)
                .description("Enriched articles per detected language").register(registry));
    }
}
