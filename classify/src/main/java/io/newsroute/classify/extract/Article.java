package io.newsroute.classify.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the fact rules read about one article, computed once: both fields, the gazetteer hits,
 * NER spans (empty for unlabelled articles), the language's rules. Not shared between threads.
 */
final class Article {
    /** A gazetteer hit located in a field. */
    record Mention(Text.Span span, Gazetteer.Hit hit) {
        boolean inTitle() {
            return span.field().equals(Text.TITLE);
        }
    }

    /** A NER span located in a field. */
    record Named(Text.Span span, String type) {
    }

    final Text title;
    final Text body;
    final LanguageRules rules;
    final Quantities quantities;
    final List<Mention> mentions;
    final List<Named> named;
    final Times times;
    /** Publication time, or null when unknown: resolves times stated without a date. */
    final java.time.Instant publishedAt;

    Article(Text title, Text body, LanguageRules rules, Quantities quantities, List<Mention> mentions, List<Named> named) {
        this(title, body, rules, quantities, mentions, named, new Times(rules), null);
    }

    Article(Text title, Text body, LanguageRules rules, Quantities quantities, List<Mention> mentions, List<Named> named,
            Times times, java.time.Instant publishedAt) {
        this.title = title;
        this.body = body;
        this.rules = rules;
        this.quantities = quantities;
        this.mentions = mentions;
        this.named = named;
        this.times = times;
        this.publishedAt = publishedAt;
    }

    List<Text> fields() {
        return List.of(title, body);
    }

    Text field(String name) {
        return Text.TITLE.equals(name) ? title : body;
    }

    /** Matches of a pattern in title then body. */
    List<Text.Span> find(Pattern pattern) {
        List<Text.Span> spans = new ArrayList<>(title.find(pattern));
        spans.addAll(body.find(pattern));
        return spans;
    }

    /** Matches not preceded, in their sentence, by a negation (within 40 chars) or a hedge. */
    List<Text.Span> findAsserted(Pattern pattern) {
        Pattern negation = rules.term("negation");
        Pattern hedge = rules.term("hedge");
        List<Text.Span> kept = new ArrayList<>();
        for (Text.Span span : find(pattern)) {
            if (insideMention(span)) {
                continue; // "Insider" in "Business Insider", "Hack" in a product name
            }
            Text text = field(span.field());
            int sentence = text.sentenceStart(span.start());
            String before = text.text().substring(Math.max(sentence, span.start() - 40), span.start());
            String wholeBefore = text.text().substring(Math.max(sentence, span.start() - 160), span.start());
            if (negation.matcher(before).find() || hedge.matcher(wholeBefore).find()) {
                continue;
            }
            kept.add(span);
        }
        return kept;
    }

    boolean insideMention(Text.Span span) {
        return mentions.stream().anyMatch(m -> m.span().field().equals(span.field())
                && m.span().start() < span.end() && span.start() < m.span().end());
    }

    /** Score of a set of spans: three per title occurrence, one per body occurrence. */
    static double weight(List<Text.Span> spans) {
        double w = 0;
        for (Text.Span s : spans) {
            w += s.field().equals(Text.TITLE) ? 3 : 1;
        }
        return w;
    }

    static Comparator<Text.Span> byPosition() {
        return Comparator.comparing((Text.Span s) -> s.field().equals(Text.TITLE) ? 0 : 1).thenComparingInt(Text.Span::start);
    }

    Optional<Mention> firstOf(String entityId) {
        return mentions.stream().filter(m -> m.hit().entries().stream().anyMatch(e -> e.id().equals(entityId))).findFirst();
    }
}
