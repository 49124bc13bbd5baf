package io.newsroute.sink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.newsroute.schema.BreachFacts;
import io.newsroute.schema.EnrichedArticle;
import io.newsroute.schema.Entity;
import io.newsroute.schema.Evidence;
import io.newsroute.schema.Facts;
import io.newsroute.schema.Label;
import io.newsroute.schema.LanguageInfo;
import io.newsroute.schema.OutageFacts;
import io.newsroute.schema.StockFacts;

/**
 * Maps an {@link EnrichedArticle} to the JSON document of the {@code news} index (see
 * {@code news-mapping.json}). The document id is the article id.
 *
 * <p>Null fields are left out. Timestamps are ISO-8601 strings (UTC). The body (and title) is
 * copied into {@code body_<lang>} ({@code title_<lang>}) when the article's language has an
 * analyzer in the mapping, so German text is stemmed by the {@code german} analyzer and so on;
 * the {@code standard}-analysed {@code title} and {@code body} are always there. Evidence is
 * flattened per label into the matched texts; entities into their distinct normalised forms.
 * The result contains only strings, numbers, booleans, lists and maps.
 */
public final class ArticleDocument {
    private ArticleDocument() {
    }

    public static Map<String, Object> of(EnrichedArticle article) {
        Objects.requireNonNull(article, "article");
        Map<String, Object> doc = new LinkedHashMap<>();
        put(doc, "id", str(article.getId()));
        put(doc, "url", str(article.getUrl()));
        put(doc, "source", str(article.getSource()));
        String title = str(article.getTitle());
        String body = str(article.getBody());
        put(doc, "title", title);
        put(doc, "body", body);
        put(doc, "publishedAt", time(article.getPublishedAt()));
        put(doc, "fetchedAt", time(article.getFetchedAt()));
        put(doc, "processedAt", time(article.getProcessedAt()));

        LanguageInfo language = article.getLanguage();
        if (language != null) {
            String code = str(language.getCode());
            put(doc, "language", code);
            put(doc, "languageConfidence", finite(language.getConfidence()));
            put(doc, "languageRunnerUp", str(language.getRunnerUp()));
            put(doc, "titleLanguage", str(language.getTitleCode()));
            put(doc, "classificationSupported", language.getClassificationSupported());
            LanguageFields.supported(code).ifPresent(lang -> {
                put(doc, LanguageFields.TITLE_PREFIX + lang, title);
                put(doc, LanguageFields.BODY_PREFIX + lang, body);
            });
        }

        List<String> labels = new ArrayList<>();
        Map<String, Object> evidence = new TreeMap<>();
        for (Label label : nonNull(article.getLabels())) {
            String name = str(label.getName());
            if (name == null || labels.contains(name)) {
                continue;
            }
            labels.add(name);
            Set<String> texts = new LinkedHashSet<>();
            for (Evidence e : nonNull(label.getEvidence())) {
                String text = str(e.getText());
                if (text != null && !text.isBlank()) {
                    texts.add(text);
                }
            }
            if (!texts.isEmpty()) {
                evidence.put(name, List.copyOf(texts));
            }
        }
        doc.put("labels", labels);
        Map<String, Object> scores = new TreeMap<>();
        if (article.getScores() != null) {
            article.getScores().forEach((name, score) -> {
                if (name != null && score != null && Double.isFinite(score)) {
                    scores.put(name.toString(), score);
                }
            });
        }
        doc.put("scores", scores);
        if (!evidence.isEmpty()) {
            doc.put("evidence", evidence);
        }

        Set<String> entities = new LinkedHashSet<>();
        Set<String> entityTypes = new LinkedHashSet<>();
        for (Entity entity : nonNull(article.getEntities())) {
            String normalized = str(entity.getNormalized());
            if (normalized != null && !normalized.isBlank()) {
                entities.add(normalized);
            }
            String type = str(entity.getType());
            if (type != null && !type.isBlank()) {
                entityTypes.add(type);
            }
        }
        doc.put("entities", List.copyOf(entities));
        doc.put("entityTypes", List.copyOf(entityTypes));

        Map<String, Object> facts = facts(article.getFacts());
        if (!facts.isEmpty()) {
            doc.put("facts", facts);
        }
        put(doc, "modelVersion", str(article.getModelVersion()));
        put(doc, "pipelineVersion", str(article.getPipelineVersion()));
        put(doc, "version", article.getVersion());
        put(doc, "storyId", str(article.getStoryId()));
        put(doc, "duplicateOf", str(article.getDuplicateOf()));
        return doc;
    }

    private static Map<String, Object> facts(Facts facts) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (facts == null) {
            return out;
        }
        OutageFacts outage = facts.getOutage();
        if (outage != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            put(o, "provider", str(outage.getProvider()));
            putList(o, "regions", outage.getRegions());
            putList(o, "services", outage.getServices());
            putList(o, "affectedCustomers", outage.getAffectedCustomers());
            put(o, "cause", str(outage.getCause()));
            put(o, "start", time(outage.getStart()));
            put(o, "end", time(outage.getEnd()));
            put(o, "durationMinutes", outage.getDurationMinutes());
            out.put("outage", o);
        }
        BreachFacts breach = facts.getBreach();
        if (breach != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            put(b, "victim", str(breach.getVictim()));
            put(b, "attackType", str(breach.getAttackType()));
            put(b, "recordsAffected", breach.getRecordsAffected());
            putList(b, "dataTypes", breach.getDataTypes());
            put(b, "attacker", str(breach.getAttacker()));
            out.put("breach", b);
        }
        StockFacts stock = facts.getStock();
        if (stock != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            put(s, "company", str(stock.getCompany()));
            put(s, "ticker", str(stock.getTicker()));
            put(s, "exchange", str(stock.getExchange()));
            put(s, "price", finite(stock.getPrice()));
            put(s, "currency", str(stock.getCurrency()));
            put(s, "changePercent", finite(stock.getChangePercent()));
            put(s, "direction", str(stock.getDirection()));
            put(s, "analystRating", str(stock.getAnalystRating()));
            put(s, "priceTarget", finite(stock.getPriceTarget()));
            out.put("stock", s);
        }
        return out;
    }

    private static void put(Map<String, Object> doc, String key, Object value) {
        if (value != null) {
            doc.put(key, value);
        }
    }

    private static void putList(Map<String, Object> doc, String key, List<? extends CharSequence> values) {
        List<String> strings = new ArrayList<>();
        for (CharSequence value : nonNull(values)) {
            if (value != null) {
                strings.add(value.toString());
            }
        }
        if (!strings.isEmpty()) {
            doc.put(key, strings);
        }
    }

    /** Avro may hand out {@code Utf8} for strings depending on the reader; normalise to String. */
    private static String str(CharSequence value) {
        return value == null ? null : value.toString();
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** NaN and infinities are not valid JSON numbers: leave them out. */
    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
