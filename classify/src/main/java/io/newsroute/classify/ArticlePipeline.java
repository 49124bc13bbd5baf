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

import io.newsroute.classify.lexicon.LexiconClassifier;
import io.newsroute.classify.model.LabelScorer;
import io.newsroute.classify.model.LabelScores;
import io.newsroute.classify.stage.ArticleValidator;
import io.newsroute.classify.stage.LanguageStage;
import io.newsroute.classify.stage.Normaliser;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Facts;
import io.newsroute.schema.Label;
import io.newsroute.schema.Labels;
import io.newsroute.schema.LanguageInfo;
import io.newsroute.schema.RawArticle;
import io.newsroute.schema.serde.AvroTrust;

/**
 * The chain of stages, validate → normalize → detect-language → classify, turning a
 * {@link RawArticle} into an {@link EnrichedArticle}. The same object serves the Kafka Streams
 * topology and the offline {@code ./newsroute classify} command, so both give the same answer.
 *
 * <p>Build once with {@link #create}: it loads the Lingua models and compiles the lexicons (seconds,
 * hundreds of MB). {@link #process} is thread-safe and keeps no state between records.
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

    private final ArticleValidator validator;
    private final Normaliser normaliser;
    private final LanguageStage language;
    private final LabelScorer scorer;
    private final Map<String, Double> thresholds;

    private ArticlePipeline(ClassifyConfig config, LabelScorer scorer) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
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
            byLabel.put(label, config.threshold(label));
        }
        this.thresholds = Map.copyOf(byLabel);
        LOG.info("article pipeline ready: model {}, pipeline {}, lexicons for {}, thresholds {}",
                scorer.modelVersion(), PIPELINE_VERSION, classifiable, thresholds);
    }

    /** Builds the detector and the lexicon classifier for {@code config}. */
    public static ArticlePipeline create(ClassifyConfig config) {
        return new ArticlePipeline(config, LexiconClassifier.load(config.languages()));
    }

    /** Builds the pipeline around another scorer, e.g. a trained model replacing the lexicons. */
    public static ArticlePipeline create(ClassifyConfig config, LabelScorer scorer) {
        return new ArticlePipeline(config, scorer);
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
        Objects.requireNonNull(processedAt, "processedAt");
        Optional<String> invalid = validator.check(raw);
        if (invalid.isPresent()) {
            throw new StageException(StageException.VALIDATE, invalid.get());
        }
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
        LanguageInfo languageInfo;
        try {
            languageInfo = language.detect(title, body);
        } catch (RuntimeException e) {
            throw new StageException(StageException.DETECT_LANGUAGE, "language detection failed: " + e, e);
        }
        LabelScores scores;
        try {
            scores = scorer.score(title, body, languageInfo.getCode());
        } catch (RuntimeException e) {
            throw new StageException(StageException.CLASSIFY, "classification failed: " + e, e);
        }
        List<Label> labels = new ArrayList<>();
        Map<String, Double> allScores = new LinkedHashMap<>();
        for (String label : Labels.ALL) {
            double score = scores.score(label);
            allScores.put(label, score);
            if (score >= thresholds.get(label)) {
                labels.add(Label.newBuilder().setName(label).setScore(score)
                        .setEvidence(new ArrayList<>(scores.evidenceOf(label))).build());
            }
        }
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
                .setEntities(new ArrayList<>())
                .setFacts(Facts.newBuilder().build())
                .setModelVersion(scorer.modelVersion())
                .setPipelineVersion(PIPELINE_VERSION)
                .setProcessedAt(processedAt)
                .setVersion(processedAt.toEpochMilli())
                .build();
    }

    /** Version of the model that labels articles, e.g. {@code lexicon-1}. */
    public String modelVersion() {
        return scorer.modelVersion();
    }

    /** Version of this pipeline: the jar's Implementation-Version, or {@value #DEFAULT_PIPELINE_VERSION}. */
    public static String pipelineVersion() {
        return PIPELINE_VERSION;
    }
}
