package io.newsroute.classify.model;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.stanford.nlp.classify.LinearClassifier;
import edu.stanford.nlp.ling.RVFDatum;
import edu.stanford.nlp.stats.ClassicCounter;
import edu.stanford.nlp.stats.Counter;

import io.newsroute.classify.model.ArticleFeatures.FeatureSpan;
import io.newsroute.schema.Evidence;
import io.newsroute.schema.Labels;

/**
 * Stage {@code classify}: one binary logistic-regression model (CoreNLP {@link LinearClassifier},
 * classes {@value #YES}/{@value #NO}) per label over the {@link FeatureExtractor} features. Reads
 * the normalised title and body and the detected language; adds the probability of every label
 * and, per label, the evidence: the spans behind the features that pushed the score towards
 * {@value #YES} most (weight difference times value), at most {@value #MAX_EVIDENCE}, strongest
 * first. Thresholds are applied by the caller: {@link #threshold} gives the model's own, tuned on DEV.
 *
 * <p>Model files (written by {@code Trainer}, loaded here): {@code <label>.ser.gz} (a serialised
 * {@code LinearClassifier<String,String>}, gzip) and {@link ModelMetadata#FILE}, either from the
 * classpath ({@value #RESOURCE_ROOT}) or from a directory. Deserialisation is restricted to CoreNLP
 * and JDK classes. Built once; scoring is thread-safe (the classifiers are read-only).
 */
