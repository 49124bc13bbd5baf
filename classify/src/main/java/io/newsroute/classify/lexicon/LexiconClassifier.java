package io.newsroute.classify.lexicon;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.classify.model.LabelScorer;
import io.newsroute.classify.model.LabelScores;
import io.newsroute.schema.Evidence;
import io.newsroute.schema.Labels;

/**
 * Stage {@code classify}, first model: a per-language concept lexicon scorer. Reads the normalised
 * {@code title} and {@code body} and the detected language; adds {@code scores} (all labels) and
 * the evidence of each label. Thresholds ({@code classify.threshold.*}) are applied by the caller.
 *
 * <p>How it scores: the language's {@link Lexicon} (plus the common one) finds concept matches.
 * Attack and breach terms in a sentence with a speculation cue ("vermuteten ... Cyberangriff",
 * "a suspected cyberattack") or a few words after a negation cue in the same clause ("keine ...
 * Cyberhacker") are dropped. Each label's probability is a logistic function of hand-set weights
 * ({@code lexicon/weights.properties}) over capped counts ({@code log(1 + n)}) and interactions
 * that state the label definitions:
 * <ul>
 *   <li>cloud-outage: an outage term in the same sentence as a cloud provider, service, region or
 *       the word cloud; a power cut alone does not count;</li>
 *   <li>security-breach: a breach term, or breached data in the same sentence as a theft or leak
 *       verb; attack terms help; benign security news (bug bounties, patches) counts against;</li>
 *   <li>stock-commentary: a share or exchange term in the same sentence as a price move, or shares
 *       talked about with investors or ratings; crypto prices and company results count against.</li>
 * </ul>
 * The weights keep each label below 0.5 unless its defining interaction is present.
 *
 * <p>A language without a lexicon folder is scored with the English and common lexicons (best
 * effort; {@link #supports} is false). Lexicons are compiled once; scoring is thread-safe.
 */
public final class LexiconClassifier implements LabelScorer {
    public static final String MODEL_VERSION = "lexicon-1";
    /** Lexicon used for languages without their own: English terms are common in tech news. */
    static final String FALLBACK_LANGUAGE = "en";
    static final int MAX_EVIDENCE = 5;
    static final int NEGATION_WINDOW_WORDS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(LexiconClassifier.class);

    private final Map<String, Lexicon> lexicons;
    private final Lexicon fallback;
    private final Map<String, Map<String, Double>> labelWeights;

    private LexiconClassifier(Map<String, Lexicon> lexicons, Lexicon fallback, Weights weights) {
        this.lexicons = Map.copyOf(lexicons);
        this.fallback = fallback;
        this.labelWeights = new LinkedHashMap<>();
        // resolve every weight now: a missing key fails at start-up, not on the first record
        for (String label : Labels.ALL) {
            Map<String, Double> byFeature = new LinkedHashMap<>();
            byFeature.put("bias", weights.get(label, "bias"));
            for (String feature : featuresOf(label)) {
                byFeature.put(feature, weights.get(label, feature));
            }
            labelWeights.put(label, Map.copyOf(byFeature));
        }
    }

    /**
     * Loads and compiles the lexicons of {@code languages} that have a folder, plus the fallback.
     *
     * @throws IllegalStateException if a lexicon or the weights are malformed
     */
    public static LexiconClassifier load(Collection<String> languages) {
        Map<String, Lexicon> lexicons = new LinkedHashMap<>();
        Set<String> wanted = new HashSet<>(languages);
        wanted.add(FALLBACK_LANGUAGE);
        for (String language : wanted) {
            Optional<Lexicon> lexicon = Lexicon.load(language);
            lexicon.ifPresent(l -> lexicons.put(language, l));
        }
        Lexicon fallback = lexicons.get(FALLBACK_LANGUAGE);
        if (fallback == null) {
            throw new IllegalStateException("missing fallback lexicon " + Lexicon.ROOT + FALLBACK_LANGUAGE);
        }
        if (!languages.contains(FALLBACK_LANGUAGE)) {
            lexicons.remove(FALLBACK_LANGUAGE);
        }
        LOG.info("lexicons loaded for {} (fallback {})", lexicons.keySet(), FALLBACK_LANGUAGE);
        return new LexiconClassifier(lexicons, fallback, Weights.load());
    }

    /** Languages with their own lexicon among those loaded. */
    public Set<String> languages() {
        return lexicons.keySet();
    }

    @Override
    public boolean supports(String language) {
        return lexicons.containsKey(language);
    }

    @Override
    public String modelVersion() {
        return MODEL_VERSION;
    }

