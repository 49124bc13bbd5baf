package io.newsroute.classify.stage;

import java.util.Optional;

import io.newsroute.schema.RawArticle;

/**
 * Stage {@code validate}: rejects articles that cannot or should not be classified. Reads every
 * field of the raw article; adds nothing. Rejects a blank id, an article whose title and body are
 * both blank, a body longer than {@code classify.max.body.chars}, a title longer than
 * {@code classify.max.title.chars}, and an id, url, source, language hint or content type longer than
 * {@code classify.max.field.chars}. The length checks run before any other work, so a huge record
 * costs nothing beyond its decoding. Every reason names the field, its size and the key that bounds
 * it. Stateless and thread-safe.
 */
public final class ArticleValidator {
    private final int maxBodyChars;
    private final int maxTitleChars;
    private final int maxFieldChars;

    /**
     * A validator that bounds body and title by the same limit and the short fields not at all.
     *
     * @param maxChars the value of {@code classify.max.body.chars}
     */
    public ArticleValidator(int maxChars) {
        this(maxChars, maxChars, Integer.MAX_VALUE);
    }

    /**
     * @param maxBodyChars  the value of {@code classify.max.body.chars}
     * @param maxTitleChars the value of {@code classify.max.title.chars}
     * @param maxFieldChars the value of {@code classify.max.field.chars}
     */
    public ArticleValidator(int maxBodyChars, int maxTitleChars, int maxFieldChars) {
        this.maxBodyChars = maxBodyChars;
        this.maxTitleChars = maxTitleChars;
        this.maxFieldChars = maxFieldChars;
    }

    /** @return the reason the article is rejected, or empty when it is valid */
    public Optional<String> check(RawArticle raw) {
        if (raw == null) {
            return Optional.of("null article");
        }
        String title = raw.getTitle() == null ? "" : raw.getTitle();
        String body = raw.getBody() == null ? "" : raw.getBody();
        if (body.length() > maxBodyChars) {
            return Optional.of("body has " + body.length() + " chars, more than classify.max.body.chars=" + maxBodyChars);
        }
        if (title.length() > maxTitleChars) {
            String key = maxTitleChars == maxBodyChars && maxFieldChars == Integer.MAX_VALUE
                    ? "classify.max.body.chars" : "classify.max.title.chars";
            return Optional.of("title has " + title.length() + " chars, more than " + key + "=" + maxTitleChars);
        }
        Optional<String> tooLong = tooLong("id", raw.getId())
                .or(() -> tooLong("url", raw.getUrl()))
                .or(() -> tooLong("source", raw.getSource()))
                .or(() -> tooLong("languageHint", raw.getLanguageHint()))
                .or(() -> tooLong("contentType", raw.getContentType()));
        if (tooLong.isPresent()) {
            return tooLong;
        }
        if (raw.getId() == null || raw.getId().isBlank()) {
            return Optional.of("article id is blank");
        }
        if (title.isBlank() && body.isBlank()) {
            return Optional.of("empty title and body: nothing to classify");
        }
        return Optional.empty();
    }

    private Optional<String> tooLong(String field, CharSequence value) {
        if (value != null && value.length() > maxFieldChars) {
            return Optional.of(field + " has " + value.length() + " chars, more than classify.max.field.chars=" + maxFieldChars);
        }
        return Optional.empty();
    }
}