public final class ModelScorer implements LabelScorer {
    public static final String RESOURCE_ROOT = "/io/newsroute/classify/model/";
    public static final String YES = "yes";
    public static final String NO = "no";
    static final int MAX_EVIDENCE = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ModelScorer.class);

    private final ModelMetadata metadata;
    private final FeatureExtractor extractor;
    private final Map<String, LinearClassifier<String, String>> classifiers;
    private final Map<String, double[]> deltas;
    private final FeatureExtractor.Weights weights;

    private ModelScorer(ModelMetadata metadata, FeatureExtractor extractor,
            Map<String, LinearClassifier<String, String>> classifiers) {
        if (!metadata.featureConfig().equals(extractor.configId())) {
            throw new IllegalStateException("model " + metadata.modelVersion() + " was trained with features '"
                    + metadata.featureConfig() + "' but this build extracts '" + extractor.configId()
                    + "': retrain with ./newsroute train");
        }
        String lexicons = metadata.facts().get(ModelMetadata.LEXICON_SHA256);
        if (lexicons != null && !lexicons.equals(extractor.lexiconDigest())) {
            throw new IllegalStateException("model " + metadata.modelVersion() + " was trained with other lexicons than this build's "
                    + "(lexicon.sha256 " + lexicons.substring(0, Math.min(12, lexicons.length())) + "…, now "
                    + extractor.lexiconDigest().substring(0, 12) + "…): retrain with ./newsroute train");
        }
        for (String label : Labels.ALL) {
            LinearClassifier<String, String> c = classifiers.get(label);
            if (c == null || c.labelIndex().indexOf(YES) < 0 || c.labelIndex().indexOf(NO) < 0) {
                throw new IllegalStateException("model " + metadata.modelVersion() + " lacks a yes/no classifier for " + label);
            }
        }
        this.metadata = metadata;
        this.extractor = extractor;
        this.classifiers = Map.copyOf(classifiers);
        this.deltas = deltas(this.classifiers);
        this.weights = new FeatureExtractor.Weights(deltas, Labels.ALL.size(), extractor.hashBuckets());
    }

    /**
     * Feature to (w_yes - w_no) per label, in {@link Labels#ALL} order: with two classes the
     * classifier's softmax is the logistic function of this difference, so scoring is one map
     * lookup per feature for all labels instead of CoreNLP's per-label boxing counters.
     */
    private static Map<String, double[]> deltas(Map<String, LinearClassifier<String, String>> classifiers) {
        Map<String, double[]> deltas = new HashMap<>();
        int i = 0;
        for (String label : Labels.ALL) {
            LinearClassifier<String, String> c = classifiers.get(label);
            double[][] w = c.weights();
            int yes = c.labelIndex().indexOf(YES);
            int no = c.labelIndex().indexOf(NO);
            for (int f = 0; f < c.featureIndex().size(); f++) {
                deltas.computeIfAbsent(c.featureIndex().get(f), k -> new double[Labels.ALL.size()])[i] = w[f][yes] - w[f][no];
            }
            i++;
        }
        return deltas;
    }

    /** Wraps freshly trained classifiers (training, tests). */
    public static ModelScorer of(ModelMetadata metadata, FeatureExtractor extractor,
            Map<String, LinearClassifier<String, String>> classifiers) {
        return new ModelScorer(metadata, extractor, classifiers);
    }

    /**
     * Loads the model shipped on the classpath ({@value #RESOURCE_ROOT}).
     *
     * @param languages the configured languages (lexicons and stemmers are loaded for these)
     * @throws IllegalStateException when the model resources are missing or unreadable
     */
    public static ModelScorer loadDefault(Collection<String> languages) {
        ModelMetadata metadata;
        try (InputStream in = resource(ModelMetadata.FILE)) {
            metadata = ModelMetadata.read(in, RESOURCE_ROOT + ModelMetadata.FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model metadata", e);
        }
        Map<String, LinearClassifier<String, String>> classifiers = new LinkedHashMap<>();
        for (String label : Labels.ALL) {
            try (InputStream in = resource(fileName(label))) {
                classifiers.put(label, readClassifier(in, RESOURCE_ROOT + fileName(label)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model " + fileName(label), e);
            }
        }
        ModelScorer scorer = new ModelScorer(metadata, FeatureExtractor.create(languages, bucketsOf(metadata)), classifiers);
        LOG.info("model {} loaded from the classpath: thresholds {}, languages {}", metadata.modelVersion(),
                metadata.thresholds(), metadata.languages());
        return scorer;
    }

    /**
     * Loads a model written by the trainer into {@code dir}.
     *
     * @throws UncheckedIOException when a file is missing or unreadable
     */
    public static ModelScorer load(Path dir, Collection<String> languages) {
        try {
            ModelMetadata metadata;
            try (InputStream in = Files.newInputStream(dir.resolve(ModelMetadata.FILE))) {
                metadata = ModelMetadata.read(in, dir.resolve(ModelMetadata.FILE).toString());
            }
            Map<String, LinearClassifier<String, String>> classifiers = new LinkedHashMap<>();
            for (String label : Labels.ALL) {
                Path file = dir.resolve(fileName(label));
                try (InputStream in = Files.newInputStream(file)) {
                    classifiers.put(label, readClassifier(in, file.toString()));
                }
            }
            LOG.info("model {} loaded from {}", metadata.modelVersion(), dir);
            return new ModelScorer(metadata, FeatureExtractor.create(languages, bucketsOf(metadata)), classifiers);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no model in " + dir + ": missing " + e.getFile(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model in " + dir, e);
        }
    }

    /** Writes the model files into {@code dir} (created if needed). */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String label : Labels.ALL) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(fileName(label))));
                 ObjectOutputStream object = new ObjectOutputStream(out)) {
                object.writeObject(classifiers.get(label));
            }
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve(ModelMetadata.FILE))) {
            metadata.write(out);
        }
    }

    /** The file name of {@code label}'s model, e.g. {@code cloud-outage.ser.gz}. */
    public static String fileName(String label) {
        return Labels.requireKnown(label) + ".ser.gz";
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public FeatureExtractor extractor() {
        return extractor;
    }

    /** The model's threshold for {@code label}, tuned by cross-validation over TRAIN+DEV (never on TEST). */
    @Override
    public double threshold(String label) {
        return metadata.threshold(label);
    }

    @Override
    public boolean supports(String language) {
        return extractor.supports(language) && metadata.languages().contains(language);
    }

    @Override
    public String modelVersion() {
        return metadata.modelVersion();
    }

    /**
     * Probabilities through {@link FeatureExtractor#tally} and {@link FeatureExtractor#logits} (no
     * feature names, spans or descriptions built); evidence is computed only when asked for, from the
     * same tally.
     */
    @Override
    public LabelScores score(String title, String body, String language) {
        FeatureExtractor.Tally tally = extractor.tally(title, body, language);
        double[] logits = FeatureExtractor.logits(tally, weights);
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < logits.length; i++) {
            scores.put(Labels.ALL.get(i), 1.0 / (1.0 + Math.exp(-logits[i])));
        }
        return new LabelScores(scores, label -> evidence(Labels.ALL.indexOf(label), new TallyFeatures(tally), title, body));
    }

    /** The article's features as {@link #evidence} reads them: in creation order, with values, spans, descriptions. */
    private interface Features {
        int size();

        String name(int k);

        double value(int k);

        List<FeatureSpan> spans(int k);

        String describe(int k);
    }

    private record TallyFeatures(FeatureExtractor.Tally tally) implements Features {
        public int size() {
            return tally.size();
        }

        public String name(int k) {
            return tally.name(k);
        }

        public double value(int k) {
            return tally.value(k);
        }

        public List<FeatureSpan> spans(int k) {
            return tally.spans(k);
        }

        public String describe(int k) {
            return tally.describe(k);
        }
    }

    /** The full features of {@link FeatureExtractor#extract}: the reference for the tally (tests). */
    private static final class FullFeatures implements Features {
        private final ArticleFeatures features;
        private final List<Map.Entry<String, Double>> entries;

        FullFeatures(ArticleFeatures features) {
            this.features = features;
            this.entries = new ArrayList<>(features.values().entrySet());
        }

        public int size() {
            return entries.size();
        }

        public String name(int k) {
            return entries.get(k).getKey();
        }

        public double value(int k) {
            return entries.get(k).getValue();
        }

        public List<FeatureSpan> spans(int k) {
            return features.spansOf(name(k));
        }

        public String describe(int k) {
            return features.describe(name(k));
        }
    }

    /** Evidence of {@code label} from the full features: the reference for {@link #score}'s evidence (tests). */
    List<Evidence> referenceEvidence(String title, String body, String language, String label) {
        return evidence(Labels.ALL.indexOf(label), new FullFeatures(extractor.extract(title, body, language)), title, body);
    }

    /** Logits of every label from the full features: the reference for the fast path (tests). */
    double[] referenceLogits(String title, String body, String language) {
        double[] logits = new double[Labels.ALL.size()];
        for (Map.Entry<String, Double> entry : extractor.extract(title, body, language).values().entrySet()) {
            double[] delta = deltas.get(entry.getKey());
            if (delta != null) {
                for (int i = 0; i < logits.length; i++) {
                    logits[i] += delta[i] * entry.getValue();
                }
            }
        }
        return logits;
    }

    /**
     * Probability of {@value #YES} for every label through CoreNLP's own {@code probabilityOf}, without
     * evidence: the reference path (training, evaluation); {@link #score} computes the same faster.
     */
    public Map<String, Double> probabilities(String title, String body, String language) {
        RVFDatum<String, String> datum = datum(extractor.extract(title, body, language));
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String label : Labels.ALL) {
            scores.put(label, classifiers.get(label).probabilityOf(datum).getCount(YES));
        }
        return scores;
    }

    /** The datum CoreNLP scores: feature name to value (no label). */
    static RVFDatum<String, String> datum(ArticleFeatures features) {
        Counter<String> counter = new ClassicCounter<>(features.size() * 2);
        features.values().forEach(counter::setCount);
        return new RVFDatum<>(counter);
    }

    /**
     * Credits each feature's positive contribution ((w_yes - w_no) * value) to its spans, sums per
     * span and keeps the strongest spans; the description of the strongest feature names the span.
     */
    private List<Evidence> evidence(int label, Features features, String title, String body) {
        Map<FeatureSpan, double[]> credit = new HashMap<>();
        Map<FeatureSpan, String> bestName = new HashMap<>();
        Map<FeatureSpan, Double> bestContribution = new HashMap<>();
        int n = features.size();
        for (int k = 0; k < n; k++) {
            double[] delta = deltas.get(features.name(k));
            if (delta == null) {
                continue;
            }
            double contribution = delta[label] * features.value(k);
            if (contribution <= 0) {
                continue;
            }
            List<FeatureSpan> spans = features.spans(k);
            if (spans.isEmpty()) {
                continue;
            }
            double share = contribution / spans.size();
            for (FeatureSpan span : spans) {
                credit.computeIfAbsent(span, key -> new double[1])[0] += share;
                if (share > bestContribution.getOrDefault(span, 0.0)) {
                    bestContribution.put(span, share);
                    bestName.put(span, features.describe(k));
                }
            }
        }
        List<Map.Entry<FeatureSpan, double[]>> ranked = new ArrayList<>(credit.entrySet());
        ranked.sort((x, y) -> {
            int byWeight = Double.compare(y.getValue()[0], x.getValue()[0]);
            if (byWeight != 0) {
                return byWeight;
            }
            int byField = y.getKey().field().compareTo(x.getKey().field()); // title before body on ties
            return byField != 0 ? byField : Integer.compare(x.getKey().start(), y.getKey().start());
        });
        List<Evidence> out = new ArrayList<>(MAX_EVIDENCE);
        for (Map.Entry<FeatureSpan, double[]> entry : ranked) {
            if (out.size() == MAX_EVIDENCE) {
                break;
            }
            FeatureSpan span = entry.getKey();
            String text = "title".equals(span.field()) ? title : body;
            out.add(Evidence.newBuilder()
                    .setField(span.field())
                    .setStart(span.start())
                    .setEnd(span.end())
                    .setText(text.substring(span.start(), span.end()))
                    .setConcept(bestName.get(span))
                    .setWeight(Math.max(0.001, Math.round(entry.getValue()[0] * 1000.0) / 1000.0))
                    .build());
        }
        return out;
    }

    private static int bucketsOf(ModelMetadata metadata) {
        String config = metadata.featureConfig();
        int at = config.lastIndexOf('@');
        try {
            return at < 0 ? FeatureExtractor.DEFAULT_HASH_BUCKETS : Integer.parseInt(config.substring(at + 1));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("model " + metadata.modelVersion() + ": bad feature config " + config, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ModelScorer.class.getResourceAsStream(RESOURCE_ROOT + name);
        if (in == null) {
            throw new IllegalStateException("missing model resource " + RESOURCE_ROOT + name
                    + ": train one with ./newsroute train");
        }
        return in;
    }

    @SuppressWarnings("unchecked")
    private static LinearClassifier<String, String> readClassifier(InputStream raw, String source) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new GZIPInputStream(new BufferedInputStream(raw)))) {
            in.setObjectInputFilter(ModelScorer::allowed);
            Object object = in.readObject();
            if (!(object instanceof LinearClassifier<?, ?> classifier)) {
                throw new IllegalStateException(source + ": not a LinearClassifier but "
                        + (object == null ? "null" : object.getClass().getName()));
            }
            return (LinearClassifier<String, String>) classifier;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(source + ": unknown class " + e.getMessage(), e);
        }
    }

    /** Only CoreNLP and JDK classes (and arrays of them) may appear in a model file. */
    private static ObjectInputFilter.Status allowed(ObjectInputFilter.FilterInfo info) {
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        String name = type.getName();
        boolean ok = type.isPrimitive() || name.startsWith("edu.stanford.nlp.") || name.startsWith("java.");
        return ok ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }

    @Override
    public String toString() {
        return "ModelScorer[" + metadata.modelVersion() + "]";
    }
}
