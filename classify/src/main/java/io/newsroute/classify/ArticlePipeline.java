package io.newsroute.classify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.classify.extract.ExtractConfig;
import io.newsroute.classify.extract.Extraction;
import io.newsroute.classify.extract.Extractor;
import io.newsroute.classify.model.LabelScorer;
import io.newsroute.classify.model.LabelScores;
import io.newsroute.classify.model.ModelScorer;
import io.newsroute.classify.stage.ArticleValidator;
import io.newsroute.classify.stage.LanguageStage;
import io.newsroute.classify.stage.Normaliser;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Label;
import io.newsroute.schema.Labels;
import io.newsroute.schema.LanguageInfo;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.AvroTrust;

/**
 * The chain of stages, validate → normalize → detect-language → classify → extract, turning a
 * {@link RawArticle} into an {@link EnrichedArticle}. The same object serves the Kafka Streams
 * topology and the offline {@code ./newsroute classify} command, so both give the same answer.
 *
 * <p>Build once with {@link #create}: it loads the Lingua models and compiles the lexicons (seconds,
 * hundreds of MB) and the model. {@link #process} is thread-safe and keeps no state between records.
 */
public final class ArticlePipeline {
    /** Reported when the jar manifest has no Implementation-Version (tests, IDE). */
    static final String DEFAULT_PIPELINE_VERSION = "0.1.0";

    private static final Logger LOG = LoggerFactory.getLogger(ArticlePipeline.class);
    private static final String PIPELINE_VERSION = Optional.ofNullable(ArticlePipeline.class.getPackage())
            .map(Package::getImplementationVersion).orElse(DEFAULT_PIPELINE_VERSION);

    static {
        AvroTrust.install();
    }

    private static final ClassifyMetrics NO_METRICS = ClassifyMetrics.noop();

    private final ArticleValidator validator;
    private final Normaliser normaliser;
    private final LanguageStage language;
    private final LabelScorer scorer;
    private final Extractor extractor;
    private final Map<String, Double> thresholds;

