package io.newsroute.classify.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.stanford.nlp.classify.LinearClassifier;
import edu.stanford.nlp.classify.LinearClassifierFactory;
import edu.stanford.nlp.classify.RVFDataset;
import edu.stanford.nlp.ling.RVFDatum;
import edu.stanford.nlp.stats.ClassicCounter;
import edu.stanford.nlp.stats.Counter;
import edu.stanford.nlp.util.HashIndex;
import edu.stanford.nlp.util.Index;

import io.newsroute.classify.model.ArticleFeatures;
import io.newsroute.classify.model.FeatureExtractor;
import io.newsroute.classify.model.ModelMetadata;
import io.newsroute.classify.model.ModelScorer;
import io.newsroute.classify.stage.Normaliser;
import io.newsroute.schema.Labels;

/**
 * Trains the per-label logistic-regression models from the labelled corpus.
 *
 * <p>Protocol (honest evaluation): items are split by the fixed {@link Split} rule; TEST is not
 * read here at all. TRAIN and DEV together are the development data. For each label, every sigma
 * of the L2 prior is scored by {@value #FOLDS}-fold cross-validation over the development data
 * (folds by a hash of the id, so they are stable): the out-of-fold probabilities choose the sigma
 * (best F1 at its best threshold; ties: lower log-loss) and the threshold (maximum out-of-fold F1,
 * ties to the higher threshold). The final model of each label is then fitted on all development
 * data with that sigma. Tuning on roughly 850 out-of-fold predictions instead of a 90-item DEV
 * split keeps thresholds from chasing single items. Input is sorted by id and QN is
 * deterministic, so the same corpus gives the same model.
 *
 * <p>Features seen in fewer than {@link #minDocFreq} development articles are dropped (concept
 * features always stay), then features whose weight difference is below {@value #PRUNE_EPSILON}
 * are pruned, to keep each model file small.
 */
public final class Trainer {
    public static final List<Double> DEFAULT_SIGMAS = List.of(1.0, 2.0, 4.0, 8.0, 16.0, 32.0);
    public static final int DEFAULT_MIN_DOC_FREQ = 2;
    static final int FOLDS = 5;
    static final double PRUNE_EPSILON = 1e-4;
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final FeatureExtractor extractor;
    private final List<Double> sigmas;
    private final int minDocFreq;
    private final Consumer<String> progress;
    private final Clock clock;
    private final Normaliser normaliser = new Normaliser();

    /**
     * @param extractor  the feature recipe (its languages should cover the corpus languages)
     * @param sigmas     L2 prior sigmas to try, at least one
     * @param minDocFreq minimum number of development articles a non-concept feature must occur in
     * @param progress   receives one line per step (the train command prints them)
     * @param clock      dates the model version
     */
    public Trainer(FeatureExtractor extractor, List<Double> sigmas, int minDocFreq, Consumer<String> progress, Clock clock) {
        if (sigmas.isEmpty()) {
            throw new IllegalArgumentException("at least one sigma");
        }
        this.extractor = extractor;
        this.sigmas = List.copyOf(sigmas);
        this.minDocFreq = minDocFreq;
        this.progress = progress;
        this.clock = clock;
    }

    /** Defaults: {@link #DEFAULT_SIGMAS}, {@link #DEFAULT_MIN_DOC_FREQ}, UTC clock. */
    public Trainer(FeatureExtractor extractor, Consumer<String> progress) {
        this(extractor, DEFAULT_SIGMAS, DEFAULT_MIN_DOC_FREQ, progress, Clock.systemUTC());
    }

    /**
     * What training produced: the model, the tuning per label and the cross-validated
     * (out-of-fold) evaluation of the chosen settings on the development data.
     */
    public record Result(ModelScorer model, Map<String, LabelTuning> tuning, Evaluation crossValidation) {
    }

    /** The tuning of one label: chosen sigma and threshold, with their out-of-fold F1. */
    public record LabelTuning(String label, double sigma, double threshold, double cvF1, int positives, int features) {
    }

    /**
     * @param corpus all items (any split; TEST items are ignored)
     * @throws IllegalArgumentException when the development data lacks positives or negatives of a label
     */
    public Result train(List<LabelledArticle> corpus) {
        return train(corpus, fits -> { });
    }

    /**
     * The model fits {@link #train} makes: per label, one per sigma and fold, and the final one. A
     * progress display counts {@code fitsDone} against it.
     */
    public int fits() {
        return Labels.ALL.size() * (sigmas.size() * FOLDS + 1);
    }