    @Override
    public LabelScores score(String title, String body, String language) {
        Lexicon lexicon = lexicons.getOrDefault(language, fallback);
        List<ConceptMatch> all = new ArrayList<>(lexicon.find(title, "title"));
        all.addAll(lexicon.find(body, "body"));
        List<ConceptMatch> kept = dropCuedBreachTerms(all, title, body);
        Map<Concept, List<ConceptMatch>> byConcept = new EnumMap<>(Concept.class);
        for (ConceptMatch match : kept) {
            byConcept.computeIfAbsent(match.concept(), c -> new ArrayList<>()).add(match);
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, List<Evidence>> evidence = new LinkedHashMap<>();
        for (String label : Labels.ALL) {
            List<Feature> features = features(label, byConcept);
            Map<String, Double> w = labelWeights.get(label);
            double logit = w.get("bias");
            for (Feature feature : features) {
                logit += w.get(feature.name) * feature.value;
            }
            scores.put(label, sigmoid(logit));
            evidence.put(label, evidence(features, w));
        }
        return new LabelScores(scores, evidence);
    }

    // ---- features --------------------------------------------------------------------------

    private static List<String> featuresOf(String label) {
        return switch (label) {
            case Labels.CLOUD_OUTAGE -> List.of("outage", "cloud.named", "cloud.generic", "outage.near.cloud", "power.cut");
            case Labels.SECURITY_BREACH -> List.of("breach.event", "data.theft", "attack", "breach.data", "benign");
            case Labels.STOCK_COMMENTARY -> List.of("market", "exchange", "investor", "rating", "price.move",
                    "market.near.price", "market.with.investor", "crypto", "results");
            default -> throw new IllegalArgumentException("no features for label " + label);
        };
    }

    private static List<Feature> features(String label, Map<Concept, List<ConceptMatch>> m) {
        List<Feature> features = new ArrayList<>();
        switch (label) {
            case Labels.CLOUD_OUTAGE -> {
                List<ConceptMatch> outage = get(m, Concept.OUTAGE_EVENT);
                List<ConceptMatch> named = union(m, Concept.CLOUD_PROVIDER, Concept.CLOUD_SERVICE, Concept.CLOUD_REGION);
                List<ConceptMatch> cloud = union(m, Concept.CLOUD_PROVIDER, Concept.CLOUD_SERVICE, Concept.CLOUD_REGION,
                        Concept.CLOUD_GENERIC);
                features.add(Feature.count("outage", outage));
                features.add(Feature.count("cloud.named", named));
                features.add(Feature.count("cloud.generic", get(m, Concept.CLOUD_GENERIC)));
                features.add(near("outage.near.cloud", outage, cloud));
                features.add(Feature.count("power.cut", get(m, Concept.POWER_CUT)));
            }
            case Labels.SECURITY_BREACH -> {
                features.add(Feature.count("breach.event", get(m, Concept.BREACH_EVENT)));
                features.add(near("data.theft", get(m, Concept.BREACH_DATA), get(m, Concept.THEFT_VERB)));
                features.add(Feature.count("attack", get(m, Concept.ATTACK_TERM)));
                features.add(Feature.count("breach.data", get(m, Concept.BREACH_DATA)));
                features.add(Feature.count("benign", get(m, Concept.SECURITY_BENIGN)));
            }
            case Labels.STOCK_COMMENTARY -> {
                List<ConceptMatch> market = get(m, Concept.MARKET_TERM);
                List<ConceptMatch> investorOrRating = union(m, Concept.MARKET_INVESTOR, Concept.RATING);
                features.add(Feature.count("market", market));
                features.add(Feature.count("exchange", get(m, Concept.MARKET_EXCHANGE)));
                features.add(Feature.count("investor", get(m, Concept.MARKET_INVESTOR)));
                features.add(Feature.count("rating", get(m, Concept.RATING)));
                features.add(Feature.count("price.move", get(m, Concept.PRICE_MOVE)));
                features.add(near("market.near.price", union(m, Concept.MARKET_TERM, Concept.MARKET_EXCHANGE),
                        get(m, Concept.PRICE_MOVE)));
                int pairs = Math.min(market.size(), investorOrRating.size());
                List<ConceptMatch> involved = new ArrayList<>();
                if (pairs > 0) {
                    involved.addAll(market);
                    involved.addAll(investorOrRating);
                }
                features.add(new Feature("market.with.investor", Math.log1p(pairs), involved));
                features.add(Feature.count("crypto", get(m, Concept.CRYPTO)));
                features.add(Feature.count("results", get(m, Concept.RESULTS)));
            }
            default -> throw new IllegalArgumentException("no features for label " + label);
        }
        return features;
    }

    /**
     * Co-occurrence: how many matches of {@code a} share their sentence with a match of {@code b}
     * ({@code log(1 + n)}); those matches and their partners are its evidence.
     */
    private static Feature near(String name, List<ConceptMatch> a, List<ConceptMatch> b) {
        Set<Long> inB = new HashSet<>();
        for (ConceptMatch y : b) {
            inB.add(sentenceKey(y));
        }
        Set<Long> shared = new HashSet<>();
        List<ConceptMatch> involved = new ArrayList<>();
        int count = 0;
        for (ConceptMatch x : a) {
            if (inB.contains(sentenceKey(x))) {
                shared.add(sentenceKey(x));
                involved.add(x);
                count++;
            }
        }
        for (ConceptMatch y : b) {
            if (shared.contains(sentenceKey(y))) {
                involved.add(y);
            }
        }
        return new Feature(name, Math.log1p(count), involved);
    }

    private static long sentenceKey(ConceptMatch match) {
        return ("title".equals(match.field()) ? 1L << 32 : 0L) | match.sentence();
    }

    private static List<ConceptMatch> get(Map<Concept, List<ConceptMatch>> m, Concept concept) {
        return m.getOrDefault(concept, List.of());
    }

    private static List<ConceptMatch> union(Map<Concept, List<ConceptMatch>> m, Concept... concepts) {
        List<ConceptMatch> all = new ArrayList<>();
        for (Concept concept : concepts) {
            all.addAll(get(m, concept));
        }
        return all;
    }

    // ---- cues ------------------------------------------------------------------------------

    /**
     * Drops breach-side matches (attack, breach, data, theft terms) that sit in a sentence with a
     * speculation cue, or up to {@value #NEGATION_WINDOW_WORDS} words after a negation cue in the
     * same clause (no comma, colon, semicolon, parenthesis or quote in between).
     */
    static List<ConceptMatch> dropCuedBreachTerms(List<ConceptMatch> matches, String title, String body) {
        Set<Long> speculative = new HashSet<>();
        Map<Long, List<ConceptMatch>> negations = new HashMap<>();
        for (ConceptMatch match : matches) {
            if (match.concept() == Concept.CUE_SPECULATION) {
                speculative.add(sentenceKey(match));
            } else if (match.concept() == Concept.CUE_NEGATION) {
                negations.computeIfAbsent(sentenceKey(match), k -> new ArrayList<>()).add(match);
            }
        }
        List<ConceptMatch> kept = new ArrayList<>(matches.size());
        for (ConceptMatch match : matches) {
            if (match.concept() == Concept.CUE_SPECULATION || match.concept() == Concept.CUE_NEGATION) {
                continue;
            }
            if (match.concept().isBreachSide()
                    && (speculative.contains(sentenceKey(match))
                        || negated(match, negations.getOrDefault(sentenceKey(match), List.of()),
                                "title".equals(match.field()) ? title : body))) {
                continue;
            }
            kept.add(match);
        }
        return kept;
    }

    private static boolean negated(ConceptMatch match, List<ConceptMatch> negations, String text) {
        for (ConceptMatch cue : negations) {
            if (cue.end() <= match.start()
                    && inScope(text, cue.end(), match.start())) {
                return true;
            }
        }
        return false;
    }

    private static boolean inScope(String text, int from, int to) {
        int words = 0;
        boolean inWord = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (",;:()\"“”„«»".indexOf(c) >= 0) {
                return false;
            }
            boolean letter = Character.isLetterOrDigit(c);
            if (letter && !inWord && ++words > NEGATION_WINDOW_WORDS) {
                return false;
            }
            inWord = letter;
        }
        return true;
    }