    private ArticlePipeline(ClassifyConfig config, LabelScorer scorer, Extractor extractor) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.validator = new ArticleValidator(config.maxBodyChars());
        this.normaliser = new Normaliser();
        Set<String> classifiable = new LinkedHashSet<>();
        for (String code : config.languages()) {
            if (scorer.supports(code)) {
                classifiable.add(code);
            }
        }
        this.language = new LanguageStage(config.languages(), config.detectPrefixChars(),
                config.detectAccuracy() == ClassifyConfig.DetectAccuracy.LOW, classifiable);
        Map<String, Double> byLabel = new LinkedHashMap<>();
        for (String label : Labels.ALL) {
            byLabel.put(label, config.thresholdOverride(label).orElse(scorer.threshold(label)));
        }
        this.thresholds = Map.copyOf(byLabel);
        LOG.info("article pipeline ready: model {}, pipeline {}, classification support for {}, thresholds {}",
                scorer.modelVersion(), PIPELINE_VERSION, classifiable, thresholds);
    }

    /**
     * Builds the detector and the trained model shipped on the classpath ({@link ModelScorer#loadDefault}).
     * Thresholds: {@code classify.threshold.<label>} when set, else the model's own.
     */
    public static ArticlePipeline create(ClassifyConfig config) {
        return create(config, ModelScorer.loadDefault(config.languages()));
    }

    /** Builds the pipeline around another scorer, e.g. a model loaded from a directory. */
    public static ArticlePipeline create(ClassifyConfig config, LabelScorer scorer) {
        return new ArticlePipeline(config, scorer, Extractor.create(ExtractConfig.defaults()));
    }

    /** Builds the pipeline with the default model and the given extraction settings. */
    public static ArticlePipeline create(ClassifyConfig config, ExtractConfig extract) {
        return new ArticlePipeline(config, ModelScorer.loadDefault(config.languages()), Extractor.create(extract));
    }

    /**
     * Runs every stage on one article.
     *
     * @param raw         the article as ingested
     * @param processedAt processing time; also the record's {@code version} (epoch millis)
     * @return the enriched article, never null
     * @throws StageException naming the stage when the article is rejected or a stage fails
     */
    public EnrichedArticle process(RawArticle raw, Instant processedAt) {
        return process(raw, processedAt, NO_METRICS);
    }

    /**
     * As {@link #process(RawArticle, Instant)}, recording the time of each stage that completes in
     * {@code metrics} ({@link ClassifyMetrics#STAGE_LATENCY}).
     */
    EnrichedArticle process(RawArticle raw, Instant processedAt, ClassifyMetrics metrics) {
        Objects.requireNonNull(processedAt, "processedAt");
        long started = System.nanoTime();
        Optional<String> invalid = validator.check(raw);
        if (invalid.isPresent()) {
            throw new StageException(StageException.VALIDATE, invalid.get());
        }
        started = completed(metrics, StageException.VALIDATE, started);
        String title;
        String body;
        try {
            title = normaliser.normalise(raw.getTitle(), raw.getContentType());
            body = normaliser.normalise(raw.getBody(), raw.getContentType());
        } catch (RuntimeException e) {
            throw new StageException(StageException.NORMALIZE, "normalisation failed: " + e, e);
        }
        if (title.isEmpty() && body.isEmpty()) {
            throw new StageException(StageException.NORMALIZE, "no text left after normalisation (markup or control characters only)");
        }
        started = completed(metrics, StageException.NORMALIZE, started);
        LanguageInfo languageInfo;
        try {
            languageInfo = language.detect(title, body);
        } catch (RuntimeException e) {
            throw new StageException(StageException.DETECT_LANGUAGE, "language detection failed: " + e, e);
        }
        started = completed(metrics, StageException.DETECT_LANGUAGE, started);
        LabelScores scores;
        try {
            scores = scorer.score(title, body, languageInfo.getCode());
        } catch (RuntimeException e) {
            throw new StageException(StageException.CLASSIFY, "classification failed: " + e, e);
        }
        List<Label> labels = new ArrayList<>();
        Set<String> labelNames = new LinkedHashSet<>();
        Map<String, Double> allScores = new LinkedHashMap<>();
        for (String label : Labels.ALL) {
            double score = scores.score(label);
            allScores.put(label, score);
            if (score >= thresholds.get(label)) {
                labelNames.add(label);
                labels.add(Label.newBuilder().setName(label).setScore(score)
                        .setEvidence(new ArrayList<>(scores.evidenceOf(label))).build());
            }
        }
        started = completed(metrics, StageException.CLASSIFY, started);
        Extraction extraction;
        try {
            extraction = extractor.extract(title, body, languageInfo.getCode(), labelNames, raw.getPublishedAt());
        } catch (RuntimeException e) {
            throw new StageException(StageException.EXTRACT, "entity and fact extraction failed: " + e, e);
        }
        completed(metrics, StageException.EXTRACT, started);
        return EnrichedArticle.newBuilder()
                .setId(raw.getId())
                .setUrl(raw.getUrl())
                .setSource(raw.getSource())
                .setTitle(title)
                .setBody(body)
                .setPublishedAt(raw.getPublishedAt())
                .setFetchedAt(raw.getFetchedAt())
                .setLanguage(languageInfo)
                .setLabels(labels)
                .setScores(allScores)
                .setEntities(new ArrayList<>(extraction.entities()))
                .setFacts(extraction.facts())
                .setModelVersion(scorer.modelVersion())
                .setPipelineVersion(PIPELINE_VERSION)
                .setProcessedAt(processedAt)
                .setVersion(processedAt.toEpochMilli())
                .build();
    }

    private static long completed(ClassifyMetrics metrics, String stage, long started) {
        long now = System.nanoTime();
        metrics.stageCompleted(stage, now - started);
        return now;
    }

    /** The decision threshold per label: {@code classify.threshold.<label>} when set, else the model's own. */
    public Map<String, Double> thresholds() {
        return thresholds;
    }

    /** Version of the model that labels articles, e.g. {@code lr-20250101-1a2b3c4d}. */
    public String modelVersion() {
        return scorer.modelVersion();
    }

    /** Version of this pipeline: the jar's Implementation-Version, or {@value #DEFAULT_PIPELINE_VERSION}. */
    public static String pipelineVersion() {
        return PIPELINE_VERSION;
    }
}