    /** Like {@link #train(List)}, calling {@code fitsDone} with 1 after each model fit (see {@link #fits()}). */
    public Result train(List<LabelledArticle> corpus, java.util.function.IntConsumer fitsDone) {
        List<LabelledArticle> items = new ArrayList<>();
        int train = 0;
        for (LabelledArticle item : corpus) {
            if (item.split() != Split.TEST) {
                items.add(item);
                train += item.split() == Split.TRAIN ? 1 : 0;
            }
        }
        progress.accept(String.format(Locale.ROOT, "corpus: %d items, %d for training and tuning (%d train + %d dev), %d test (held out)",
                corpus.size(), items.size(), train, items.size() - train, corpus.size() - items.size()));
        List<Counter<String>> xs = features(items);
        Set<String> kept = frequentFeatures(xs);
        xs.replaceAll(x -> restrict(x, kept));
        progress.accept(String.format(Locale.ROOT, "features: %d kept (seen in >= %d articles, plus concepts)", kept.size(), minDocFreq));
        int[] fold = new int[items.size()];
        for (int i = 0; i < fold.length; i++) {
            fold[i] = fold(items.get(i).id());
        }

        Map<String, LinearClassifier<String, String>> classifiers = new LinkedHashMap<>();
        Map<String, LabelTuning> tuning = new LinkedHashMap<>();
        Map<String, double[]> outOfFold = new LinkedHashMap<>();
        for (String label : Labels.ALL) {
            boolean[] ys = gold(items, label);
            int positives = count(ys);
            if (positives == 0 || positives == ys.length) {
                throw new IllegalArgumentException("training data needs positives and negatives of " + label
                        + ", has " + positives + " of " + ys.length);
            }
            double bestF1 = -1;
            double bestLoss = Double.POSITIVE_INFINITY;
            double bestSigma = sigmas.get(0);
            double bestThreshold = 0.5;
            double[] bestScores = null;
            for (double sigma : sigmas) {
                double[] scores = crossValidate(xs, ys, fold, sigma, fitsDone);
                double[] tuned = Evaluator.bestThreshold(scores, ys);
                double f1 = Double.isNaN(tuned[1]) ? 0 : tuned[1];
                double loss = logLoss(scores, ys);
                progress.accept(String.format(Locale.ROOT, "  %-17s sigma %-4s cross-validated F1 %.3f at threshold %.2f, log-loss %.4f",
                        label, sigma, f1, tuned[0], loss));
                if (bestScores == null || f1 > bestF1 + 1e-9 || (Math.abs(f1 - bestF1) <= 1e-9 && loss < bestLoss)) {
                    bestF1 = f1;
                    bestLoss = loss;
                    bestSigma = sigma;
                    bestThreshold = tuned[0];
                    bestScores = scores;
                }
            }
            LinearClassifier<String, String> pruned = prune(fit(dataset(xs, ys, null, -1), bestSigma));
            fitsDone.accept(1);
            classifiers.put(label, pruned);
            outOfFold.put(label, bestScores);
            tuning.put(label, new LabelTuning(label, bestSigma, bestThreshold, bestF1, positives, pruned.featureIndex().size()));
            progress.accept(String.format(Locale.ROOT, "%s: sigma %s, threshold %.2f, cross-validated F1 %.3f, %d features",
                    label, bestSigma, bestThreshold, bestF1, pruned.featureIndex().size()));
        }

        Map<String, Double> thresholds = new LinkedHashMap<>();
        Map<String, Double> sigmaByLabel = new LinkedHashMap<>();
        Map<String, String> facts = new TreeMap<>();
        Set<String> languages = new TreeSet<>();
        items.forEach(item -> languages.add(item.lang()));
        facts.put("train.size", Integer.toString(items.size()));
        facts.put("train.splits", "train+dev");
        facts.put("cv.folds", Integer.toString(FOLDS));
        facts.put("features.minDocFreq", Integer.toString(minDocFreq));
        facts.put("sigmas", sigmas.toString().replace(" ", ""));
        String hash = corpusHash(items);
        facts.put("corpus.sha256", hash);
        facts.put(ModelMetadata.LEXICON_SHA256, extractor.lexiconDigest());
        tuning.forEach((label, t) -> {
            thresholds.put(label, t.threshold());
            sigmaByLabel.put(label, t.sigma());
            facts.put("train.positives." + label, Integer.toString(t.positives()));
            facts.put("cv.f1." + label, String.format(Locale.ROOT, "%.4f", t.cvF1()));
        });
        String version = "lr-" + LocalDate.now(clock).format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + hash.substring(0, 8);
        ModelMetadata metadata = new ModelMetadata(version, extractor.configId(), languages, thresholds, sigmaByLabel, facts);
        ModelScorer model = ModelScorer.of(metadata, extractor, classifiers);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            position.put(items.get(i).id(), i);
        }
        Evaluator.Predictor oof = item -> {
            Map<String, Double> scores = new LinkedHashMap<>();
            outOfFold.forEach((label, values) -> scores.put(label, values[position.get(item.id())]));
            return scores;
        };
        Evaluation cv = Evaluator.evaluate(items, oof, thresholds,
                FOLDS + "-fold cross-validation on train+dev (out-of-fold scores), model " + version);
        LOG.info("trained model {} on {} articles", version, items.size());
        return new Result(model, tuning, cv);
    }

    /** Out-of-fold probabilities: each item scored by a model fitted without its fold. */
    private double[] crossValidate(List<Counter<String>> xs, boolean[] ys, int[] fold, double sigma, java.util.function.IntConsumer fitsDone) {
        double[] scores = new double[xs.size()];
        for (int k = 0; k < FOLDS; k++) {
            LinearClassifier<String, String> classifier = fit(dataset(xs, ys, fold, k), sigma);
            fitsDone.accept(1);
            for (int i = 0; i < xs.size(); i++) {
                if (fold[i] == k) {
                    scores[i] = classifier.probabilityOf(new RVFDatum<String, String>(xs.get(i))).getCount(ModelScorer.YES);
                }
            }
        }
        return scores;
    }

    /** The cross-validation fold of an item: the second byte of SHA-256(id), mod {@value #FOLDS}. */
    static int fold(String id) {
        try {
            byte second = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8))[1];
            return (second & 0xff) % FOLDS;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** A predictor over {@code model} using the item's corpus language and the pipeline's normalisation. */
    public Evaluator.Predictor predictor(ModelScorer model) {
        return item -> model.probabilities(normaliser.normalise(item.title(), "text/plain"),
                normaliser.normalise(item.body(), "text/plain"), item.lang());
    }

    // ---- helpers ----------------------------------------------------------------------------

    private List<Counter<String>> features(List<LabelledArticle> items) {
        List<Counter<String>> out = new ArrayList<>(items.size());
        for (LabelledArticle item : items) {
            ArticleFeatures features = extractor.extract(normaliser.normalise(item.title(), "text/plain"),
                    normaliser.normalise(item.body(), "text/plain"), item.lang());
            Counter<String> counter = new ClassicCounter<>(features.size() * 2);
            features.values().forEach(counter::setCount);
            out.add(counter);
        }
        return out;
    }

    private Set<String> frequentFeatures(List<Counter<String>> xs) {
        Map<String, Integer> df = new HashMap<>();
        for (Counter<String> x : xs) {
            for (String f : x.keySet()) {
                df.merge(f, 1, Integer::sum);
            }
        }
        Set<String> kept = new HashSet<>();
        df.forEach((f, n) -> {
            if (n >= minDocFreq || f.startsWith("c") || f.equals(FeatureExtractor.BIAS)) {
                kept.add(f);
            }
        });
        return kept;
    }

    private static Counter<String> restrict(Counter<String> x, Set<String> kept) {
        Counter<String> out = new ClassicCounter<>();
        for (Map.Entry<String, Double> e : x.entrySet()) {
            if (kept.contains(e.getKey())) {
                out.setCount(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** All items, or all but those of {@code heldOutFold} when {@code fold} is given. */
    private static RVFDataset<String, String> dataset(List<Counter<String>> xs, boolean[] ys, int[] fold, int heldOutFold) {
        RVFDataset<String, String> dataset = new RVFDataset<>();
        // label order fixed: the first datum decides the index order otherwise
        dataset.labelIndex().add(ModelScorer.NO);
        dataset.labelIndex().add(ModelScorer.YES);
        for (int i = 0; i < xs.size(); i++) {
            if (fold == null || fold[i] != heldOutFold) {
                dataset.add(new RVFDatum<>(xs.get(i), ys[i] ? ModelScorer.YES : ModelScorer.NO));
            }
        }
        return dataset;
    }

    private static LinearClassifier<String, String> fit(RVFDataset<String, String> dataset, double sigma) {
        LinearClassifierFactory<String, String> factory = new LinearClassifierFactory<>();
        factory.useQuasiNewton();
        factory.setSigma(sigma);
        factory.setVerbose(false);
        return factory.trainClassifier(dataset);
    }


    /** Drops features whose yes-no weight difference is negligible (they cannot move a score). */
    static LinearClassifier<String, String> prune(LinearClassifier<String, String> classifier) {
        double[][] weights = classifier.weights();
        Index<String> features = classifier.featureIndex();
        Index<String> labels = classifier.labelIndex();
        int yes = labels.indexOf(ModelScorer.YES);
        int no = labels.indexOf(ModelScorer.NO);
        Index<String> keptIndex = new HashIndex<>();
        List<double[]> keptWeights = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            if (Math.abs(weights[f][yes] - weights[f][no]) >= PRUNE_EPSILON) {
                keptIndex.add(features.get(f));
                keptWeights.add(weights[f].clone());
            }
        }
        return new LinearClassifier<>(keptWeights.toArray(new double[0][]), keptIndex, labels);
    }

    private static double logLoss(double[] scores, boolean[] gold) {
        if (scores.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double p = Math.min(1 - 1e-9, Math.max(1e-9, scores[i]));
            sum -= gold[i] ? Math.log(p) : Math.log(1 - p);
        }
        return sum / scores.length;
    }

    private static boolean[] gold(List<LabelledArticle> items, String label) {
        boolean[] y = new boolean[items.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = items.get(i).labels().contains(label);
        }
        return y;
    }

    private static int count(boolean[] y) {
        int n = 0;
        for (boolean b : y) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private String corpusHash(List<LabelledArticle> items) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((extractor.configId() + "|" + extractor.lexiconDigest() + "|" + sigmas + "|" + minDocFreq + "|cv" + FOLDS + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (LabelledArticle item : items) {
                sha.update((item.id() + "\t" + item.lang() + "\t" + item.labels() + "\t" + item.title() + "\t"
                        + item.body() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
