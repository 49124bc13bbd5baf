package io.newsroute.classify.train;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One item of the labelled corpus ({@code corpus/<lang>/articles.jsonl}).
 *
 * @param id     unique id, e.g. {@code de-0001}; decides the {@link Split}
 * @param lang   ISO 639-1 code: the corpus folder name
 * @param title  title, possibly empty
 * @param body   body, possibly empty (headline-only items)
 * @param labels gold labels, a subset of {@code Labels.ALL}
 * @param kind   {@code positive | multi | hard-negative | negative | headline} (free text otherwise)
 */
public record LabelledArticle(String id, String lang, String title, String body, Set<String> labels, String kind) {
    public static final String HARD_NEGATIVE = "hard-negative";

    public LabelledArticle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lang, "lang");
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        labels = Set.copyOf(new TreeSet<>(labels));
        kind = kind == null ? "" : kind;
    }

    /** The split of this item, by the fixed rule of {@link Split#of}. */
    public Split split() {
        return Split.of(id);
    }

    public boolean isHardNegative() {
        return HARD_NEGATIVE.equals(kind);
    }
}
