package io.newsroute.classify.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsroute.schema.Entity;
import io.newsroute.schema.Facts;
import io.newsroute.schema.Labels;
import io.newsroute.schema.serde.AvroTrust;

/**
 * Entities and per-label facts of one article: the extract stage (config namespace {@code extract.}).
 *
 * <p>Reads the normalised title and body, the detected language and the labels the classifier gave;
 * adds {@code entities} and {@code facts} of the {@code EnrichedArticle}. A cascade keeps the stream
 * cheap: gazetteers and patterns (cloud providers and services, regions such as {@code us-east-1},
 * tickers and exchanges, listed companies, platforms, numbers in each language's notation) run on
 * every article; the CoreNLP NER CRF model of the article's language runs only when the article
 * carries at least one label, and facts are filled only for the labels given.
 *
 * <p>Build once with {@link #create} (loads the configured NER models: seconds and 100-400 MB each);
 * {@link #extract} is thread-safe and keeps no state between articles.
 */
public final class Extractor {
    private static final Logger LOG = LoggerFactory.getLogger(Extractor.class);

    static {
        AvroTrust.install();
    }

    private final Gazetteer gazetteer;
    private final Map<String, LanguageRules> rules;
    private final Map<String, Quantities> quantities;
    private final Map<String, Times> times;
    private final LanguageRules fallbackRules;
    private final Quantities fallbackQuantities;
    private final Times fallbackTimes;
    private final NerTagger ner;
    private final int nerMaxChars;

    private Extractor(NerTagger ner, int nerMaxChars) {
        this.gazetteer = Gazetteer.loadDefault();
        this.rules = LanguageRules.loadAll();
        Map<String, Quantities> q = new LinkedHashMap<>();
        rules.forEach((code, r) -> q.put(code, new Quantities(r)));
        this.quantities = Map.copyOf(q);
        Map<String, Times> tm = new LinkedHashMap<>();
        rules.forEach((code, r) -> tm.put(code, new Times(r)));
        this.times = Map.copyOf(tm);
        this.fallbackRules = LanguageRules.union(rules);
        this.fallbackQuantities = new Quantities(fallbackRules);
        this.fallbackTimes = new Times(fallbackRules);
        this.ner = Objects.requireNonNull(ner, "ner");
        this.nerMaxChars = nerMaxChars;
    }

    /** Loads the gazetteer, the per-language rules and the NER models of {@code extract.ner.languages}. */
    public static Extractor create(ExtractConfig config) {
        Set<String> languages = config.nerLanguages();
        NerTagger ner = languages.isEmpty() ? NerTagger.NONE : CoreNlpNerTagger.load(languages);
        Extractor extractor = new Extractor(ner, config.nerMaxChars());
        LOG.info("extractor ready: NER for {}, rules for {}", languages, LanguageRules.LANGUAGES);
        return extractor;
    }

    /** With another NER component (tests observe the cascade through it). */
    static Extractor create(ExtractConfig config, NerTagger ner) {
        return new Extractor(ner, config.nerMaxChars());
    }

    /**
     * Extracts entities and the facts of the given labels.
     *
     * @param title    normalised title (evidence offsets point into it), may be empty
     * @param body     normalised body, may be empty
     * @param language ISO 639-1 code of the article, or "und"
     * @param labels   labels the article carries; empty: no NER and no facts
     * @return entities (gazetteer, patterns, and NER for labelled articles) and facts, never null
     */
    public Extraction extract(String title, String body, String language, Set<String> labels) {
        return extract(title, body, language, labels, null);
    }

