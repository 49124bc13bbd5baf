package io.newsroute.classify.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.util.Triple;

/**
 * CoreNLP NER with one CRF model per language, loaded without a pipeline (the default English
 * pipeline costs ~820 MB and 370-530 ms per article; a single CRF ~11 ms). {@code classifyToCharacterOffsets}
 * is thread-safe on a loaded classifier. Only the configured languages are loaded, each on first use
 * (the first labelled article in that language waits a few seconds): a stream that never sees a
 * labelled French article never spends the ~300 MB of the French model.
 */
final class CoreNlpNerTagger implements NerTagger {
    private static final Logger LOG = LoggerFactory.getLogger(CoreNlpNerTagger.class);

    /** The model resource per language, from the stanford-corenlp models jars. */
    static final Map<String, String> MODELS = Map.of(
            "de", "edu/stanford/nlp/models/ner/german.distsim.crf.ser.gz",
            "en", "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz",
            "fr", "edu/stanford/nlp/models/ner/french-wikiner-4class.crf.ser.gz",
            "es", "edu/stanford/nlp/models/ner/spanish.ancora.distsim.s512.crf.ser.gz");

    private final Set<String> languages;
    private final Map<String, CRFClassifier<CoreLabel>> classifiers = new ConcurrentHashMap<>();

    private CoreNlpNerTagger(Set<String> languages) {
        this.languages = Set.copyOf(languages);
    }

    /**
     * A tagger for these languages; each model loads on first use.
     *
     * @throws IllegalArgumentException for a language without a CoreNLP NER model
     * @throws IllegalStateException when a model resource is missing from the classpath
     */
    static CoreNlpNerTagger load(Set<String> languages) {
        for (String language : languages) {
            String model = MODELS.get(language);
            if (model == null) {
                throw new IllegalArgumentException("no NER model for language " + language);
            }
            if (CoreNlpNerTagger.class.getClassLoader().getResource(model) == null) {
                throw new IllegalStateException("NER model " + model + " for " + language
                        + " is not on the classpath (the stanford-corenlp models jar is missing)");
            }
        }
        return new CoreNlpNerTagger(languages);
    }

    private static CRFClassifier<CoreLabel> loadModel(String language) {
        String model = MODELS.get(language);
        long t0 = System.nanoTime();
        try {
            CRFClassifier<CoreLabel> classifier = CRFClassifier.getClassifier(model);
            LOG.info("NER model for {} loaded in {} ms: {}", language, (System.nanoTime() - t0) / 1_000_000, model);
            return classifier;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load NER model " + model + " for " + language, e);
        }
    }

    @Override
    public Set<String> languages() {
        return languages;
    }

    @Override
    public List<Span> tag(String text, String language) {
        if (!languages.contains(language) || text.isBlank()) {
            return List.of();
        }
        CRFClassifier<CoreLabel> classifier = classifiers.computeIfAbsent(language, CoreNlpNerTagger::loadModel);
        List<Span> spans = new ArrayList<>();
        for (Triple<String, Integer, Integer> t : classifier.classifyToCharacterOffsets(text)) {
            String type = normaliseType(t.first());
            if (type != null && t.second() >= 0 && t.third() <= text.length() && t.second() < t.third()) {
                spans.add(new Span(t.second(), t.third(), type));
            }
        }
        return spans;
    }

    /** Model tag sets differ (PERSON, I-PER, PERS, ORGANIZATION, I-ORG, LOCATION, LUG...): map to ours. */
    static String normaliseType(String tag) {
        String t = tag.toUpperCase(java.util.Locale.ROOT);
        if (t.contains("PER")) {
            return "PERSON";
        }
        if (t.contains("ORG")) {
            return "ORG";
        }
        if (t.contains("LOC") || t.contains("LUG") || t.contains("GPE")) {
            return "PLACE";
        }
        return null;
    }
}