    // ---- evidence --------------------------------------------------------------------------

    /** Spreads each positive feature contribution over its matches; the strongest spans win. */
    private static List<Evidence> evidence(List<Feature> features, Map<String, Double> weights) {
        Map<ConceptMatch, double[]> credit = new IdentityHashMap<>();
        for (Feature feature : features) {
            double contribution = weights.get(feature.name) * feature.value;
            if (contribution <= 0 || feature.matches.isEmpty()) {
                continue;
            }
            double share = contribution / feature.matches.size();
            for (ConceptMatch match : feature.matches) {
                credit.computeIfAbsent(match, k -> new double[1])[0] += share;
            }
        }
        List<Map.Entry<ConceptMatch, double[]>> ranked = new ArrayList<>(credit.entrySet());
        ranked.sort((x, y) -> {
            int byWeight = Double.compare(y.getValue()[0], x.getValue()[0]);
            if (byWeight != 0) {
                return byWeight;
            }
            int byField = y.getKey().field().compareTo(x.getKey().field()); // title before body on ties
            return byField != 0 ? byField : Integer.compare(x.getKey().start(), y.getKey().start());
        });
        List<Evidence> out = new ArrayList<>();
        for (Map.Entry<ConceptMatch, double[]> entry : ranked) {
            if (out.size() == MAX_EVIDENCE) {
                break;
            }
            ConceptMatch match = entry.getKey();
            out.add(Evidence.newBuilder()
                    .setField(match.field())
                    .setStart(match.start())
                    .setEnd(match.end())
                    .setText(match.text())
                    .setConcept(match.concept().id())
                    .setWeight(Math.round(entry.getValue()[0] * 1000.0) / 1000.0)
                    .build());
        }
        return out;
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** One feature value and the matches that make it up. */
    private record Feature(String name, double value, List<ConceptMatch> matches) {
        static Feature count(String name, List<ConceptMatch> matches) {
            return new Feature(name, Math.log1p(matches.size()), matches);
        }
    }
}