    /**
     * Like {@link #extract(String, String, String, Set)}, with the publication time, which dates outage start and
     * end times written without a date ("seit 9:40 Uhr MEZ").
     *
     * @param publishedAt publication time, or null when unknown
     */
    public Extraction extract(String title, String body, String language, Set<String> labels, java.time.Instant publishedAt) {
        String t = title == null ? "" : title;
        String b = body == null ? "" : body;
        String lang = language == null ? "und" : language.toLowerCase(Locale.ROOT);
        Set<String> wanted = labels == null ? Set.of() : labels;
        LanguageRules languageRules = rules.getOrDefault(lang, fallbackRules);
        Quantities languageQuantities = quantities.getOrDefault(lang, fallbackQuantities);
        Text titleText = new Text(Text.TITLE, t);
        Text bodyText = new Text(Text.BODY, b);

        List<Article.Mention> mentions = new ArrayList<>();
        List<Text> texts = List.of(titleText, bodyText);
        List<List<Gazetteer.Hit>> hits = gazetteer.findAll(texts.stream().map(Text::text).toList());
        for (int i = 0; i < texts.size(); i++) {
            for (Gazetteer.Hit hit : hits.get(i)) {
                mentions.add(new Article.Mention(new Text.Span(texts.get(i).field(), hit.start(), hit.end(), hit.text()), hit));
            }
        }
        List<Article.Named> named = new ArrayList<>();
        if (!wanted.isEmpty() && ner.languages().contains(lang)) {
            for (Text text : List.of(titleText, bodyText)) {
                String input = text.text().length() > nerMaxChars ? text.text().substring(0, nerMaxChars) : text.text();
                for (NerTagger.Span s : ner.tag(input, lang)) {
                    named.add(new Article.Named(new Text.Span(text.field(), s.start(), s.end(),
                            input.substring(s.start(), s.end())), s.type()));
                }
            }
        }
        Article article = new Article(titleText, bodyText, languageRules, languageQuantities, mentions, named,
                times.getOrDefault(lang, fallbackTimes), publishedAt);

        List<Entity> entities = entities(article);
        Facts.Builder facts = Facts.newBuilder();
        if (wanted.contains(Labels.CLOUD_OUTAGE)) {
            facts.setOutage(FactRules.outage(article, gazetteer));
        }
        if (wanted.contains(Labels.SECURITY_BREACH)) {
            facts.setBreach(FactRules.breach(article, gazetteer));
        }
        if (wanted.contains(Labels.STOCK_COMMENTARY)) {
            facts.setStock(FactRules.stock(article, gazetteer));
        }
        return new Extraction(entities, facts.build());
    }

    private static List<Entity> entities(Article a) {
        List<Entity> entities = new ArrayList<>();
        for (Article.Mention m : a.mentions) {
            Gazetteer.Entry e = m.hit().entries().get(0);
            entities.add(entity(m.span(), typeOf(e.type()), e.id()));
        }
        for (Text.Span s : FactRules.regionSpans(a)) {
            entities.add(entity(s, "REGION", s.text().toLowerCase(Locale.ROOT).replace(' ', '-')));
        }
        for (Article.Named n : a.named) {
            boolean overlaps = a.mentions.stream().anyMatch(m -> m.span().field().equals(n.span().field())
                    && m.span().start() < n.span().end() && n.span().start() < m.span().end());
            if (!overlaps) {
                entities.add(entity(n.span(), n.type(), slug(n.span().text())));
            }
        }
        entities.sort((x, y) -> x.getField().equals(y.getField()) ? Integer.compare(x.getStart(), y.getStart())
                : x.getField().equals(Text.TITLE) ? -1 : 1);
        return entities;
    }

    private static String typeOf(String gazetteerType) {
        return switch (gazetteerType) {
            case "provider", "company", "platform", "media" -> "ORG";
            case "service" -> "PRODUCT";
            case "exchange" -> "EXCHANGE";
            case "attacker" -> "THREAT_ACTOR";
            default -> gazetteerType.toUpperCase(Locale.ROOT);
        };
    }

    private static Entity entity(Text.Span s, String type, String normalized) {
        return Entity.newBuilder().setText(s.text()).setType(type).setNormalized(normalized)
                .setField(s.field()).setStart(s.start()).setEnd(s.end()).build();
    }

    static String slug(String text) {
        String s = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "unknown" : s;
    }
}
